import { TranslationBundle } from '@jupyterlab/translation';
import { Framework, ITrainingJob, JobStatus, Target } from '../../tokens';
import { isActive } from '../../jobs/status';

/** `45s`, `3m 05s`, `2h 04m`: short enough for a list row. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) {
    return `${h}h ${pad(m)}m`;
  }
  if (m > 0) {
    return `${m}m ${pad(s)}s`;
  }
  return `${s}s`;
}

/** The time of day for today, else the date and the time. */
export function formatTime(date: Date, now = new Date()): string {
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString()
    : date.toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short'
      });
}

/**
 * How long the job has run: from its start (or creation, for a job that
 * never started) to its end, or to `now` while it is still active.
 */
export function jobDuration(job: ITrainingJob, now: number): number | undefined {
  const from = job.startTime ?? (job.endTime ? job.creationTime : undefined);
  if (!from) {
    return undefined;
  }
  const to = job.endTime ?? (isActive(job) ? new Date(now) : undefined);
  return to ? to.getTime() - from.getTime() : undefined;
}

/** Whether the job waits for a free slot in the local queue. */
export function isQueued(job: ITrainingJob): boolean {
  return isActive(job) && job.queuePosition !== undefined;
}

/** The job's status in words, e.g. `Completed` or `Queued (#2)`. */
export function statusLabel(job: ITrainingJob, trans: TranslationBundle): string {
  if (isQueued(job)) {
    return trans.__('Queued (#%1)', job.queuePosition);
  }
  return jobStatusLabel(job.status, trans);
}

export function jobStatusLabel(
  status: JobStatus,
  trans: TranslationBundle
): string {
  switch (status) {
    case 'InProgress':
      return trans.__('In progress');
    case 'Completed':
      return trans.__('Completed');
    case 'Failed':
      return trans.__('Failed');
    case 'Stopping':
      return trans.__('Stopping');
    case 'Stopped':
      return trans.__('Stopped');
    default:
      return status;
  }
}

/** SageMaker's secondary statuses in words; unknown ones as they are. */
export function secondaryStatusLabel(
  status: string,
  trans: TranslationBundle
): string {
  const labels: Record<string, string> = {
    Pending: trans.__('Pending'),
    Starting: trans.__('Starting'),
    LaunchingMLInstances: trans.__('Launching instances'),
    PreparingTrainingStack: trans.__('Preparing training stack'),
    Downloading: trans.__('Downloading'),
    DownloadingTrainingImage: trans.__('Downloading training image'),
    Training: trans.__('Training'),
    Uploading: trans.__('Uploading'),
    Completed: trans.__('Completed'),
    Failed: trans.__('Failed'),
    Stopping: trans.__('Stopping'),
    Stopped: trans.__('Stopped'),
    MaxRuntimeExceeded: trans.__('Maximum runtime exceeded'),
    MaxWaitTimeExceeded: trans.__('Maximum wait time exceeded'),
    Interrupted: trans.__('Interrupted'),
    Restarting: trans.__('Restarting')
  };
  return labels[status] ?? status;
}

export function targetLabel(target: Target, trans: TranslationBundle): string {
  return target === 'local' ? trans.__('Local') : trans.__('SageMaker');
}

export function frameworkLabel(framework: Framework): string {
  const labels: Record<Framework, string> = {
    huggingface: 'Hugging Face',
    pytorch: 'PyTorch',
    tensorflow: 'TensorFlow',
    mxnet: 'MXNet',
    sklearn: 'scikit-learn'
  };
  return labels[framework] ?? framework;
}

/** A metric value with at most six significant digits. */
export function formatMetric(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}
