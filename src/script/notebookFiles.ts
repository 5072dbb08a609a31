import { findFileUses, ICellFiles, NO_FILES } from './fileUses';
import { cellStringConstants } from './pathValues';
import { IPreparedCell } from './preparedCell';

/**
 * What each cell reads and writes on disk, with paths held in variables of
 * this or earlier cells worked out as the dependency walk would see them.
 * Cells in another language (`%%bash`) and cells `isSkipped` have none.
 */
export function notebookFiles(
  cells: IPreparedCell[],
  isSkipped: (index: number) => boolean
): ICellFiles[] {
  const constants = cellStringConstants(cells, isSkipped);
  return cells.map((cell, index) =>
    cell.python && cell.names && !isSkipped(index)
      ? findFileUses(cell.python, constants[index], cell.translated!.writes)
      : NO_FILES
  );
}
