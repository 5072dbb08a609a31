import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { errorMessage } from '../errorMessage';

/**
 * An error dialog with the whole message; true when the user took the
 * optional action (e.g. "Go to cell 3").
 */
export async function showError(
  trans: TranslationBundle,
  title: string,
  message: string,
  action?: string
): Promise<boolean> {
  const buttons = [Dialog.okButton({ label: trans.__('OK') })];
  if (action) {
    buttons.unshift(Dialog.createButton({ label: action }));
  }
  const result = await showDialog({ title, body: message, buttons });
  return !!action && result.button.label === action;
}

/** What a long step says while it runs, when it is done, and when it failed. */
export interface IProgressTexts {
  pending: string;
  done: string;
  /** Put before the error's message: "Could not start job-1". */
  failed: string;
}

/**
 * Runs `work` behind one notification: in progress, then done, or failed
 * with a "Show" action that opens the whole message (a toast cuts long
 * text, and the fix is at its end). Answers the result, or null if it failed.
 */
export async function withProgress<T>(
  trans: TranslationBundle,
  texts: IProgressTexts,
  work: () => Promise<T>
): Promise<T | null> {
  const id = Notification.emit(texts.pending, 'in-progress', { autoClose: false });
  // The outcome replaces the pending toast (updating it in place left the
  // toast saying "in progress" in JupyterLab 4.6).
  try {
    const value = await work();
    Notification.dismiss(id);
    Notification.success(texts.done, { autoClose: 4000 });
    return value;
  } catch (error) {
    const message = errorMessage(error);
    Notification.dismiss(id);
    Notification.error(`${texts.failed}: ${message}`, {
      autoClose: false,
      actions: [
        {
          label: trans.__('Show'),
          callback: () => void showError(trans, texts.failed, message)
        }
      ]
    });
    return null;
  }
}
