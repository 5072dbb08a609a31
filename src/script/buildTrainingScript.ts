import { checkCell, checkTrainingCell, readParameters } from './cellChecks';
import { EXCLUDE_TAG, selectCells } from './cellSelection';
import { findChannels } from './channels';
import { detectFramework } from './framework';
import { importsSection } from './importsOnly';
import { checkJobReadiness } from './jobReadiness';
import { keepModel } from './keepModel';
import { notebookFiles } from './notebookFiles';
import { IParameters } from './parameters';
import { IPreparedCell, prepareCell } from './preparedCell';
import { IScriptSection, layoutScript } from './scriptLayout';
import { runWarnings, translationNotes } from './scriptNotes';
import { INotebookCell, IScriptCell, ITrainingScript } from './types';

const DISPLAY_SHIM = 'display = print  # outside a notebook, display() prints to the job log';

/**
 * Builds `train.py` from the training cell and the earlier cells it needs.
 * Throws a ScriptError that names the cell, the line and the fix.
 */
export function buildTrainingScript(
  cells: INotebookCell[],
  trainingCellIndex: number
): ITrainingScript {
  checkTrainingCell(cells, trainingCellIndex);
  const prepared = cells.map(prepareCell);
  const isExcluded = (index: number) =>
    index !== trainingCellIndex && cells[index].tags.includes(EXCLUDE_TAG);
  const files = notebookFiles(prepared, isExcluded);
  const selection = selectCells(prepared, trainingCellIndex, files);
  const taken: IScriptCell[] = [...selection.reasons]
    .sort(([a], [b]) => a - b)
    .map(([index, reason]) =>
      selection.importsOnly.has(index)
        ? { index, id: cells[index].id, reason, importsOnly: true }
        : { index, id: cells[index].id, reason }
    );
  const takenCells = taken.map(({ index }) => prepared[index]);
  const isTaken = (cell: IPreparedCell) => selection.reasons.has(cell.index);
  // Install cells define no names, so their pip lines count even when the cell is not taken.
  const installing = prepared.filter(
    cell =>
      cell.translated &&
      (isTaken(cell) || (cell.index <= trainingCellIndex && !cell.tags.includes(EXCLUDE_TAG)))
  );

  let parameters: (IParameters & { index: number }) | null = null;
  const sections: IScriptSection[] = [];
  for (const { index, reason } of taken) {
    if (reason === 'parameters') {
      parameters = { index, ...readParameters(prepared[index]) };
      sections.push({ cellIndex: index, lines: parameters.lines, origins: parameters.origins });
    } else if (selection.importsOnly.has(index)) {
      sections.push(importsSection(prepared[index]));
    } else {
      checkCell(prepared[index]);
      const lines = prepared[index].translated!.python.split('\n');
      sections.push({ cellIndex: index, lines, origins: lines.map((_, i) => i + 1) });
    }
  }
  const preamble = [...new Set(takenCells.flatMap(c => [...c.translated!.imports]))]
    .sort()
    .map(name => `import ${name}`);
  if (selection.usesDisplay) {
    preamble.push(DISPLAY_SHIM);
  }
  const readiness = checkJobReadiness(prepared, selection, trainingCellIndex);
  const { script, lineMap } = keepModel(layoutScript(preamble, sections), readiness.modelSaves);

  const readsData = takenCells.filter(
    cell => cell.index !== parameters?.index && !selection.importsOnly.has(cell.index)
  );
  return {
    entryPoint: readiness.entryPoint,
    script,
    requirements: unique(installing.flatMap(c => c.translated!.requirements)),
    cells: taken,
    hyperparameters: parameters?.values ?? {},
    hyperparameterLiterals: parameters?.literals ?? {},
    framework: detectFramework(new Set(takenCells.flatMap(c => [...(c.names?.imports ?? [])]))),
    tensorFramework: readiness.tensorFramework,
    fileNeeds: selection.fileNeeds,
    modelSaves: readiness.modelSaves,
    channels: unique(readsData.flatMap(cell => findChannels(cell.python!))),
    translations: translationNotes(
      installing,
      isTaken,
      parameters && { index: parameters.index, names: Object.keys(parameters.values) }
    ),
    warnings: [...runWarnings(selection.unresolved, installing, isTaken), ...readiness.warnings],
    lineMap
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
