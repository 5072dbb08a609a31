import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import type { IPriceLookup } from '../../aws/prices';
import { formatCost, maxJobCost } from '../../jobs/cost';
import { priceUnknownWhy, usePrice } from '../sidebar/price';

/** `24 h`, `1.5 h`, `0.25 h`: a max runtime in hours, to two decimals at most. */
function hours(seconds: number): string {
  return String(Math.round((seconds / 3600) * 100) / 100);
}

/**
 * The most the job can cost before it is submitted: price × count × max
 * runtime. Spot bills less, never more than on demand, so with spot this is
 * the ceiling.
 */
export function MaxCost(props: {
  prices: IPriceLookup | null;
  region: string;
  instanceType: string;
  instanceCount: number;
  maxRuntimeSeconds: number;
  spot: boolean;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans, region, instanceType, instanceCount, maxRuntimeSeconds, spot } = props;
  const price = usePrice(props.prices, region, instanceType);
  const valid = instanceCount > 0 && maxRuntimeSeconds > 0;
  const amount = valid ? maxJobCost(price?.pricePerHour, instanceCount, maxRuntimeSeconds) : null;
  let text: string;
  let title: string | undefined;
  if (price === undefined) {
    text = trans.__('Maximum cost: looking up the price of %1…', instanceType);
  } else if (price.pricePerHour === null) {
    text = trans.__(
      'Maximum cost: price unknown (%1 × %2 for up to %3 h)',
      instanceCount,
      instanceType,
      hours(maxRuntimeSeconds)
    );
    title = priceUnknownWhy(price, instanceType, region, trans);
  } else if (amount === null) {
    text = trans.__('Maximum cost: set an instance count and a max runtime above 0');
  } else {
    const detail = trans.__(
      '%1 × %2 at %3/h for up to %4 h',
      instanceCount,
      instanceType,
      formatCost(price.pricePerHour),
      hours(maxRuntimeSeconds)
    );
    text = spot
      ? trans.__(
          'Maximum cost: at most %1 on demand (%2); spot is usually less',
          formatCost(amount),
          detail
        )
      : trans.__('Maximum cost: %1 (%2)', formatCost(amount), detail);
  }
  return (
    <p
      className="jp-SageMakerNLP-maxCost"
      data-price={price?.pricePerHour == null ? 'unknown' : 'known'}
      title={title}
      aria-live="polite"
    >
      {text}
    </p>
  );
}
