import { PythonLineScanner } from './lineScanner';
import { notebookFieldString } from './notebookFields';
import { readPipLine, runsPip } from './pipLines';
import { pythonString } from './pythonLiteral';
import { IShellCommand, shellCommands } from './shellCommands';
import { shellWrites } from './shellWrites';
import { translateWritefile } from './writefileMagic';

/** Something on one line of a cell, 1-based. */
export interface ICellRemark {
  line: number;
  text: string;
}

/** A cell with its IPython syntax turned into plain Python. */
export interface ITranslatedCell {
  /** Plain Python, line for line with the cell: line numbers keep meaning. */
  python: string;
  requirements: string[];
  /** What was translated or dropped, apart from pip installs. */
  notes: ICellRemark[];
  /** The pip installs carried over into requirements.txt. */
  installNotes: ICellRemark[];
  /** A pip line that cannot be carried over. */
  installProblem: ICellRemark | null;
  /** The first IPython construct that has no plain-Python meaning, if any. */
  problem: ICellRemark | null;
  /** The cell is written in another language (`%%bash`): it has no Python names. */
  opaque: boolean;
  /**
   * Paths the cell's shell lines and cell magics write (`!wget -O p`,
   * `!git clone … dir`, `%%writefile p`), 1-based line; `{name}` fields left as written.
   */
  writes: Array<{ line: number; path: string }>;
  /** Modules the translation calls, for the script's first lines. */
  imports: Set<'importlib' | 'os' | 'subprocess'>;
}

export const MOVE_IT =
  'Remove it or move it to a cell the training cell does not need (or tag that cell sagemaker-exclude).';

const NOTEBOOK_DISPLAY_MAGICS = new Set(['matplotlib', 'config', 'autoreload']);
const KEPT_CELL_MAGICS = new Set(['time', 'capture']);

/** `files = !ls`, `out = %sx ls`: a shell or magic result kept in a variable. */
const CAPTURED_OUTPUT = /^[\w.,\s[\]]+=\s*[!%]/;

/**
 * Translates IPython syntax line by line, as IPython's own input
 * transformers do, skipping lines that lie inside a string literal or
 * continue an earlier line.
 */
export function translateIPython(source: string): ITranslatedCell {
  const result: ITranslatedCell = {
    python: '',
    requirements: [],
    notes: [],
    installNotes: [],
    installProblem: null,
    problem: null,
    opaque: false,
    writes: [],
    imports: new Set()
  };
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const scanner = new PythonLineScanner();
  const emit = (...python: string[]) =>
    python.forEach(line => {
      out.push(line);
      scanner.advance(line);
    });
  // IPython drops the blank lines before a cell magic.
  const first = Math.max(0, lines.findIndex(line => line.trim() !== ''));
  if (lines[first].startsWith('%%')) {
    emit(...lines.slice(0, first).map(() => ''));
    const name = magicName(lines[first].slice(2));
    if (name === 'writefile') {
      return writefileCell(lines.slice(first), first, out, result);
    }
    if (!KEPT_CELL_MAGICS.has(name)) {
      result.opaque = true;
      result.problem = {
        line: first + 1,
        text: `%%${name} runs the cell as something other than Python, which the training script cannot do. ${MOVE_IT}`
      };
      result.python = lines.map(() => '').join('\n');
      return result;
    }
    emit('# ' + lines[first]);
    result.notes.push({ line: first + 1, text: `${lines[first].trim()} dropped (the cell's code is kept)` });
  }
  for (let i = out.length; i < lines.length; i++) {
    const line = lines[i];
    const indent = /^\s*/.exec(line)![0];
    const code = line.slice(indent.length);
    const column = ipythonColumn(code);
    if (column === null || !scanner.isStatementCode(line, indent.length + column)) {
      emit(line);
      continue;
    }
    let command = code;
    const continued: string[] = [];
    while (command.endsWith('\\') && i + 1 < lines.length && /^[%!]/.test(code)) {
      command = command.slice(0, -1) + ' ' + lines[++i].trim();
      continued.push('');
    }
    const lineNumber = out.length + 1;
    const translated = translateCommand(command.trim(), result, lineNumber);
    if (translated === null) {
      result.problem ??= { line: lineNumber, text: problemText(command.trim()) };
      // `files = !ls` still defines `files`: a cell that needs it must see this cell.
      const target = CAPTURED_OUTPUT.exec(command);
      emit(indent + (target ? target[0].slice(0, -1) + 'None' : 'pass'));
    } else {
      emit(indent + translated, ...continued);
    }
  }
  result.python = out.join('\n');
  return result;
}

