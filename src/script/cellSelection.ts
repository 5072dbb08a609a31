import { PYTHON_BUILTINS } from './pythonBuiltins';
import { ICellNames } from './pythonNames';
import { DefinerIndex } from './definerIndex';
import { FileWriters } from './fileWriters';
import { ICellFiles, NO_FILES } from './filePaths';
import { IFileNeed, IScriptCell } from './types';

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
  /** Cells taken only for names their top-level imports bind: only those imports go into the script. */
  importsOnly: Set<number>;
  /** Names a taken cell loads that no earlier cell defines. */
  unresolved: IUnresolvedName[];
  /** Files a taken cell reads that no earlier cell writes, in notebook order, one per path. */
  fileNeeds: IFileNeed[];
  /** A taken cell calls `display()` without defining it. */
  usesDisplay: boolean;
}

type Part = 'imports' | 'whole';

/**
 * Takes the training cell, the parameters cell, the cells tagged
 * sagemaker-include, and, transitively, for each name a taken cell loads,
 * the latest earlier cell that defines it plus the cells in between that
 * change it in place. Paths work the same way: a path read is a use, a path
 * written a definition of it and of everything under it (`files`, by cell).
 * A cell needed only for what its top-level imports bind is taken for its
 * imports alone. Cells tagged sagemaker-exclude count as absent.
 */
export function selectCells(
  cells: ISelectableCell[],
  trainingIndex: number,
  files: ICellFiles[] = []
): ICellSelection {
  const isExcluded = (index: number) =>
    index !== trainingIndex && cells[index].tags.includes(EXCLUDE_TAG);
  const isTakeable = (index: number) => cells[index].isCode && !isExcluded(index);
  const usable = (index: number): ICellNames | null =>
    isExcluded(index) ? null : cells[index].names;
  const filesOf = (index: number): ICellFiles =>
    (isTakeable(index) && files[index]) || NO_FILES;
  const selection: ICellSelection = {
    reasons: new Map(),
    importsOnly: new Set(),
    unresolved: [],
    fileNeeds: [],
    usesDisplay: false
  };
  const parts = new Map<number, Part>();
  const queue: Array<[number, Part]> = [];
  const take = (index: number, reason: IScriptCell['reason'], part: Part = 'whole') => {
    if (!selection.reasons.has(index)) {
      selection.reasons.set(index, reason);
    }
    if (parts.get(index) !== 'whole' && parts.get(index) !== part) {
      parts.set(index, part);
      queue.push([index, part]);
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

  const definers = new DefinerIndex(cells.map((_, i) => usable(i)));
  const resolve = (name: string, before: number): Array<[number, Part]> | null => {
    const definer = definers.latestDefiner(name, before);
    const changers = definers.mutatorsBetween(name, definer, before);
    const found = changers.map((cell): [number, Part] => [cell, 'whole']);
    if (definer >= 0) {
      return [...found, [definer, bindsOnlyByImport(usable(definer)!, name) ? 'imports' : 'whole']];
    }
    const star = definers.latestStarImport(before);
    return star >= 0 ? [...found, [star, 'whole']] : null;
  };

  const writers = new FileWriters(files, isTakeable);

  const reported = new Set<string>();
  const needs: IFileNeed[] = [];
  while (queue.length > 0) {
    const [index, part] = queue.shift()!;
    const names = part === 'whole' ? usable(index) : null;
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
        definers.forEach(([definer, definerPart]) => take(definer, 'dependency', definerPart));
      } else if (name === 'display') {
        selection.usesDisplay = true;
      } else if (name !== 'get_ipython' && !reported.has(name)) {
        reported.add(name);
        selection.unresolved.push({ cellIndex: index, name, line });
      }
    }
    const reads = filesOf(index).reads.filter(read => part === 'whole' || read.module);
    for (const read of reads) {
      const found = writers.before(read, read.later ? Math.max(index, trainingIndex) : index);
      found.forEach(writer => take(writer, 'dependency'));
      if (found.length === 0 && !read.ifWritten) {
        needs.push({ path: read.path, cellIndex: index, line: read.line });
      }
    }
  }
  parts.forEach((part, index) => part === 'imports' && selection.importsOnly.add(index));
  selection.fileNeeds = firstPerPath(needs);
  return selection;
}

/**
 * Only top-level imports bind the name, and the cell changes neither it nor
 * `sys`/`os` (`sys.path.append(…)` or `os.environ[…] = …` before an import
 * may be what makes the import work).
 */
function bindsOnlyByImport(names: ICellNames, name: string): boolean {
  return (
    names.importBound.has(name) &&
    !names.mutates.has(name) &&
    !names.mutates.has('sys') &&
    !names.mutates.has('os')
  );
}

function firstPerPath(needs: IFileNeed[]): IFileNeed[] {
  const first = new Map<string, IFileNeed>();
  const inOrder = [...needs].sort((a, b) => a.cellIndex - b.cellIndex || a.line - b.line);
  for (const need of inOrder) {
    if (!first.has(need.path)) {
      first.set(need.path, need);
    }
  }
  return [...first.values()];
}
