import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { regionOfArn } from '../../aws/prices';
import { formatCost, jobCost } from '../../jobs/cost';
import { ITrainingJob } from '../../tokens';
import { formatDuration } from './format';
import { priceUnknownWhy, PriceLookupContext, usePrice } from './price';

interface IProps {
  job: ITrainingJob;
  trans: TranslationBundle;
  now: number;
}

/**
 * What a job costs: training and billable time × instance count, spot
 * savings, the price per hour and the amount (an estimate while it runs).
 * Local jobs are free.
 */
export function JobCost({ job, trans, now }: IProps): JSX.Element {
  const lookup = React.useContext(PriceLookupContext);
  const region = regionOfArn(job.arn);
  const local = job.target === 'local';
  const price = usePrice(local ? null : lookup, region, job.instanceType);
  if (local) {
    return (
      <section className="jp-SageMakerNLP-cost" aria-label={trans.__('Cost')}>
        <h4 className="jp-SageMakerNLP-costTitle">{trans.__('Cost')}</h4>
        <p className="jp-SageMakerNLP-costFree">{trans.__('free (local)')}</p>
      </section>
    );
  }
  const count = job.instanceCount ?? 1;
  const cost = jobCost(job, price?.pricePerHour, new Date(now));
  const times = (seconds: number | undefined) =>
    seconds === undefined
      ? undefined
      : count > 1
        ? trans.__('%1 × %2 instances', formatDuration(seconds * 1000), count)
        : formatDuration(seconds * 1000);

  let priceText: React.ReactNode;
  if (price === undefined) {
    priceText = trans.__('looking up…');
  } else if (price.pricePerHour === null) {
    priceText = (
      <span
        className="jp-SageMakerNLP-priceUnknown"
        title={priceUnknownWhy(price, job.instanceType, region, trans)}
      >
        {trans.__('price unknown')}
      </span>
    );
  } else {
    priceText = trans.__(
      '%1 per hour (%2, on demand)',
      formatCost(price.pricePerHour),
      job.instanceType ?? ''
    );
  }

  const facts: [string, string, React.ReactNode][] = [
    ['training', trans.__('Training time'), times(job.trainingTimeInSeconds)],
    ['billable', trans.__('Billable time'), times(job.billableTimeInSeconds)],
    [
      'spot',
      trans.__('Spot savings'),
      cost.spotSavingsPercent !== undefined
        ? trans.__('%1%', cost.spotSavingsPercent.toFixed(0))
        : undefined
    ],
    ['price', trans.__('Price'), priceText],
    [
      'amount',
      cost.estimate ? trans.__('Cost so far') : trans.__('Amount'),
      cost.amount === undefined
        ? undefined
        : cost.estimate
          ? trans.__('≈ %1 (estimate: elapsed time × %2 × price)', formatCost(cost.amount), count)
          : formatCost(cost.amount)
    ]
  ];
  return (
    <section className="jp-SageMakerNLP-cost" aria-label={trans.__('Cost')}>
      <h4 className="jp-SageMakerNLP-costTitle">{trans.__('Cost')}</h4>
      <dl className="jp-SageMakerNLP-facts">
        {facts
          .filter(([, , value]) => value !== undefined)
          .map(([key, label, value]) => (
            <React.Fragment key={key}>
              <dt>{label}</dt>
              <dd data-cost={key}>{value}</dd>
            </React.Fragment>
          ))}
      </dl>
    </section>
  );
}