function writefileCell(
  lines: string[],
  first: number,
  blankLines: string[],
  result: ITranslatedCell
): ITranslatedCell {
  const file = translateWritefile(lines);
  const line = first + 1;
  if (!file) {
    result.problem = {
      line,
      text: '%%writefile needs the name of the file to write, e.g. `%%writefile utils.py`.'
    };
    result.python = [...blankLines, ...lines.map(() => 'pass')].join('\n');
    return result;
  }
  file.imports.forEach(name => result.imports.add(name));
  result.writes.push({ line, path: file.path });
  const how = file.append ? 'appends the cell\'s other lines to' : 'writes the cell\'s other lines to';
  result.notes.push({
    line,
    text: `${lines[0].trim()} → Python that ${how} ${file.path} when the script runs`
  });
  result.python = [...blankLines, ...file.python].join('\n');
  return result;
}

/** Where IPython syntax starts on a line of code, or null for plain Python. */
function ipythonColumn(code: string): number | null {
  if (/^[%!?]/.test(code) || /^pip3?\s+install\s/.test(code)) {
    return 0;
  }
  const captured = CAPTURED_OUTPUT.exec(code);
  if (captured) {
    return captured[0].length - 1;
  }
  return /\?\s*$/.test(code) ? code.trimEnd().length - 1 : null;
}

function magicName(text: string): string {
  return /^\S*/.exec(text)![0];
}

function problemText(command: string): string {
  if (command.endsWith('?') || command.startsWith('?')) {
    return `\`${command}\` asks the notebook for help, which a script cannot do. ${MOVE_IT}`;
  }
  if (CAPTURED_OUTPUT.test(command)) {
    return (
      `\`${command}\` keeps a command's output in a variable, which the script cannot translate. ` +
      'Use subprocess.run(..., capture_output=True, text=True).stdout instead, or move it to a cell the training cell does not need.'
    );
  }
  const name = command.startsWith('!') ? 'the shell command' : magicName(command);
  return `${name} is notebook-only syntax the training script cannot run. ${MOVE_IT}`;
}

/** Plain Python for one IPython command, or null when it has none. */
function translateCommand(
  command: string,
  result: ITranslatedCell,
  line: number
): string | null {
  const note = (text: string) => result.notes.push({ line, text });
  if (command.startsWith('!')) {
    const shell = command.replace(/^!!?/, '').trim();
    const commands = shellCommands(shell);
    if (runsPip(commands)) {
      return translatePip(command, commands, result, line);
    }
    result.imports.add('subprocess');
    result.writes.push(...shellWrites(commands).map(path => ({ line, path })));
    const python = `subprocess.run(${notebookFieldString(shell)}, shell=True, check=True)`;
    note(`${command} → ${python}`);
    return python;
  }
  if (/^pip3?\s/.test(command)) {
    return translatePip(command, shellCommands(command), result, line);
  }
  if (!command.startsWith('%') || command.startsWith('%%')) {
    return null;
  }
  const name = magicName(command.slice(1));
  const args = command.slice(1 + name.length).trim();
  if (
    NOTEBOOK_DISPLAY_MAGICS.has(name) ||
    (name === 'load_ext' && args === 'autoreload')
  ) {
    note(`${command} dropped`);
    return `# ${command}  (notebook only)`;
  }
  switch (name) {
    case 'pip':
      return translatePip(command, shellCommands('pip ' + args), result, line);
    case 'time':
    case 'timeit': {
      const statement = args.replace(/^(?:-[nrp]\s*\d+\s+|-[tcqo]\s+)*/, '');
      note(`${command} → ${statement}`);
      return statement || 'pass';
    }
    case 'env':
    case 'set_env':
      return translateEnv(command, args, result, line);
    case 'conda':
      result.problem ??= {
        line,
        text: `${command}: training containers install packages with pip, not conda. Use %pip install instead.`
      };
      return 'pass';
    default:
      return null;
  }
}

function translatePip(
  command: string,
  commands: IShellCommand[],
  result: ITranslatedCell,
  line: number
): string {
  const pip = readPipLine(command, commands);
  if (pip.problem) {
    result.installProblem ??= { line, text: pip.problem };
    result.problem ??= result.installProblem;
  } else if (pip.note) {
    result.requirements.push(...pip.requirements);
    result.installNotes.push({ line, text: pip.note });
    return `# ${command}  (→ requirements.txt)`;
  } else {
    result.notes.push({ line, text: `${command} dropped` });
  }
  return `# ${command}  (notebook only)`;
}

function translateEnv(
  command: string,
  args: string,
  result: ITranslatedCell,
  line: number
): string {
  const assignment = /^([A-Za-z_]\w*)(?:\s*=\s*|\s+)(.*)$/.exec(args);
  if (!assignment) {
    result.notes.push({ line, text: `${command} dropped (it only shows values)` });
    return `# ${command}  (notebook only)`;
  }
  result.imports.add('os');
  const python = `os.environ[${pythonString(assignment[1])}] = ${pythonString(assignment[2])}`;
  result.notes.push({ line, text: `${command} → ${python}` });
  return python;
}
