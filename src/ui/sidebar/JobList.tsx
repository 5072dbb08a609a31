import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, SidePanel } from '@jupyterlab/ui-components';
import { Message, MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import type { IListedJobs } from '../../jobs/listing';
import { isActive } from '../../jobs/status';
import { ITrainingJob, JOB_STATUSES } from '../../tokens';
import {
  formatDuration,
  formatTime,
  frameworkLabel,
  isQueued,
  jobDuration,
  jobStatusLabel,
  statusLabel,
  targetLabel
} from './format';
import { useNow, useSignals } from './hooks';
import { filterJobs, frameworksOf, IJobFilter, NO_FILTER } from './jobFilter';
import { scrollRowIntoView, useRowWindow } from './visibleRows';

interface IProps {
  model: IListedJobs;
  trans: TranslationBundle;
}

/** A row's height in px; style/jobList.css gives the rows the same. */
export const ROW_HEIGHT = 48;

/**
 * Every job, newest first, narrowed by name, status and framework; a click
 * or Enter selects one. Only the rows in view are drawn, so a list of
 * thousands stays smooth, and the model learns which they are.
 */
export function JobList({ model, trans }: IProps): JSX.Element {
  useSignals([model.changed, model.selectedChanged]);
  const [filter, setFilter] = React.useState<IJobFilter>(NO_FILTER);
  const jobs = filterJobs(model.jobs, filter);
  const now = useNow(jobs.some(isActive));
  const [scroller, setScroller] = React.useState<HTMLDivElement | null>(null);
  const rows = React.useRef(new Map<string, HTMLLIElement>());
  const focusNext = React.useRef<string | null>(null);
  const { start, end } = useRowWindow(scroller, jobs.length, ROW_HEIGHT);
  const shown = jobs.slice(start, end);

  const shownKey = shown.map(job => job.name).join('\n');
  React.useEffect(() => {
    model.setOnScreen?.(shown.map(job => job.name));
  }, [shownKey]);
  React.useEffect(() => {
    // A row reached with the keyboard is drawn only after it scrolled into view.
    const name = focusNext.current;
    if (name && rows.current.has(name)) {
      rows.current.get(name)?.focus();
      focusNext.current = null;
    }
  });

  const selectAt = (index: number) => {
    const job = jobs[Math.max(0, Math.min(jobs.length - 1, index))];
    if (job) {
      model.select(job.name);
      focusNext.current = job.name;
      if (scroller) {
        scrollRowIntoView(scroller, jobs.indexOf(job), ROW_HEIGHT);
      }
      rows.current.get(job.name)?.focus();
    }
  };
  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    const page = Math.max(1, Math.floor((scroller?.clientHeight ?? 0) / ROW_HEIGHT));
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
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
  const filtered = jobs.length !== model.jobs.length;

  return (
    <div className="jp-SageMakerNLP-jobList">
      <BackendNotices model={model} trans={trans} />
      {model.jobs.length === 0 ? (
        <p className="jp-SageMakerNLP-emptyState">
          {model.scope === 'own'
            ? trans.__(
                'No training jobs yet. Select the cell that trains and click Train this cell.'
              )
            : trans.__('No training jobs in this region.')}
        </p>
      ) : (
        <>
          <FilterBar
            filter={filter}
            onChange={setFilter}
            frameworks={frameworksOf(model.jobs)}
            trans={trans}
          />
          {filtered && (
            <div className="jp-SageMakerNLP-jobCount" aria-live="polite">
              {trans.__('%1 of %2 jobs', jobs.length, model.jobs.length)}
            </div>
          )}
          <div className="jp-SageMakerNLP-jobRows" ref={setScroller}>
            <ul
              role="listbox"
              aria-label={trans.__('Training jobs')}
              style={{ height: jobs.length * ROW_HEIGHT }}
            >
              {shown.map((job, i) => (
                <JobRow
                  key={job.name}
                  job={job}
                  top={(start + i) * ROW_HEIGHT}
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
                  onKeyDown={event => onKeyDown(event, start + i)}
                />
              ))}
            </ul>
          </div>
        </>
      )}
    </div>
  );
}

/** `message` ending as a sentence does. */
function asSentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/** Why a backend's jobs may be stale: AWS throttles (retrying), or listing failed. */
function BackendNotices({ model, trans }: IProps): JSX.Element {
  const retrying = model.retrying ?? new Map();
  const errors = [...(model.errors ?? new Map()).entries()].filter(
    ([target]) => !retrying.has(target)
  );
  return (
    <>
      {[...retrying.entries()].map(([target, wait]) => (
        <div key={target} className="jp-SageMakerNLP-backendRetrying" role="status">
          {trans.__(
            'AWS is throttling %1 requests: retrying in %2 s.',
            targetLabel(target, trans),
            Math.round(wait / 1000)
          )}
        </div>
      ))}
      {errors.map(([target, message]) => (
        <div key={target} className="jp-SageMakerNLP-backendError" role="alert">
          {trans.__('Could not list %1 jobs: %2', targetLabel(target, trans), asSentence(message))}{' '}
          {trans.__('It tries again by itself.')}
        </div>
      ))}
    </>
  );
}

interface IFilterBarProps {
  filter: IJobFilter;
  onChange: (filter: IJobFilter) => void;
  frameworks: ReturnType<typeof frameworksOf>;
  trans: TranslationBundle;
}

function FilterBar({ filter, onChange, frameworks, trans }: IFilterBarProps): JSX.Element {
  return (
    <div className="jp-SageMakerNLP-jobFilter" role="search">
      <input
        type="search"
        className="jp-SageMakerNLP-jobSearch"
        placeholder={trans.__('Search by name')}
        aria-label={trans.__('Search jobs by name')}
        value={filter.text}
        onChange={event => onChange({ ...filter, text: event.target.value })}
      />
      <select
        aria-label={trans.__('Status')}
        value={filter.status}
        onChange={event =>
          onChange({ ...filter, status: event.target.value as IJobFilter['status'] })
        }
      >
        <option value="">{trans.__('Any status')}</option>
        {JOB_STATUSES.map(status => (
          <option key={status} value={status}>
            {jobStatusLabel(status, trans)}
          </option>
        ))}
      </select>
      <select
        aria-label={trans.__('Framework')}
        value={filter.framework}
        onChange={event =>
          onChange({ ...filter, framework: event.target.value as IJobFilter['framework'] })
        }
      >
        <option value="">{trans.__('Any framework')}</option>
        {frameworks.map(framework => (
          <option key={framework} value={framework}>
            {frameworkLabel(framework)}
          </option>
        ))}
      </select>
    </div>
  );
}

interface IRowProps {
  job: ITrainingJob;
  top: number;
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
      style={{ top: props.top }}
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

/**
 * The job list as a side panel section. It tells the model whether the
 * sidebar it sits in is visible: the model lists nothing while it is not.
 */
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

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._watched = sidebarOf(this);
    MessageLoop.installMessageHook(this._watched, this._onSidebarMessage);
    this._model.setWatched?.(this._watched.isVisible);
  }

  protected onBeforeDetach(msg: Message): void {
    if (this._watched) {
      MessageLoop.removeMessageHook(this._watched, this._onSidebarMessage);
      this._watched = null;
    }
    this._model.setWatched?.(false);
    super.onBeforeDetach(msg);
  }

  private _onSidebarMessage = (handler: unknown, msg: Message): boolean => {
    if (msg.type === 'after-show' || msg.type === 'after-hide') {
      // Read once the message is handled: the widget's flag is set then.
      void Promise.resolve().then(() =>
        this._model.setWatched?.(!!this._watched?.isVisible)
      );
    }
    return true;
  };

  private _model: IListedJobs;
  private _trans: TranslationBundle;
  private _watched: Widget | null = null;
}

export namespace JobListView {
  export interface IOptions {
    model: IListedJobs;
    trans: TranslationBundle;
  }
}

/** The side panel holding `widget` (its whole sidebar), else the widget itself. */
function sidebarOf(widget: Widget): Widget {
  for (let parent = widget.parent; parent; parent = parent.parent) {
    if (parent instanceof SidePanel) {
      return parent;
    }
  }
  return widget;
}
