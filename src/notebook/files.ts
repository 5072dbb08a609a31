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

/** The chosen files' text, folders walked, paths relative to `root`. */
export async function readFiles(
  contents: Contents.IManager,
  paths: string[],
  root: string
): Promise<ISourceFile[]> {
  const files: ISourceFile[] = [];
  for (const path of paths) {
    const item = await contents.get(path, { content: true });
    if (item.type === 'directory') {
      const children = (item.content as Contents.IModel[]).map(c => c.path);
      files.push(...(await readFiles(contents, children, root)));
    } else if (item.format === 'text') {
      files.push({
        path: PathExt.relative(root, item.path),
        content: String(item.content)
      });
    }
  }
  return files;
}
