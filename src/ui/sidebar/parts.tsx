import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { copyIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
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

/** SecondaryStatusTransitions: what the job went through, and how long each took. */
export function Timeline({
  job,
  trans,
  now
}: IProps & { now: number }): JSX.Element | null {
  if (job.transitions.length === 0) {
    return null;
  }
  return (
    <table className="jp-SageMakerNLP-table jp-SageMakerNLP-timeline">
      <caption>{trans.__('Timeline')}</caption>
      <thead>
        <tr>
          <th scope="col">{trans.__('Status')}</th>
          <th scope="col">{trans.__('Start')}</th>
          <th scope="col">{trans.__('Duration')}</th>
          <th scope="col">{trans.__('Message')}</th>
        </tr>
      </thead>
      <tbody>
        {job.transitions.map((step, i) => {
          const end = step.EndTime?.getTime() ?? now;
          return (
            <tr key={`${i}-${step.Status}`}>
              <td>{secondaryStatusLabel(step.Status, trans)}</td>
              <td>{formatTime(step.StartTime, new Date(now))}</td>
              <td>{formatDuration(end - step.StartTime.getTime())}</td>
              <td>{step.StatusMessage ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** FinalMetricDataList as a name → value table. */
export function FinalMetrics({ job, trans }: IProps): JSX.Element | null {
  if (job.finalMetrics.length === 0) {
    return null;
  }
  return (
    <table className="jp-SageMakerNLP-table jp-SageMakerNLP-finalMetrics">
      <caption>{trans.__('Final metrics')}</caption>
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
