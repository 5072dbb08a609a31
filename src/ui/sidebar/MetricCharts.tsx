import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IMetricLine, MetricKind, MetricsFollower } from '../../jobs/metrics';
import { isActive } from '../../jobs/status';
import { ITrainingJob, ITrainingJobsModel } from '../../tokens';
import { MetricChart } from '../charts/MetricChart';
import { useSignals } from './hooks';

interface IProps {
  model: ITrainingJobsModel;
  job: ITrainingJob;
  trans: TranslationBundle;
  /** Whether anyone can see the charts; hidden, they are not followed. */
  visible?: boolean;
}

/**
 * The job's metrics as live charts: one chart per metric definition, one
 * line per host, and for SageMaker jobs each instance's CPU, memory, GPU
 * and disk use. Read only while the job runs and the charts are visible.
 */
export function MetricCharts({ model, job, trans, visible = true }: IProps): JSX.Element {
  const hasDefinitions = job.metricDefinitions.length > 0;
  const hasSystem = job.target === 'sagemaker' && model.systemMetrics !== undefined;
  return (
    <div className="jp-SageMakerNLP-metricCharts">
      {hasDefinitions ? (
        <ChartGroup
          model={model}
          job={job}
          trans={trans}
          visible={visible}
          kind="algorithm"
          title={trans.__('Metrics')}
          order={job.metricDefinitions.map(definition => definition.Name)}
        />
      ) : (
        <p className="jp-SageMakerNLP-note jp-SageMakerNLP-noMetrics">
          {trans.__(
            'No metric charts: this job has no metric definitions. Add some (a name and a regular expression that finds the value in the log) in the Train dialog.'
          )}
        </p>
      )}
      {hasSystem && (
        <ChartGroup
          model={model}
          job={job}
          trans={trans}
          visible={visible}
          kind="system"
          title={trans.__('Instances')}
          yRange={[0, 100]}
        />
      )}
    </div>
  );
}

interface IGroupProps extends Required<IProps> {
  kind: MetricKind;
  title?: string;
  /** Metric names in the order to show them; others follow as they come. */
  order?: string[];
  yRange?: [number, number];
}

function ChartGroup(props: IGroupProps): JSX.Element | null {
  const { model, job, visible, kind } = props;
  const [follower, setFollower] = React.useState<MetricsFollower | null>(null);
  React.useEffect(() => {
    const created = new MetricsFollower({
      model,
      jobName: job.name,
      kind,
      ...MetricsFollower.timingFor(job.target)
    });
    setFollower(created);
    return () => created.dispose();
  }, [model, job.name, job.target, kind]);

  const following = visible && isActive(job);
  React.useEffect(() => {
    follower?.follow(following);
  }, [follower, following]);

  return follower ? <Charts {...props} follower={follower} /> : null;
}

function Charts({
  follower,
  job,
  trans,
  kind,
  title,
  order = [],
  yRange
}: IGroupProps & { follower: MetricsFollower }): JSX.Element | null {
  useSignals([follower.changed]);
  // The lines change in place: the revision tells the charts to redraw.
  const version = follower.revision;
  const byName = linesByName(follower.lines, order);
  if (kind === 'system' && byName.length === 0 && !follower.error) {
    return null; // nothing published yet, or not a SageMaker instance
  }
  return (
    <section className="jp-SageMakerNLP-chartGroup" data-kind={kind}>
      {title && <h4 className="jp-SageMakerNLP-chartGroupTitle">{title}</h4>}
      {follower.error && (
        <div className="jp-SageMakerNLP-error" role="alert">
          {trans.__('Could not read the metrics: %1', follower.error)}
        </div>
      )}
      {byName.length === 0 && !follower.error && (
        <p className="jp-SageMakerNLP-note">
          {isActive(job)
            ? job.target === 'sagemaker'
              ? trans.__('No metric values yet: SageMaker publishes one a minute.')
              : trans.__('No metric values yet: they appear as the log prints them.')
            : trans.__('The log had no values for these metric definitions.')}
        </p>
      )}
      {byName.map(([name, lines]) => (
        <MetricChart
          key={name}
          title={name}
          lines={lines}
          version={version}
          yRange={yRange}
        />
      ))}
    </section>
  );
}

/** Lines grouped by metric, in `order` first, hosts in their order. */
export function linesByName(
  lines: ReadonlyArray<IMetricLine>,
  order: string[]
): [string, IMetricLine[]][] {
  const groups = new Map<string, IMetricLine[]>();
  for (const name of order) {
    groups.set(name, []);
  }
  for (const line of lines) {
    if (line.times.length > 0) {
      groups.set(line.name, [...(groups.get(line.name) ?? []), line]);
    }
  }
  return [...groups]
    .filter(([, group]) => group.length > 0)
    .map(([name, group]) => [name, group.sort((a, b) => hostOrder(a.host, b.host))]);
}

function hostOrder(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}
