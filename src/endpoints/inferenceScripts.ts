import { PathExt } from '@jupyterlab/coreutils';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { Contents } from '@jupyterlab/services';
import { ISourceFile, ITrainingJob } from '../tokens';

/** A place an inference script can come from, for the deploy dialog. */
export interface IInferenceScriptChoice {
  /** What the dialog shows: `inference.py`, `cell 7`. */
  label: string;
  file: ISourceFile;
}

/** Largest file looked into: an inference script is small. */
const MAX_SCRIPT_BYTES = 512 * 1024;

/**
 * Whether Python source defines the toolkits' `model_fn` at its top level,
 * the one function an inference script must have.
 */
export function definesModelFn(source: string): boolean {
  return /^(async\s+)?def\s+model_fn\s*\(/m.test(source);
}

/** Whether source is an inference script: `model_fn`, or TensorFlow Serving's `input_handler` / `output_handler`. */
export function isInferenceScript(source: string): boolean {
  return definesModelFn(source) || /^def\s+(input|output)_handler\s*\(/m.test(source);
}

/**
 * The inference scripts a job could be deployed with: code cells of its
 * notebook that define `model_fn` (or TensorFlow Serving's handlers), and
 * `.py` files next to the notebook that do. Each becomes `inference.py` in the model's code.
 */
export async function findInferenceScripts(
  contents: Contents.IManager,
  notebookPath: string | undefined,
  cells: ReadonlyArray<{ source: string; index: number }>
): Promise<IInferenceScriptChoice[]> {
  const choices: IInferenceScriptChoice[] = cells
    .filter(cell => isInferenceScript(cell.source))
    .map(cell => ({
      label: `cell ${cell.index + 1}`,
      file: { path: 'inference.py', content: cell.source }
    }));
  if (notebookPath === undefined) {
    return choices;
  }
  const folder = PathExt.dirname(notebookPath);
  let listing: Contents.IModel;
  try {
    listing = await contents.get(folder, { content: true, type: 'directory' });
  } catch {
    return choices; // the folder went away: cells only
  }
  const files = (listing.content as Contents.IModel[]).filter(
    item => item.type === 'file' && item.name.endsWith('.py') && (item.size ?? 0) <= MAX_SCRIPT_BYTES
  );
  for (const item of files) {
    try {
      const file = await contents.get(item.path, { content: true, format: 'text', type: 'file' });
      const text = String(file.content ?? '');
      if (isInferenceScript(text)) {
        choices.push({ label: item.name, file: { path: 'inference.py', content: text } });
      }
    } catch {
      // Unreadable: not offered.
    }
  }
  return choices;
}

/** The scripts of `findInferenceScripts` for a job: its notebook's cells when it is open, and the files beside it. */
export function inferenceScriptsOf(
  job: ITrainingJob,
  notebooks: INotebookTracker,
  contents: Contents.IManager
): Promise<IInferenceScriptChoice[]> {
  const notebook = notebooks.find(panel => panel.context.path === job.notebookPath);
  const cells = (notebook?.content.widgets ?? []).map((cell, index) => ({
    index,
    source: cell.model.type === 'code' ? cell.model.sharedModel.getSource() : ''
  }));
  return findInferenceScripts(contents, job.notebookPath, cells);
}
