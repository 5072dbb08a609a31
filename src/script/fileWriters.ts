import { ancestorsAndSelf, coverage, ICellFiles, IFileRead, IFileWrite } from './filePaths';

interface IWriter {
  cell: number;
  /** It writes all the read asks for (not one file of a folder read, not an append). */
  all: boolean;
}

/**
 * Which cells write the paths cells read. Plain paths are indexed so that a
 * walk over a notebook of hundreds of cells stays linear; the few patterns
 * (`f"data/{split}.csv"`) are matched one by one.
 */
export class FileWriters {
  constructor(files: ICellFiles[], isTakeable: (cell: number) => boolean) {
    files.forEach((cellFiles, cell) => {
      if (!isTakeable(cell)) {
        return;
      }
      for (const write of cellFiles.writes) {
        this._all.push({ cell, write });
        if (write.pattern) {
          continue;
        }
        push(this._exact, write.path, { cell, all: !write.append });
        for (const folder of ancestorsAndSelf(write.path).slice(1)) {
          push(this._inside, folder, { cell, all: false });
        }
      }
    });
  }

  /**
   * For a read in a cell before `before`: the latest earlier cell that writes
   * all of it, and the later cells that append to it or write part of it
   * (a file in a folder read). Empty when no earlier cell writes any of it.
   */
  before(read: IFileRead, before: number): number[] {
    const found: number[] = [];
    const candidates = this._candidates(read)
      .filter(writer => writer.cell < before)
      .sort((a, b) => b.cell - a.cell || Number(b.all) - Number(a.all));
    for (const writer of candidates) {
      if (!found.includes(writer.cell)) {
        found.push(writer.cell);
      }
      if (writer.all) {
        break;
      }
    }
    return found;
  }

  private _candidates(read: IFileRead): IWriter[] {
    const matched = (candidates: Array<{ cell: number; write: IFileWrite }>) =>
      candidates.flatMap(({ cell, write }) => {
        const covered = coverage(write, read);
        return covered ? [{ cell, all: covered === 'all' }] : [];
      });
    if (read.pattern) {
      return matched(this._all);
    }
    const paths = read.module ? [`${read.path}.py`, read.path] : ancestorsAndSelf(read.path);
    return [
      ...paths.flatMap(path => this._exact.get(path) ?? []),
      ...(this._inside.get(read.path) ?? []),
      ...matched(this._all.filter(({ write }) => write.pattern))
    ];
  }

  private readonly _all: Array<{ cell: number; write: IFileWrite }> = [];
  private readonly _exact = new Map<string, IWriter[]>();
  private readonly _inside = new Map<string, IWriter[]>();
}

function push(map: Map<string, IWriter[]>, key: string, writer: IWriter): void {
  const list = map.get(key);
  if (list) {
    list.push(writer);
  } else {
    map.set(key, [writer]);
  }
}
