import { ISelectableCell } from './cellSelection';
import { floatDotsNeutralised } from './floatDots';
import { ITranslatedCell, translateIPython } from './ipythonSyntax';
import { analyzeNames } from './pythonNames';
import { PythonSource } from './pythonSyntax';
import { INotebookCell } from './types';

/** A notebook cell read once: translated, parsed and its names analysed. */
export interface IPreparedCell extends ISelectableCell {
  index: number;
  cell: INotebookCell;
  /** Null for markdown and raw cells. */
  translated: ITranslatedCell | null;
  python: PythonSource | null;
}

export function prepareCell(cell: INotebookCell, index: number): IPreparedCell {
  const { tags } = cell;
  if (cell.cellType !== 'code') {
    return { index, cell, tags, isCode: false, translated: null, python: null, names: null };
  }
  const translated = translateIPython(cell.source);
  // Same length and lines as the translation, with `0.` read as the number Python sees.
  const python = new PythonSource(floatDotsNeutralised(translated.python));
  const names = translated.opaque ? null : analyzeNames(python);
  // The script's first lines import what the translations call.
  translated.imports.forEach(name => names?.uses.delete(name));
  return { index, cell, tags, isCode: true, translated, python, names };
}
