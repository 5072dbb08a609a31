import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';
import { isActive } from '../../jobs/status';
import { ITrainingJob, ITrainingJobsModel } from '../../tokens';
import {
  formatDuration,
  formatTime,
  frameworkLabel,
  isQueued,
  jobDuration,
  statusLabel,
  targetLabel
} from './format';
import { useNow, useSignals } from './hooks';

interface IProps {
  model: ITrainingJobsModel;
  trans: TranslationBundle;
}

/** Every job, newest first; a click or Enter selects one. */
export function JobList({ model, trans }: IProps): JSX.Element {
  useSignals([model.changed, model.selectedChanged]);
  const jobs = model.jobs;
  const now = useNow(jobs.some(isActive));
  const rows = React.useRef(new Map<string, HTMLLIElement>());
  const errors = [...(model.errors ?? new Map()).entries()];

  const selectAt = (index: number) => {
    const job = jobs[Math.max(0, Math.min(jobs.length - 1, index))];
    if (job) {
      model.select(job.name);
      rows.current.get(job.name)?.focus();
    }
  };
  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: jobs.length - 1
    };
    if (event.key in moves) {
      selectAt(moves[event.key]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      model.select(jobs[index].name);
    } else {
      return;
    }
    event.preventDefault();
  };
  // Only one row is in the tab order: the selected one, or the first.
  const focusable = jobs.some(job => job.name === model.selected)
    ? model.selected
    : jobs[0]?.name;

  return (
    <div className="jp-SageMakerNLP-jobList">
      {errors.map(([target, message]) => (
        <div key={target} className="jp-SageMakerNLP-backendError" role="alert">
          {trans.__('Could not list %1 jobs: %2', targetLabel(target, trans), message)}
        </div>
      ))}
      {jobs.length === 0 ? (
        <p className="jp-SageMakerNLP-emptyState">
          {trans.__(
            'No training jobs yet. Select the cell that trains and click Train this cell.'
          )}
        </p>
      ) : (
        <ul role="listbox" aria-label={trans.__('Training jobs')}>
          {jobs.map((job, index) => (
            <JobRow
              key={job.name}
              job={job}
              now={now}
              trans={trans}
              selected={job.name === model.selected}
              focusable={job.name === focusable}
              rowRef={node => {
                if (node) {
                  rows.current.set(job.name, node);
                } else {
                  rows.current.delete(job.name);
                }
              }}
              onSelect={() => model.select(job.name)}
              onKeyDown={event => onKeyDown(event, index)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

interface IRowProps {
  job: ITrainingJob;
  now: number;
  trans: TranslationBundle;
  selected: boolean;
  focusable: boolean;
  rowRef: (node: HTMLLIElement | null) => void;
  onSelect: () => void;
  onKeyDown: (event: React.KeyboardEvent) => void;
}

function JobRow(props: IRowProps): JSX.Element {
  const { job, now, trans } = props;
  const duration = jobDuration(job, now);
  const started = job.startTime ?? job.creationTime;
  const details = [
    job.framework ? frameworkLabel(job.framework) : null,
    targetLabel(job.target, trans),
    formatTime(started, new Date(now)),
    duration !== undefined ? formatDuration(duration) : null
  ].filter((part): part is string => part !== null);
  return (
    <li
      ref={props.rowRef}
      className={
        'jp-SageMakerNLP-jobRow' + (props.selected ? ' jp-mod-selected' : '')
      }
      role="option"
      aria-selected={props.selected}
      tabIndex={props.focusable ? 0 : -1}
      data-status={job.status}
      data-job-name={job.name}
      data-queued={isQueued(job) ? 'true' : undefined}
      onClick={props.onSelect}
      onKeyDown={props.onKeyDown}
    >
      <span
        className="jp-SageMakerNLP-statusDot"
        data-status={job.status}
        aria-hidden="true"
      />
      <span className="jp-SageMakerNLP-jobName" title={job.name}>
        {job.name}
      </span>
      <span className="jp-SageMakerNLP-jobStatus">{statusLabel(job, trans)}</span>
      <span className="jp-SageMakerNLP-jobMeta">{details.join(' · ')}</span>
    </li>
  );
}

/** The job list as a side panel section. */
export class JobListView extends ReactWidget {
  constructor(options: JobListView.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.trans;
    this.addClass('jp-SageMakerNLP-jobListView');
    this.title.label = this._trans.__('Jobs');
  }

  protected render(): JSX.Element {
    return <JobList model={this._model} trans={this._trans} />;
  }

  private _model: ITrainingJobsModel;
  private _trans: TranslationBundle;
}

export namespace JobListView {
  export interface IOptions {
    model: ITrainingJobsModel;
    trans: TranslationBundle;
  }
}
