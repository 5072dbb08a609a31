import { PathExt } from '@jupyterlab/coreutils';
import { Contents } from '@jupyterlab/services';
import type { IFileNeed } from '../script';

/** A file the script reads and no cell writes, looked up next to the notebook. */
export interface IFileNeedFound extends IFileNeed {
  /** Its path from the Jupyter root when it is there; null when it is not. */
  found: string | null;
  kind: 'file' | 'directory' | null;
  /** A file whose type (from its name) is not text: the job's source cannot carry it. */
  binary: boolean;
}

/** Data and model formats that are never text, whatever the server guesses from the name. */
const BINARY_NAMES =
  /\.(parquet|arrow|feather|npy|npz|pkl|pickle|joblib|pt|pth|bin|safetensors|h5|hdf5|onnx|ckpt|zip|gz|tgz|bz2|xz|zst|7z|tar|db|sqlite|xlsx?)$/i;

/** Types of text that are not `text/*`. */
const TEXT_TYPES = /^text\/|json|xml|yaml|javascript|x-sh|x-python|csv|toml/;

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
        return { ...need, found: null, kind: null, binary: false };
      }
      try {
        const item = await contents.get(path, { content: false });
        const kind = item.type === 'directory' ? 'directory' : 'file';
        const binary =
          kind === 'file' &&
          (BINARY_NAMES.test(item.name) || (!!item.mimetype && !TEXT_TYPES.test(item.mimetype)));
        return { ...need, found: item.path, kind, binary };
      } catch {
        return { ...need, found: null, kind: null, binary: false };
      }
    })
  );
}

/** The needs the job's source can carry: text files and folders beside the notebook. */
export function shippable(needs: IFileNeedFound[]): IFileNeedFound[] {
  return needs.filter(need => need.found && !need.binary);
}

/** Missing and binary files, as warnings that name the file, the cell and the fix. */
export function fileNeedWarnings(needs: IFileNeedFound[]): string[] {
  const binary = needs
    .filter(need => need.binary)
    .map(
      need =>
        `cell ${need.cellIndex + 1} line ${need.line}: the script reads \`${need.path}\`, which is not a text file, ` +
        "so it cannot go with the job's source: put it in a folder, give the folder as an input channel, and " +
        'read it from os.environ["SM_CHANNEL_<NAME>"].'
    );
  const missing = needs
    .filter(need => !need.found)
    .map(
      need =>
        `cell ${need.cellIndex + 1} line ${need.line}: the script reads \`${need.path}\`, which no cell before it ` +
        'writes and which is not next to the notebook, so the job will stop with FileNotFoundError. ' +
        'Take in the cell that makes it (untag sagemaker-exclude, or tag it sagemaker-include), put the file next to ' +
        'the notebook, or read it from an input channel (os.environ["SM_CHANNEL_<NAME>"]).'
    );
  return [...missing, ...binary];
}
