import { parsePipArguments } from './pipInstall';
import { pythonString } from './pythonLiteral';
import { PythonSource } from './pythonSyntax';

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
  imports: Set<'os' | 'subprocess'>;
}

export const MOVE_IT =
  'Remove it or move it to a cell the training cell does not need (or tag that cell sagemaker-exclude).';

const NOTEBOOK_DISPLAY_MAGICS = new Set(['matplotlib', 'config', 'autoreload']);
const KEPT_CELL_MAGICS = new Set(['time', 'capture']);

/** `files = !ls`, `out = %sx ls`: a shell or magic result kept in a variable. */
const CAPTURED_OUTPUT = /^[\w.,\s[\]]+=\s*[!%]/;

/**
 * Translates IPython syntax line by line, as IPython's own input
 * transformers do, skipping lines that lie inside a string literal.
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
  if (lines[0].startsWith('%%')) {
    const name = magicName(lines[0].slice(2));
    if (!KEPT_CELL_MAGICS.has(name)) {
      result.opaque = true;
      result.problem = {
        line: 1,
        text: `%%${name} runs the cell as something other than Python, which the training script cannot do. ${MOVE_IT}`
      };
      result.python = lines.map(() => '').join('\n');
      return result;
    }
    out.push('# ' + lines[0]);
    result.notes.push({ line: 1, text: `${lines[0].trim()} dropped (the cell's code is kept)` });
  }
  for (let i = out.length; i < lines.length; i++) {
    const line = lines[i];
    const indent = /^\s*/.exec(line)![0];
    const code = line.slice(indent.length);
    const column = ipythonColumn(code);
    const continuesLine = out.length > 0 && out[out.length - 1].endsWith('\\');
    if (column === null || continuesLine || !isCode(out, line, indent.length + column)) {
      out.push(line);
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
      out.push(indent + (target ? target[0].slice(0, -1) + 'None' : 'pass'));
    } else {
      out.push(indent + translated, ...continued);
    }
  }
  result.python = out.join('\n');
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

/** Whether a column of `line` may hold IPython syntax, given the lines before. */
function isCode(linesBefore: string[], line: string, column: number): boolean {
  const prefix = linesBefore.length > 0 ? linesBefore.join('\n') + '\n' : '';
  const source = new PythonSource(prefix + line);
  return !source.isInsideLiteralOrBrackets(prefix.length + column, prefix.length);
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
    const pip = /^(?:pip3?|(?:\{sys\.executable\}|\S*python3?)\s+-m\s+pip)\s+(.*)$/.exec(shell);
    if (pip) {
      return translatePip(command, pip[1], result, line);
    }
    result.imports.add('subprocess');
    const python = `subprocess.run(${shellCommandLiteral(shell)}, shell=True, check=True)`;
    note(`${command} → ${python}`);
    return python;
  }
  if (/^pip3?\s/.test(command)) {
    return translatePip(command, command.replace(/^pip3?\s+/, ''), result, line);
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
      return translatePip(command, args, result, line);
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
  args: string,
  result: ITranslatedCell,
  line: number
): string {
  const pip = parsePipArguments(args);
  if (pip.kind === 'problem') {
    result.installProblem ??= { line, text: `${pip.message}.` };
    result.problem ??= result.installProblem;
  } else if (pip.kind === 'install') {
    result.requirements.push(...pip.requirements);
    result.installNotes.push({
      line,
      text: `${command} → requirements.txt: ${pip.requirements.join(', ')}`
    });
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

/**
 * The shell command as a Python string. IPython fills in `{name}` from the
 * notebook's variables, so those become f-string fields; `$name` is left to
 * the shell.
 */
function shellCommandLiteral(shell: string): string {
  let hasFields = false;
  const text = shell.replace(/\{([A-Za-z_][\w.]*)\}|[{}]/g, (match, name) => {
    if (name) {
      hasFields = true;
      return match;
    }
    return match + match;
  });
  return hasFields ? 'f' + pythonString(text) : pythonString(shell);
}
