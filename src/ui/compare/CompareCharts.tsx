import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IMetricLine, MetricsFollower } from '../../jobs/metrics';
import { isActive } from '../../jobs/status';
import { ITrainingJob, ITrainingJobsModel } from '../../tokens';
import { MetricChart } from '../charts/MetricChart';
import { useRunFollowers } from './runFollowers';

interface IProps {
  model: ITrainingJobsModel;
  /** The runs compared, newest first; each is a line of every chart. */
  runs: ReadonlyArray<{ job: ITrainingJob; label: string }>;
  trans: TranslationBundle;
  visible: boolean;
}

/**
 * One chart per metric with the runs' curves overlaid, each from the run's
 * own start (the x axis is time since start), so runs made hours apart
 * line up. A multi-host SageMaker run is drawn by its first host, algo-1:
 * the hosts of one run mostly agree, and one line per run keeps it legible.
 */
export function CompareCharts({ model, runs, trans, visible }: IProps): JSX.Element {
  const jobs = runs.map(run => run.job);
  const followers = useRunFollowers(model, jobs, visible);
  const names = metricNames(jobs, followers);
  const version = jobs.reduce((sum, job) => sum + (followers.get(job.name)?.revision ?? 0), 0);
  const errors = jobs.flatMap(job => {
    const error = followers.get(job.name)?.error;
    return error ? [trans.__('Could not read the metrics of %1: %2', job.name, error)] : [];
  });

  return (
    <section className="jp-SageMakerNLP-compareCharts" aria-label={trans.__('Metric curves')}>
      <h3 className="jp-SageMakerNLP-compareHeading">{trans.__('Metric curves')}</h3>
      {errors.map(error => (
        <div key={error} className="jp-SageMakerNLP-error" role="alert">
          {error}
        </div>
      ))}
      {names.length === 0 && (
        <p className="jp-SageMakerNLP-note">
          {jobs.every(job => job.metricDefinitions.length === 0)
            ? trans.__(
                'No curves: these runs have no metric definitions. Add some (a name and a regular expression that finds the value in the log) in the Train dialog.'
              )
            : jobs.some(isActive)
              ? trans.__('No metric values yet: they appear as the runs log them.')
              : trans.__('The logs had no values for these metric definitions.')}
        </p>
      )}
      <div className="jp-SageMakerNLP-compareChartGrid">
        {names.map(name => {
          const lines = runs.map(run => runLine(run.job, name, followers.get(run.job.name)));
          const drawn = runs.filter((_, i) => lines[i].times.length > 0);
          return (
            <div
              key={name}
              className="jp-SageMakerNLP-compareChart"
              data-metric={name}
              data-runs={drawn.map(run => run.job.name).join(' ')}
            >
              <MetricChart
                title={name}
                lines={lines}
                labels={runs.map(run => run.label)}
                version={version}
                xAxis="elapsed"
                xLabel={trans.__('Since start')}
                height={CompareCharts.HEIGHT}
              />
            </div>
          );
        })}
      </div>
    </section>
  );
}

export namespace CompareCharts {
  export const HEIGHT = 200;
}

/** The metrics the runs define, in their order, then any others their logs had. */
function metricNames(
  jobs: ReadonlyArray<ITrainingJob>,
  followers: ReadonlyMap<string, MetricsFollower>
): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const job of jobs) {
    followers.get(job.name)?.lines.forEach(line => {
      if (line.times.length > 0) {
        seen.add(line.name);
      }
    });
  }
  for (const job of jobs) {
    job.metricDefinitions.forEach(definition => {
      if (seen.has(definition.Name)) {
        names.add(definition.Name);
      }
    });
  }
  seen.forEach(name => names.add(name));
  return [...names];
}

/** The run's curve of `name` on its first host, times in ms since the run started. */
function runLine(
  job: ITrainingJob,
  name: string,
  follower: MetricsFollower | undefined
): IMetricLine {
  const hosts = (follower?.lines ?? []).filter(
    line => line.name === name && line.times.length > 0
  );
  hosts.sort((a, b) => a.host.localeCompare(b.host, undefined, { numeric: true }));
  const first = hosts[0];
  if (!first) {
    return { name, host: job.name, times: [], values: [] };
  }
  const start = (job.startTime ?? job.creationTime).getTime();
  return {
    name,
    host: first.host,
    times: first.times.map(time => time - start),
    values: first.values.slice()
  };
}
