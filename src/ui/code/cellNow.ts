import { Contents } from '@jupyterlab/services';
import { INotebookTracker } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { notebookCells } from '../../notebook/cells';
import type { INotebookCell } from '../../script';
import { ISourceFile, ITrainingJob } from '../../tokens';

/** The files the job's cell builds now, or why there are none (a sentence that says what to do). */
export type CellNow = { files: ISourceFile[] } | { problem: string };

/**
 * Rebuilds the script the job's cell would give now: from the open
 * notebook (with its unsaved edits) or else the file on disk; the cell
 * found by id, the script built as "Train this cell" builds it.
 */
export async function filesOfTheCellNow(
  job: ITrainingJob,
  notebooks: INotebookTracker,
  contents: Contents.IManager,
  trans: TranslationBundle
): Promise<CellNow> {
  const { notebookPath, cellId } = job;
  if (!notebookPath || !cellId) {
    return {
      problem: trans.__(
        'Job %1 was not started from a notebook cell (it has no notebook and cell tags): there is no cell to compare with.',
        job.name
      )
    };
  }
  const cells = await readCells(notebookPath, notebooks, contents);
  if (!cells) {
    return {
      problem: trans.__(
        'The notebook %1 is not there any more (renamed, moved or deleted): open the notebook the job came from to compare.',
        notebookPath
      )
    };
  }
  const index = cells.findIndex(cell => cell.id === cellId);
  if (index < 0) {
    return {
      problem: trans.__(
        'The cell job %1 was started from is no longer in %2 (deleted, or the notebook was copied with new cell ids): there is nothing to compare with.',
        job.name,
        notebookPath
      )
    };
  }
  const { buildTrainingScript, ScriptError } = await import('../../script');
  try {
    const script = buildTrainingScript(cells, index);
    const files: ISourceFile[] = [{ path: script.entryPoint, content: script.script }];
    if (script.requirements.length > 0) {
      // As the job's spec writes it (training/choices.ts).
      files.push({ path: 'requirements.txt', content: script.requirements.join('\n') + '\n' });
    }
    return { files };
  } catch (error) {
    if (error instanceof ScriptError) {
      return {
        problem: trans.__(
          'The cell no longer builds a training script (cell %1, line %2: %3): fix the cell, then compare again.',
          error.cellIndex + 1,
          error.line,
          error.message
        )
      };
    }
    throw error;
  }
}

async function readCells(
  path: string,
  notebooks: INotebookTracker,
  contents: Contents.IManager
): Promise<INotebookCell[] | null> {
  const open = notebooks.find(panel => panel.context.path === path);
  if (open?.content.model) {
    return notebookCells(open.content.model);
  }
  let model: Contents.IModel;
  try {
    model = await contents.get(path, { type: 'notebook', content: true });
  } catch {
    return null;
  }
  return cellsOfNotebookJson(model.content);
}

interface INotebookJsonCell {
  id?: string;
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: unknown };
}

/** The cells of a notebook file (nbformat JSON) in the form the script builder reads. */
export function cellsOfNotebookJson(content: unknown): INotebookCell[] {
  const cells = ((content ?? {}) as { cells?: INotebookJsonCell[] }).cells ?? [];
  return cells.map(cell => ({
    id: cell.id ?? '',
    cellType: cell.cell_type as INotebookCell['cellType'],
    source: Array.isArray(cell.source) ? cell.source.join('') : cell.source,
    tags: Array.isArray(cell.metadata?.tags) ? (cell.metadata!.tags as string[]) : []
  }));
}
