import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { JobEndings } from '../jobs/endings';
import { ITrainingJob } from '../tokens';

/** A notification when a job this browser saw running completes, fails or stops, with "Open". */
export function announceJobEndings(
  endings: JobEndings,
  trans: TranslationBundle,
  openJob: (name: string) => void
): void {
  endings.ended.connect((_, job) => {
    const actions = [{ label: trans.__('Open'), callback: () => openJob(job.name) }];
    const [type, message] = endingMessage(job, trans);
    Notification.emit(message, type, { autoClose: type === 'error' ? false : 10000, actions });
  });
}

function endingMessage(job: ITrainingJob, trans: TranslationBundle): ['success' | 'error' | 'warning', string] {
  switch (job.status) {
    case 'Completed':
      return ['success', trans.__('Training job %1 completed.', job.name)];
    case 'Failed':
      return [
        'error',
        job.failureReason
          ? trans.__('Training job %1 failed: %2', job.name, job.failureReason)
          : trans.__('Training job %1 failed.', job.name)
      ];
    default:
      return ['warning', trans.__('Training job %1 stopped.', job.name)];
  }
}
