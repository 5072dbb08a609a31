import { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import type { INotebookCell } from '../script';

/** The notebook's cells in the plain form the script builder reads. */
export function notebookCells(model: INotebookModel): INotebookCell[] {
  const cells: INotebookCell[] = [];
  for (const cell of model.cells) {
    const tags = cell.getMetadata('tags');
    cells.push({
      id: cell.id,
      cellType: cell.type as INotebookCell['cellType'],
      source: cell.sharedModel.getSource(),
      tags: Array.isArray(tags) ? (tags as string[]) : []
    });
  }
  return cells;
}

/** Why the active cell can't be trained, or null when it can. */
export function whyNotTrainable(panel: NotebookPanel | null): string | null {
  const cell = panel?.content.activeCell;
  if (!panel || !cell) {
    return 'Open a notebook and select the cell that trains.';
  }
  if (cell.model.type !== 'code') {
    return 'Select a code cell: this one is markdown or raw.';
  }
  if (!cell.model.sharedModel.getSource().trim()) {
    return 'This code cell is empty: select the cell that trains.';
  }
  return null;
}

/** The language of the notebook's kernel, from its metadata. */
export function kernelLanguage(panel: NotebookPanel): string | undefined {
  const spec = panel.model?.getMetadata('kernelspec') as
    | { language?: string }
    | undefined;
  const info = panel.model?.getMetadata('language_info') as
    | { name?: string }
    | undefined;
  return spec?.language ?? info?.name;
}

export function kernelName(panel: NotebookPanel): string {
  const spec = panel.model?.getMetadata('kernelspec') as
    | { name?: string }
    | undefined;
  return (
    panel.sessionContext.session?.kernel?.name ??
    spec?.name ??
    panel.sessionContext.kernelPreference.name ??
    'python3'
  );
}
