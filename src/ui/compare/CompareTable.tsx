import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IInstancePrice, regionOfArn } from '../../aws/prices';
import { IRunColumn, IRunComparison } from '../../jobs/compareRuns';
import { formatCost } from '../../jobs/cost';
import {
  formatDuration,
  formatMetric,
  formatTime,
  jobDuration,
  statusLabel,
  targetLabel
} from '../sidebar/format';
import { priceUnknownWhy } from '../sidebar/price';

interface IProps {
  comparison: IRunComparison;
  /** SageMaker runs' instance prices, by job name, once answered. */
  prices: ReadonlyMap<string, IInstancePrice>;
  trans: TranslationBundle;
  now: number;
  /** Opens a run in the Training jobs sidebar. */
  openJob: (name: string) => void;
}

/** The runs side by side: one column per run, newest first. */
export function CompareTable({ comparison, prices, trans, now, openJob }: IProps): JSX.Element {
  const { runs, differing, sameCount, metrics } = comparison;
  const row = (label: string, cell: (run: IRunColumn) => React.ReactNode, key = label) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      {runs.map(run => (
        <td key={run.name}>{cell(run)}</td>
      ))}
    </tr>
  );
  const section = (title: string) => (
    <tr key={`section-${title}`} className="jp-SageMakerNLP-compareSection">
      <th scope="rowgroup" colSpan={runs.length + 1}>
        {title}
      </th>
    </tr>
  );
  const missing = <span className="jp-SageMakerNLP-compareMissing">{trans.__('not set')}</span>;

  return (
    <table className="jp-SageMakerNLP-table jp-SageMakerNLP-compareTable">
      <caption>{trans.__('Runs compared, newest first')}</caption>
      <thead>
        <tr>
          <td />
          {runs.map(run => (
            <th key={run.name} scope="col" data-job-name={run.name}>
              <button
                type="button"
                className="jp-SageMakerNLP-compareRunButton"
                title={trans.__('Open %1 in Training jobs', run.name)}
                onClick={() => openJob(run.name)}
              >
                {trans.__('Run %1', run.number)}
              </button>
              <div className="jp-SageMakerNLP-compareJobName">{run.name}</div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {row(trans.__('Started'), run => formatTime(run.creationTime, new Date(now)))}
        {row(trans.__('Status'), run => statusLabel(run.job, trans))}
        {row(trans.__('Target'), run => targetLabel(run.target, trans))}
        {row(trans.__('Instances'), run =>
          run.target === 'local'
            ? trans.__('this machine')
            : trans.__('%1 × %2', run.instanceCount ?? 1, run.instanceType ?? '?')
        )}
        {row(trans.__('Duration'), run => {
          const ms = jobDuration(run.job, now);
          return ms === undefined ? trans.__('not started') : formatDuration(ms);
        })}
        {row(trans.__('Cost'), run => <CostCell run={run} price={prices.get(run.name)} trans={trans} />)}

        {section(trans.__('Hyperparameters that differ'))}
        {differing.map(hp =>
          row(
            hp.key,
            run => {
              const value = hp.values[runs.indexOf(run)];
              return value === undefined ? missing : <code>{value}</code>;
            },
            `hp-${hp.key}`
          )
        )}
        <tr className="jp-SageMakerNLP-compareSame">
          <td colSpan={runs.length + 1}>
            {differing.length === 0 && sameCount === 0
              ? trans.__('No hyperparameters.')
              : trans._n(
                  '%1 hyperparameter is the same in every run.',
                  '%1 hyperparameters are the same in every run.',
                  sameCount
                )}
          </td>
        </tr>

        {section(trans.__('Final metrics'))}
        {metrics.length === 0 && (
          <tr>
            <td colSpan={runs.length + 1} className="jp-SageMakerNLP-note">
              {trans.__('No final metrics yet: a run reports them as it ends.')}
            </td>
          </tr>
        )}
        {metrics.map(metric =>
          row(
            metric.name,
            run => {
              const value = metric.values[runs.indexOf(run)];
              return value === undefined ? '—' : formatMetric(value);
            },
            `metric-${metric.name}`
          )
        )}
      </tbody>
    </table>
  );
}

function CostCell({
  run,
  price,
  trans
}: {
  run: IRunColumn;
  price: IInstancePrice | undefined;
  trans: TranslationBundle;
}): JSX.Element {
  const { cost } = run;
  if (run.target === 'local') {
    return <>{trans.__('free (local)')}</>;
  }
  if (cost.amount !== undefined) {
    const amount = formatCost(cost.amount);
    return <>{cost.estimate ? trans.__('about %1 so far', amount) : amount}</>;
  }
  if (!price) {
    return <span className="jp-SageMakerNLP-compareMissing">{trans.__('asking the price…')}</span>;
  }
  if (price.pricePerHour === null) {
    return (
      <span
        className="jp-SageMakerNLP-compareMissing"
        title={priceUnknownWhy(price, run.instanceType, regionOfArn(run.job.arn), trans)}
      >
        {trans.__('price unknown')}
      </span>
    );
  }
  return <>{trans.__('when SageMaker reports billable time')}</>;
}
