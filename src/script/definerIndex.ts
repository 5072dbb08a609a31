import { ICellNames } from './pythonScopes';

/**
 * For each name, the cells that define it and the cells that change it in
 * place, in notebook order, so that finding the latest definer before a cell
 * does not read every cell in between.
 */
export class DefinerIndex {
  constructor(names: Array<ICellNames | null>) {
    names.forEach((cell, index) => {
      cell?.defines.forEach(name => push(this._definers, name, index));
      cell?.mutates.forEach(name => push(this._mutators, name, index));
      if (cell?.importsStar) {
        this._starImports.push(index);
      }
    });
  }

  /** The latest cell before `before` that defines `name`, or -1. */
  latestDefiner(name: string, before: number): number {
    return latestBefore(this._definers.get(name) ?? [], before);
  }

  /** The latest cell before `before` with `from m import *`, or -1. */
  latestStarImport(before: number): number {
    return latestBefore(this._starImports, before);
  }

  /** Cells after `after` and before `before` that change `name`, latest first. */
  mutatorsBetween(name: string, after: number, before: number): number[] {
    const cells = this._mutators.get(name) ?? [];
    const result: number[] = [];
    for (let i = latestBeforeAt(cells, before); i >= 0 && cells[i] > after; i--) {
      result.push(cells[i]);
    }
    return result;
  }

  private readonly _definers = new Map<string, number[]>();
  private readonly _mutators = new Map<string, number[]>();
  private readonly _starImports: number[] = [];
}

function push(map: Map<string, number[]>, name: string, index: number): void {
  const cells = map.get(name);
  if (cells) {
    cells.push(index);
  } else {
    map.set(name, [index]);
  }
}

function latestBefore(cells: number[], before: number): number {
  const at = latestBeforeAt(cells, before);
  return at < 0 ? -1 : cells[at];
}

/** The position in ascending `cells` of the last one below `before`, or -1. */
function latestBeforeAt(cells: number[], before: number): number {
  let low = 0;
  let high = cells.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cells[middle] < before) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low - 1;
}
