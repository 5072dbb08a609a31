import type { ISourceFile } from '../tokens';

/**
 * A file of the code a job ran. One that cannot be shown (binary, too big,
 * a link out of the folder) keeps its place with empty content and says why
 * in `skipped`, so the viewer names it instead of hiding it.
 */
export interface IJobSourceFile extends ISourceFile {
  skipped?: string;
}

/** Why a file of the job's code is not shown, or undefined when it is. */
export function skippedReason(file: ISourceFile): string | undefined {
  return (file as IJobSourceFile).skipped;
}

/** The limits the local route applies too (jupyterlab_sagemaker_nlp/local/sourcefiles.py). */
export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_TOTAL_BYTES = 8 * 1024 * 1024;

/**
 * Text files as the viewer gets them, from raw file bodies: UTF-8 without a
 * NUL byte, at most MAX_FILE_BYTES each and MAX_TOTAL_BYTES in all, sorted
 * by path. `__pycache__` is left out; anything else not shown is named.
 */
export function textFiles(
  bodies: ReadonlyArray<{ path: string; body: Uint8Array }>
): IJobSourceFile[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files: IJobSourceFile[] = [];
  let total = 0;
  const sorted = [...bodies]
    .filter(file => !file.path.split('/').includes('__pycache__'))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path, body } of sorted) {
    const skip = (skipped: string) => files.push({ path, content: '', skipped });
    if (body.length > MAX_FILE_BYTES) {
      skip(`${body.length} bytes, over the 1 MiB shown per file`);
    } else if (total + body.length > MAX_TOTAL_BYTES) {
      skip(`${body.length} bytes, over the 8 MiB shown per job in all`);
    } else if (body.includes(0)) {
      skip('a binary file');
    } else {
      try {
        files.push({ path, content: decoder.decode(body) });
        total += body.length;
      } catch {
        skip('not UTF-8 text');
      }
    }
  }
  return files;
}
