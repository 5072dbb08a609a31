import { notebookFieldString } from './notebookFields';
import { pythonString } from './pythonLiteral';
import { shellWords } from './pipInstall';

export interface IWritefileCell {
  /** Line for line with the cell: the first line opens the call, each content line is one string. */
  python: string[];
  /** As the cell writes it, `{name}` fields left alone. */
  path: string;
  append: boolean;
  /** Modules `python` calls. */
  imports: Array<'importlib' | 'os'>;
}

/**
 * `%%writefile [-a] path` as plain Python that writes the same text when
 * the script runs: the cell's other lines, each ending in a newline, as
 * IPython passes them to the magic. Null when the magic names no file.
 */
export function translateWritefile(lines: string[]): IWritefileCell | null {
  const words = shellWords(lines[0].replace(/^%%writefile/, ''));
  const append = words.some(word => word === '-a' || word === '--append');
  const path = words.find(word => !word.startsWith('-'));
  if (!path) {
    return null;
  }
  const imports: IWritefileCell['imports'] = [];
  let target = notebookFieldString(path);
  if (path.startsWith('~')) {
    target = `os.path.expanduser(${target})`;
    imports.push('os');
  }
  // IPython ends the cell with a newline when it has none, so each line is written with its own,
  // and its dedent of the cell empties lines of only spaces.
  const content = lines
    .slice(1)
    .map((line, i) => (i === lines.length - 2 && line === '' ? '' : line.trim() ? line + '\n' : '\n'));
  const open = `with open(${target}, ${pythonString(append ? 'a' : 'w')}, encoding='utf-8') as _writefile:`;
  let python = [`${open} _writefile.write(`, ...content.map(text => '    ' + pythonString(text))];
  if (content.length === 0) {
    python = [`${open} _writefile.write('')`];
  } else {
    python[python.length - 1] += ')';
  }
  if (/\.py$/.test(path)) {
    // A module written while the script runs is found by a later import only once the finders forget their listings.
    python[python.length - 1] += '; importlib.invalidate_caches()';
    imports.push('importlib');
  }
  return { python, path, append, imports };
}
