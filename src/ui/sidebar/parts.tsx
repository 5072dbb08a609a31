import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { copyIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
import { isActive } from '../../jobs/status';
import { ITrainingJob } from '../../tokens';
import {
  formatDuration,
  formatMetric,
  formatTime,
  secondaryStatusLabel
} from './format';

interface IProps {
  job: ITrainingJob;
  trans: TranslationBundle;
}

/**
 * SecondaryStatusTransitions: what the job went through, each step's time
 * as a share of a bar and in a list with SageMaker's message; the step the
 * job is in ticks.
 */
export function Timeline({
  job,
  trans,
  now
}: IProps & { now: number }): JSX.Element | null {
  if (job.transitions.length === 0) {
    return null;
  }
  const today = new Date(now);
  const steps = job.transitions.map((step, i) => {
    const current = step.EndTime === undefined && i === job.transitions.length - 1;
    const end = step.EndTime?.getTime() ?? now;
    return { step, current, duration: Math.max(0, end - step.StartTime.getTime()) };
  });
  const total = steps.reduce((sum, { duration }) => sum + duration, 0);
  return (
    <section className="jp-SageMakerNLP-timeline" aria-label={trans.__('Timeline')}>
      <div className="jp-SageMakerNLP-label">{trans.__('Timeline')}</div>
      {total > 0 && (
        <div className="jp-SageMakerNLP-timelineBar" aria-hidden="true">
          {steps.map(({ step, duration }, i) => (
            <span
              key={`${i}-${step.Status}`}
              className="jp-SageMakerNLP-timelineShare"
              data-status={step.Status}
              style={{ flexGrow: duration }}
              title={`${secondaryStatusLabel(step.Status, trans)}: ${formatDuration(duration)}`}
            />
          ))}
        </div>
      )}
      <ol className="jp-SageMakerNLP-timelineSteps">
        {steps.map(({ step, current, duration }, i) => (
          <li
            key={`${i}-${step.Status}`}
            className="jp-SageMakerNLP-timelineStep"
            data-status={step.Status}
            data-current={current ? 'true' : undefined}
            aria-current={current ? 'step' : undefined}
          >
            <span className="jp-SageMakerNLP-timelineStatus">
              {secondaryStatusLabel(step.Status, trans)}
            </span>
            <span
              className="jp-SageMakerNLP-timelineDuration"
              title={trans.__('Started %1', formatTime(step.StartTime, today))}
            >
              {formatDuration(duration)}
            </span>
            {step.StatusMessage && (
              <span className="jp-SageMakerNLP-timelineMessage">{step.StatusMessage}</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** FinalMetricDataList as a name → value table. */
export function FinalMetrics({ job, trans }: IProps): JSX.Element | null {
  if (job.finalMetrics.length === 0) {
    return null;
  }
  return (
    <table className="jp-SageMakerNLP-table jp-SageMakerNLP-finalMetrics">
      {/* The local runner reports them as they come; SageMaker only at the end. */}
      <caption>
        {isActive(job) ? trans.__('Latest metrics') : trans.__('Final metrics')}
      </caption>
      <thead>
        <tr>
          <th scope="col">{trans.__('Metric')}</th>
          <th scope="col">{trans.__('Value')}</th>
        </tr>
      </thead>
      <tbody>
        {job.finalMetrics.map(metric => (
          <tr key={metric.MetricName} data-metric={metric.MetricName}>
            <td>{metric.MetricName}</td>
            <td className="jp-SageMakerNLP-number">{formatMetric(metric.Value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where the model went, selectable and copyable. */
export function ModelArtifact({ job, trans }: IProps): JSX.Element | null {
  const path = job.modelArtifact;
  if (!path) {
    return null;
  }
  return (
    <div className="jp-SageMakerNLP-modelArtifact">
      <div className="jp-SageMakerNLP-label">{trans.__('Model artifact')}</div>
      <div className="jp-SageMakerNLP-artifactRow">
        <code className="jp-SageMakerNLP-artifactPath">{path}</code>
        <button
          type="button"
          className="jp-Button jp-mod-minimal jp-SageMakerNLP-copyButton"
          title={trans.__('Copy the model artifact path')}
          aria-label={trans.__('Copy the model artifact path')}
          onClick={() => Clipboard.copyToSystem(path)}
        >
          <copyIcon.react tag="span" elementSize="small" />
        </button>
      </div>
    </div>
  );
}

/** The hyperparameters the job ran with, as SageMaker stores them. */
export function Hyperparameters({ job, trans }: IProps): JSX.Element | null {
  const entries = Object.entries(job.hyperparameters).filter(
    // Script-mode bookkeeping, not the user's choices.
    ([name]) => !name.startsWith('sagemaker_')
  );
  if (entries.length === 0) {
    return null;
  }
  return (
    <table className="jp-SageMakerNLP-table jp-SageMakerNLP-hyperparameters">
      <caption>{trans.__('Hyperparameters')}</caption>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Labelled facts, each shown only when it has a value. */
export function FactList({
  facts,
  children
}: {
  facts: [string, React.ReactNode][];
  children?: React.ReactNode;
}): JSX.Element {
  return (
    <dl className="jp-SageMakerNLP-facts">
      {facts
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <React.Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </React.Fragment>
        ))}
      {children}
    </dl>
  );
}
