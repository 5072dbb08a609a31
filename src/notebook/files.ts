import { PathExt } from '@jupyterlab/coreutils';
import { Contents } from '@jupyterlab/services';
import { ISourceFile } from '../tokens';

/** Python files and folders beside the notebook, for the source directory. */
export async function filesNextTo(
  contents: Contents.IManager,
  notebookPath: string
): Promise<string[]> {
  try {
    const dir = await contents.get(PathExt.dirname(notebookPath), {
      content: true
    });
    return (dir.content as Contents.IModel[])
      .filter(
        item =>
          (item.type === 'file' && item.name.endsWith('.py')) ||
          (item.type === 'directory' &&
            !item.name.startsWith('.') &&
            !['data', 'model', '__pycache__'].includes(item.name))
      )
      .map(item => item.path)
      .sort();
  } catch (error) {
    console.error('sagemaker-nlp: cannot list files next to the notebook', error);
    return [];
  }
}

/** Which of the candidate files the script imports as a module. */
export function importedLocalFiles(script: string, candidates: string[]): string[] {
  const imported = new Set<string>();
  for (const match of script.matchAll(/^\s*(?:from|import)\s+([\w]+)/gm)) {
    imported.add(match[1]);
  }
  return candidates.filter(path =>
    imported.has(PathExt.basename(path, PathExt.extname(path)))
  );
}

/** A file chosen for the job's source that is not text: the source carries text only. */
export class NotTextFileError extends Error {
  constructor(readonly path: string) {
    super(
      `${path} is not a text file, and the job's source directory carries text files only. ` +
        'Untick it and give its folder as an input channel instead (the script then reads it from ' +
        'os.environ["SM_CHANNEL_<NAME>"]).'
    );
    this.name = 'NotTextFileError';
  }
}

/**
 * The chosen files' text, folders walked, paths relative to `root`. In a
 * folder, files that are not text (`*.pyc`, images) are left out; a chosen
 * file that is not text is a NotTextFileError, never dropped unsaid.
 */
export async function readFiles(
  contents: Contents.IManager,
  paths: string[],
  root: string,
  inFolder = false
): Promise<ISourceFile[]> {
  const files: ISourceFile[] = [];
  for (const path of paths) {
    const item = await contents.get(path, { content: true });
    if (item.type === 'directory') {
      const children = (item.content as Contents.IModel[]).map(c => c.path);
      files.push(...(await readFiles(contents, children, root, true)));
    } else if (item.format !== 'text' && !inFolder) {
      throw new NotTextFileError(item.path);
    } else if (item.format === 'text') {
      files.push({
        path: PathExt.relative(root, item.path),
        content: String(item.content)
      });
    }
  }
  return files;
}
