import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Endings } from '../jobs/endings';
import { ITransformJob } from '../tokens';
import { isRunning, TransformsModel } from '../transform/model';

/** A notification when a batch transform this browser saw running ends, with "Show". */
export function announceTransformEndings(
  transforms: TransformsModel,
  trans: TranslationBundle,
  show: (name: string) => void
): Endings<ITransformJob> {
  const endings = new Endings<ITransformJob>({
    items: () => transforms.transforms,
    changed: transforms.changed,
    isActive: isRunning
  });
  endings.ended.connect((_, transform) => {
    const actions = [{ label: trans.__('Show'), callback: () => show(transform.name) }];
    const [type, message] = endingMessage(transform, trans);
    Notification.emit(message, type, { autoClose: type === 'error' ? false : 10000, actions });
  });
  return endings;
}

function endingMessage(
  transform: ITransformJob,
  trans: TranslationBundle
): ['success' | 'error' | 'warning', string] {
  switch (transform.status) {
    case 'Completed':
      return transform.output
        ? ['success', trans.__('Batch transform %1 completed: its answers are in %2.', transform.name, transform.output)]
        : ['success', trans.__('Batch transform %1 completed.', transform.name)];
    case 'Failed':
      return [
        'error',
        transform.failureReason
          ? trans.__('Batch transform %1 failed: %2', transform.name, transform.failureReason)
          : trans.__('Batch transform %1 failed.', transform.name)
      ];
    default:
      return ['warning', trans.__('Batch transform %1 stopped.', transform.name)];
  }
}
