/// <reference types="node" />
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildTrainingScript } from '../index';
import { translateIPython } from '../ipythonSyntax';
import { notebook } from './cells';

/** The project's Python (made by `make install`): the translation must really run. */
const PYTHON = path.resolve(__dirname, '../../../.venv/bin/python');

/** Text that is hard to carry through a string literal. */
const TRICKY = [
  'import json',
  '',
  'def greet(name):',
  '\treturn f"hello {name}" + \'!\' + "\\\\n"  # a tab, quotes, braces, a backslash',
  '    ',
  'SNOWMAN = "☃ — ü"',
  '"""a docstring with \'\'\' inside"""'
];

/** The text IPython's own input transformer hands %%writefile for this cell. */
function ipythonBody(source: string): string {
  const program = [
    'import json, sys',
    'from IPython.core.inputtransformer2 import TransformerManager',
    'class Shell:',
    '    def run_cell_magic(self, name, line, body): print(json.dumps(body))',
    'get_ipython = Shell',
    'exec(TransformerManager().transform_cell(sys.stdin.read()))'
  ].join('\n');
  return JSON.parse(execFileSync(PYTHON, ['-c', program], { input: source, encoding: 'utf8' }));
}

/** TRICKY as IPython writes it: its dedent of the cell empties the line of spaces. */
const WRITTEN = TRICKY.map(line => line.trim() ? line : '').join('\n') + '\n';

function runScript(script: string, files: Record<string, string> = {}): { out: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'writefile-'));
  fs.writeFileSync(path.join(dir, 'train.py'), script);
  Object.entries(files).forEach(([name, text]) => fs.writeFileSync(path.join(dir, name), text));
  const out = execFileSync(PYTHON, ['train.py'], { cwd: dir, encoding: 'utf8', timeout: 20000 });
  return { out, dir };
}

describe('%%writefile', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

  beforeAll(() => {
    if (!fs.existsSync(PYTHON)) {
      throw new Error(`${PYTHON} is missing: run \`make install\` to create the project's Python.`);
    }
  });

  it('becomes Python line for line with the cell, and records what it writes', () => {
    const cell = translateIPython(['%%writefile utils.py', ...TRICKY].join('\n'));
    expect(cell.problem).toBeNull();
    expect(cell.opaque).toBe(false);
    expect(cell.python.split('\n')).toHaveLength(TRICKY.length + 1);
    expect(cell.python.split('\n')[0]).toBe(
      "with open('utils.py', 'w', encoding='utf-8') as _writefile: _writefile.write("
    );
    expect(cell.writes).toEqual([{ line: 1, path: 'utils.py' }]);
    expect(cell.notes).toEqual([
      { line: 1, text: "%%writefile utils.py → Python that writes the cell's other lines to utils.py when the script runs" }
    ]);
  });

  it.each([
    ['no newline at the end', TRICKY.join('\n'), WRITTEN],
    ['a newline at the end', TRICKY.join('\n') + '\n', WRITTEN],
    ['blank lines at the end', 'a = 1\n\n\n', 'a = 1\n\n\n'],
    ['nothing else', '', '']
  ])('writes what IPython writes, with %s', (_, body, expected) => {
    const source = '%%writefile "out file.txt"' + (body ? '\n' + body : '');
    const { python } = translateIPython(source);
    expect(python.split('\n')).toHaveLength(source.split('\n').length);
    const { dir } = runScript(python);
    dirs.push(dir);
    const written = fs.readFileSync(path.join(dir, 'out file.txt'), 'utf8');
    expect(written).toBe(expected);
    expect(written).toBe(ipythonBody(source));
  });

  it('reads a magic after blank lines, as IPython does', () => {
    const source = '\n  \n%%writefile notes.txt\nline';
    const cell = translateIPython(source);
    expect(cell.python.split('\n')).toHaveLength(4);
    expect(cell.writes).toEqual([{ line: 3, path: 'notes.txt' }]);
    const { dir } = runScript(cell.python);
    dirs.push(dir);
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe(ipythonBody(source));
    expect(translateIPython('\n%%capture\nx = 1').python).toBe('\n# %%capture\nx = 1');
  });

  it('appends with -a', () => {
    const { python } = translateIPython('%%writefile -a log.txt\nsecond');
    const { dir } = runScript(python, { 'log.txt': 'first\n' });
    dirs.push(dir);
    expect(fs.readFileSync(path.join(dir, 'log.txt'), 'utf8')).toBe('first\nsecond\n');
  });

  it('fills {name} fields of the path from the script, as IPython does from the notebook', () => {
    const cell = translateIPython('%%writefile {out_dir}/config.json\n{"lr": 1}');
    expect(cell.writes).toEqual([{ line: 1, path: '{out_dir}/config.json' }]);
    const { dir } = runScript(`import os\nout_dir = "conf"\nos.makedirs(out_dir)\n${cell.python}\n`);
    dirs.push(dir);
    expect(fs.readFileSync(path.join(dir, 'conf', 'config.json'), 'utf8')).toBe('{"lr": 1}\n');
  });

  it('asks for a file name when it has none', () => {
    const cell = translateIPython('%%writefile\nx = 1');
    expect(cell.problem).toEqual({ line: 1, text: expect.stringContaining('%%writefile needs the name of the file') });
  });

  it('writes a module that a later cell imports, in the generated script', () => {
    const cells = notebook(
      ['#tags: sagemaker-include', '%%writefile helpers.py', ...TRICKY].join('\n'),
      'from helpers import greet, SNOWMAN\nprint(greet("job"), SNOWMAN)'
    );
    const built = buildTrainingScript(cells, 1);
    expect(built.cells.map(c => c.index)).toEqual([0, 1]);
    expect(built.script).toContain('import importlib');
    const { out, dir } = runScript(built.script);
    dirs.push(dir);
    expect(out).toBe('hello job!\\n ☃ — ü\n');
    expect(fs.readFileSync(path.join(dir, 'helpers.py'), 'utf8')).toBe(WRITTEN);
  });
});
