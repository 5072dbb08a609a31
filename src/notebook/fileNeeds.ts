import { PathExt } from '@jupyterlab/coreutils';
import { Contents } from '@jupyterlab/services';
import type { IFileNeed } from '../script';

/** A file the script reads and no cell writes, looked up next to the notebook. */
export interface IFileNeedFound extends IFileNeed {
  /** Its path from the Jupyter root when it is there; null when it is not. */
  found: string | null;
  kind: 'file' | 'directory' | null;
}

/**
 * Where each needed file is: a relative path is read from the job's working
 * directory, its source directory, so a file beside the notebook can be
 * shipped with the source. Absolute paths and paths above the Jupyter root
 * cannot be found from here.
 */
export async function findFileNeeds(
  contents: Contents.IManager,
  notebookPath: string,
  needs: IFileNeed[]
): Promise<IFileNeedFound[]> {
  const notebookDir = PathExt.dirname(notebookPath);
  return Promise.all(
    needs.map(async need => {
      const path = need.path.startsWith('/')
        ? null
        : PathExt.normalize(PathExt.join(notebookDir, need.path));
      if (!path || path.startsWith('..')) {
        return { ...need, found: null, kind: null };
      }
      try {
        const item = await contents.get(path, { content: false });
        const kind = item.type === 'directory' ? 'directory' : 'file';
        return { ...need, found: item.path, kind };
      } catch {
        return { ...need, found: null, kind: null };
      }
    })
  );
}

/** Missing files, as warnings that name the file, the cell and the fix. */
export function missingFileWarnings(needs: IFileNeedFound[]): string[] {
  return needs
    .filter(need => !need.found)
    .map(
      need =>
        `cell ${need.cellIndex + 1} line ${need.line}: the script reads \`${need.path}\`, which no cell before it ` +
        'writes and which is not next to the notebook, so the job will stop with FileNotFoundError. ' +
        'Take in the cell that makes it (untag sagemaker-exclude, or tag it sagemaker-include), put the file next to ' +
        'the notebook, or read it from an input channel (os.environ["SM_CHANNEL_<NAME>"]).'
    );
}
