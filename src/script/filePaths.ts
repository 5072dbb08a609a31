import { patternRegExp, UNKNOWN_PART } from './pathValues';

/** A path a cell reads: a use in the dependency walk. */
export interface IFileRead {
  /** Normalised, relative to the notebook's folder unless absolute. */
  path: string;
  /** 1-based, within the cell. */
  line: number;
  /**
   * Only a read when some cell writes the path: `load_dataset("imdb")` may
   * name the hub, `from_pretrained("bert-base-uncased")` a hub model.
   */
  ifWritten: boolean;
  /** `import utils`: the module `utils.py` or the package folder `utils`. */
  module: boolean;
  /** Inside a function body: read when called, as late as the training cell. */
  later: boolean;
  /** `path` is a pattern: UNKNOWN_PART stands for what only the run knows (`f"data/{split}.csv"`). */
  pattern?: boolean;
}

/** A path a cell writes: a definition of it and of every path under it. */
export interface IFileWrite {
  path: string;
  line: number;
  /** `open(p, "a")`: changes the file, as a mutation changes a name. */
  append: boolean;
  /** `path` is a pattern, as in IFileRead. */
  pattern?: boolean;
}

export interface ICellFiles {
  reads: IFileRead[];
  writes: IFileWrite[];
}

export const NO_FILES: ICellFiles = { reads: [], writes: [] };

/**
 * What writing `write` makes of what `read` reads: all of it (the path, or a
 * folder holding it), part of it (a file in a folder read), or none.
 * An append, like a change to a name, is never all of it.
 */
export function coverage(write: IFileWrite, read: IFileRead): 'all' | 'part' | null {
  const covered = pathCoverage(write, read);
  return covered === 'all' && write.append ? 'part' : covered;
}

function pathCoverage(write: IFileWrite, read: IFileRead): 'all' | 'part' | null {
  if (write.pattern && read.pattern) {
    return null;
  }
  const paths = read.module ? [`${read.path}.py`, read.path] : [read.path];
  if (write.pattern) {
    const matches = patternRegExp(write.path);
    const fixedStart = write.path.slice(0, write.path.indexOf(UNKNOWN_PART));
    if (paths.some(path => ancestorsAndSelf(path).some(p => matches.test(p)))) {
      return 'all';
    }
    return fixedStart.startsWith(`${read.path}/`) ? 'part' : null;
  }
  if (read.pattern) {
    const matches = patternRegExp(read.path);
    return matches.test(write.path) || read.path.startsWith(`${write.path}/`) ? 'all' : null;
  }
  if (paths.some(path => write.path === path || path.startsWith(`${write.path}/`))) {
    return 'all';
  }
  return write.path.startsWith(`${read.path}/`) ? 'part' : null;
}

/** `a/b/c` → `a/b/c`, `a`, `a/b`: the path and the folders above it. */
export function ancestorsAndSelf(path: string): string[] {
  const result = [path];
  for (let slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
    result.push(path.slice(0, slash));
  }
  return result;
}
