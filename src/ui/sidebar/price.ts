import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import type { IInstancePrice, IPriceLookup } from '../../aws/prices';

/**
 * Where the views get instance prices from: the panel (or dialog) provides
 * the lookup (`InstancePrices.forSession(session)`), so no view calls AWS.
 */
export const PriceLookupContext = React.createContext<IPriceLookup | null>(null);

/**
 * The price of `instanceType` in `region`; undefined while it is asked.
 * Without a lookup or a region, unknown at once.
 */
export function usePrice(
  lookup: IPriceLookup | null,
  region: string | undefined,
  instanceType: string | undefined
): IInstancePrice | undefined {
  const [answer, setAnswer] = React.useState<{ key: string; price: IInstancePrice }>();
  const key = `${region}:${instanceType}`;
  React.useEffect(() => {
    if (!lookup || !region || !instanceType) {
      return;
    }
    let current = true;
    void lookup.price(region, instanceType).then(price => {
      if (current) {
        setAnswer({ key, price });
      }
    });
    return () => {
      current = false;
    };
  }, [lookup, key]);
  if (!lookup) {
    return { pricePerHour: null };
  }
  if (!region || !instanceType) {
    return { pricePerHour: null, reason: 'no-instance' };
  }
  return answer?.key === key ? answer.price : undefined;
}

/** Why the price is unknown, for the title of "price unknown". */
export function priceUnknownWhy(
  price: IInstancePrice,
  instanceType: string | undefined,
  region: string | undefined,
  trans: TranslationBundle
): string {
  switch (price.reason) {
    case 'partition':
      return trans.__(
        'The AWS Price List API has no prices for %1 (China and GovCloud regions): see the AWS pricing pages.',
        region ?? ''
      );
    case 'not-listed':
      return trans.__(
        'The AWS Price List API lists no single training price for %1 in %2.',
        instanceType ?? '',
        region ?? ''
      );
    case 'unreachable':
      return trans.__(
        'The AWS Price List API could not be asked (%1). The Jupyter server needs pricing:GetProducts (README, IAM permissions); it is asked again in 5 minutes.',
        price.detail ?? ''
      );
    case 'no-instance':
      return trans.__('The instance type or region is not known.');
    default:
      return trans.__('Prices are not looked up here.');
  }
}
