import { detectFramework, detectTensorFramework, TensorFramework } from './framework';
import { findModelSaves, modelSaveWarnings } from './modelSaves';
import { findNotebookOnlyCode } from './notebookOnly';
import { IPreparedCell } from './preparedCell';
import { IModelSave } from './types';

/** Which cells the script takes, and which of them for their imports alone. */
export interface ITakenCells {
  reasons: ReadonlyMap<number, unknown>;
  importsOnly: ReadonlySet<number>;
}

export interface IJobReadiness {
  entryPoint: string;
  tensorFramework: TensorFramework | null;
  modelSaves: IModelSave[];
  /** Code that only works in a notebook, and a model that would be lost. */
  warnings: string[];
}

/** What the job needs to know about the taken cells beyond their names: will it run, and keep its model? */
export function checkJobReadiness(
  prepared: IPreparedCell[],
  taken: ITakenCells,
  trainingIndex: number
): IJobReadiness {
  const isTaken = (index: number) => taken.reasons.has(index);
  const runsWhole = (index: number) => isTaken(index) && !taken.importsOnly.has(index);
  const takenCells = prepared.filter(cell => isTaken(cell.index));
  const notebookOnly = findNotebookOnlyCode(
    takenCells.map(cell => ({
      index: cell.index,
      python: cell.python,
      importsOnly: taken.importsOnly.has(cell.index)
    }))
  );
  const found = findModelSaves(prepared, runsWhole);
  const trainingLines = prepared[trainingIndex].cell.source.replace(/\s+$/, '').split('\n').length;
  // A script that imports no training library makes no model to lose.
  const trains = detectFramework(new Set(takenCells.flatMap(c => [...(c.names?.imports ?? [])]))) !== null;
  return {
    entryPoint: notebookOnly.entryPoint,
    tensorFramework: detectTensorFramework(takenCells),
    modelSaves: found.saves,
    warnings: [
      ...notebookOnly.warnings,
      ...(trains ? modelSaveWarnings(found, { index: trainingIndex, lines: trainingLines }) : [])
    ]
  };
}
