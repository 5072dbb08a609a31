import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import type { IPriceLookup } from '../../aws/prices';
import {
  compareRuns,
  DEFAULT_COMPARED_RUNS,
  MAX_LISTED_RUNS
} from '../../jobs/compareRuns';
import { isActive } from '../../jobs/status';
import { ITrainingJob, ITrainingJobsModel } from '../../tokens';
import { statusLabel } from '../sidebar/format';
import { useNow, useSignals } from '../sidebar/hooks';
import { CompareCharts } from './CompareCharts';
import { CompareTable } from './CompareTable';
import { useRunPrices } from './runPrices';

export interface ICompareRunsProps {
  model: ITrainingJobsModel;
  cellId: string;
  trans: TranslationBundle;
  /** Opens a run in the Training jobs sidebar. */
  openJob: (name: string) => void;
  /** Instance prices for SageMaker runs' cost; without it, "price unknown". */
  prices?: IPriceLookup | null;
  /** Whether the view can be seen; hidden, running runs are not followed. */
  visible?: boolean;
}

/**
 * The runs of one cell: which to compare (the latest few at first), the
 * table of what differs and what came out, and the metric curves overlaid.
 * New runs of the cell join as the jobs model sees them.
 */
export function CompareRuns({
  model,
  cellId,
  trans,
  openJob,
  prices,
  visible = true
}: ICompareRunsProps): JSX.Element {
  useSignals([model.changed]);
  const all = model.jobsForCell(cellId);
  const listed = all.slice(0, MAX_LISTED_RUNS);
  // Only the user's own ticks are kept, so a new run is compared by default.
  const [ticked, setTicked] = React.useState<ReadonlyMap<string, boolean>>(new Map());
  const isChosen = (job: ITrainingJob, index: number) =>
    ticked.get(job.name) ?? index < DEFAULT_COMPARED_RUNS;
  const chosen = listed.filter(isChosen);
  const now = useNow(chosen.some(isActive));
  const runPrices = useRunPrices(prices, chosen);
  const comparison = compareRuns(chosen, {
    now,
    pricePerHour: job => runPrices.get(job.name)?.pricePerHour,
    allRuns: all
  });
  const runs = comparison.runs.map(run => ({
    job: run.job,
    label: trans.__('Run %1', run.number)
  }));
  const toggle = (name: string, on: boolean) =>
    setTicked(previous => new Map(previous).set(name, on));

  return (
    <div className="jp-SageMakerNLP-compareRuns" data-cell-id={cellId}>
      <fieldset className="jp-SageMakerNLP-comparePicker">
        <legend>
          {all.length > listed.length
            ? trans.__('Runs to compare (the latest %1 of %2)', listed.length, all.length)
            : trans.__('Runs to compare')}
        </legend>
        {listed.map((job, index) => {
          // Newest first: the oldest run is 1, as in the table.
          const number = all.length - index;
          return (
            <label key={job.name} className="jp-SageMakerNLP-comparePick">
              <input
                type="checkbox"
                name={`compare-${job.name}`}
                checked={isChosen(job, index)}
                onChange={event => toggle(job.name, event.currentTarget.checked)}
              />
              <span>
                {trans.__('Run %1 · %2 · %3', number, job.name, statusLabel(job, trans))}
              </span>
            </label>
          );
        })}
      </fieldset>
      {chosen.length < 2 ? (
        <p className="jp-SageMakerNLP-note" role="status">
          {listed.length < 2
            ? trans.__('This cell has run once: train it again, e.g. with other hyperparameters, to compare.')
            : trans.__('Tick at least two runs to compare them.')}
        </p>
      ) : null}
      {chosen.length > 0 && (
        <>
          <CompareTable
            comparison={comparison}
            prices={runPrices}
            trans={trans}
            now={now}
            openJob={openJob}
          />
          <CompareCharts model={model} runs={runs} trans={trans} visible={visible} />
        </>
      )}
    </div>
  );
}
