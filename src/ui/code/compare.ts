import type { ISourceFile } from '../../tokens';
import { skippedReason } from '../../backends/jobSourceFiles';

/** One file of the comparison: what the job ran and what the cell gives now. */
export interface IFileComparison {
  path: string;
  /** undefined: the job had no such file. */
  ran?: string;
  /** undefined: the cell builds no such file now. */
  now?: string;
  same: boolean;
}

/**
 * The files the cell builds, compared with the job's; the job's other
 * files (added in the dialog, written by the script) are not built from
 * the cell, so they are listed apart, not compared.
 */
export function compareFiles(
  ran: ReadonlyArray<ISourceFile>,
  now: ReadonlyArray<ISourceFile>
): { compared: IFileComparison[]; notCompared: string[] } {
  const ranByPath = new Map(ran.filter(f => !skippedReason(f)).map(f => [f.path, f.content]));
  const built = new Set(now.map(f => f.path));
  const compared: IFileComparison[] = now.map(file => {
    const before = ranByPath.get(file.path);
    return { path: file.path, ran: before, now: file.content, same: before === file.content };
  });
  // A requirements.txt the job had and the cell no longer makes is a change.
  for (const path of ['requirements.txt', 'train.py', 'train_cell.py']) {
    if (ranByPath.has(path) && !built.has(path)) {
      compared.push({ path, ran: ranByPath.get(path), now: undefined, same: false });
      built.add(path);
    }
  }
  const notCompared = ran.map(f => f.path).filter(path => !built.has(path));
  return { compared, notCompared };
}
