import { PYTHON_BUILTINS } from './pythonBuiltins';
import { ICellNames } from './pythonNames';
import { IScriptCell } from './types';

export const INCLUDE_TAG = 'sagemaker-include';
export const EXCLUDE_TAG = 'sagemaker-exclude';
export const PARAMETERS_TAG = 'parameters';

export interface ISelectableCell {
  isCode: boolean;
  tags: string[];
  /** Null for cells that are not Python: markdown, raw, `%%bash`. */
  names: ICellNames | null;
}

export interface IUnresolvedName {
  cellIndex: number;
  name: string;
  line: number;
}

export interface ICellSelection {
  /** Cell index → why it is taken. */
  reasons: Map<number, IScriptCell['reason']>;
  /** Names a taken cell loads that no earlier cell defines. */
  unresolved: IUnresolvedName[];
  /** A taken cell calls `display()` without defining it. */
  usesDisplay: boolean;
}

/**
 * Takes the training cell, the parameters cell, the cells tagged
 * sagemaker-include, and, transitively, for each name a taken cell loads,
 * the latest earlier cell that defines it plus the cells in between that
 * change it in place. Cells tagged sagemaker-exclude count as absent.
 */
export function selectCells(
  cells: ISelectableCell[],
  trainingIndex: number
): ICellSelection {
  const isExcluded = (index: number) =>
    index !== trainingIndex && cells[index].tags.includes(EXCLUDE_TAG);
  const isTakeable = (index: number) => cells[index].isCode && !isExcluded(index);
  const usable = (index: number): ICellNames | null =>
    isExcluded(index) ? null : cells[index].names;
  const selection: ICellSelection = {
    reasons: new Map(),
    unresolved: [],
    usesDisplay: false
  };
  const queue: number[] = [];
  const take = (index: number, reason: IScriptCell['reason']) => {
    if (!selection.reasons.has(index)) {
      selection.reasons.set(index, reason);
      queue.push(index);
    }
  };

  take(trainingIndex, 'training');
  const parameters = cells.findIndex(c => c.isCode && c.tags.includes(PARAMETERS_TAG));
  if (parameters >= 0 && parameters < trainingIndex && isTakeable(parameters)) {
    take(parameters, 'parameters');
  }
  cells.forEach((cell, index) => {
    if (cell.tags.includes(INCLUDE_TAG) && isTakeable(index)) {
      take(index, 'included');
    }
  });

  const resolve = (name: string, before: number): number[] | null => {
    const found: number[] = [];
    for (let index = before - 1; index >= 0; index--) {
      const names = usable(index);
      if (names?.defines.has(name)) {
        return [...found, index];
      }
      if (names?.mutates.has(name)) {
        found.push(index);
      }
    }
    for (let index = before - 1; index >= 0; index--) {
      if (usable(index)?.importsStar) {
        return [...found, index];
      }
    }
    return null;
  };

  const reported = new Set<string>();
  while (queue.length > 0) {
    const index = queue.shift()!;
    const names = usable(index);
    // A function body sees the module as it is when called: by the training cell at the earliest.
    const uses: Array<[string, number, number]> = [
      ...[...(names?.uses ?? [])].map(([n, l]): [string, number, number] => [n, l, index]),
      ...[...(names?.laterUses ?? [])].map(([n, l]): [string, number, number] => [
        n,
        l,
        Math.max(index, trainingIndex)
      ])
    ];
    for (const [name, line, before] of uses) {
      if (PYTHON_BUILTINS.has(name)) {
        continue;
      }
      const definers = resolve(name, before);
      if (definers) {
        definers.forEach(definer => take(definer, 'dependency'));
      } else if (name === 'display') {
        selection.usesDisplay = true;
      } else if (name !== 'get_ipython' && !reported.has(name)) {
        reported.add(name);
        selection.unresolved.push({ cellIndex: index, name, line });
      }
    }
  }
  return selection;
}
