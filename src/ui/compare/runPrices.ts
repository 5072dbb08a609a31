import * as React from 'react';
import { IInstancePrice, IPriceLookup, regionOfArn } from '../../aws/prices';
import { ITrainingJob } from '../../tokens';

/**
 * The price per hour of each SageMaker run's instance type, by job name,
 * as the lookup answers (it caches); a run not answered yet is missing.
 * Local runs need no price.
 */
export function useRunPrices(
  lookup: IPriceLookup | null | undefined,
  jobs: ReadonlyArray<ITrainingJob>
): ReadonlyMap<string, IInstancePrice> {
  const [prices, setPrices] = React.useState<ReadonlyMap<string, IInstancePrice>>(new Map());
  const wanted = jobs
    .filter(job => job.target === 'sagemaker')
    .map(job => `${job.name}\t${regionOfArn(job.arn) ?? ''}\t${job.instanceType ?? ''}`)
    .join('\n');

  React.useEffect(() => {
    let current = true;
    for (const line of wanted ? wanted.split('\n') : []) {
      const [name, region, instanceType] = line.split('\t');
      const answer: Promise<IInstancePrice> =
        lookup && region && instanceType
          ? lookup.price(region, instanceType)
          : Promise.resolve({ pricePerHour: null, ...(lookup && { reason: 'no-instance' as const }) });
      void answer.then(price => {
        if (current) {
          setPrices(previous => new Map(previous).set(name, price));
        }
      });
    }
    return () => {
      current = false;
    };
  }, [lookup, wanted]);
  return prices;
}
