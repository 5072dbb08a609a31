/// <reference types="node" />
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildTrainingScript, ITrainingScript } from '../index';
import { notebook } from './cells';

/** The project's Python (made by `make install`): the script must really run. */
const PYTHON = path.resolve(__dirname, '../../../.venv/bin/python');

const NOTEBOOK = notebook(
  '%pip install -q this-is-only-a-requirement',
  [
    '#tags: parameters',
    'lr = 0.001',
    'epochs = 1',
    'dropout = 0.1',
    'model_name = "bert"',
    'shuffle = True',
    'layers = [64, 32]',
    'k = 3',
    'seed = None'
  ].join('\n'),
  '%%capture\nimport json\n%env GREETING=hello\n!echo "shell says $GREETING to {model_name}"',
  '%matplotlib inline\nplots = "not needed"',
  [
    '%time values = {name: [value, type(value).__name__] for name, value in [',
    '    ("lr", lr), ("epochs", epochs), ("dropout", dropout), ("model_name", model_name),',
    '    ("shuffle", shuffle), ("layers", layers), ("k", k), ("seed", seed)]}',
    'display("displayed")',
    'print("VALUES " + json.dumps(values), flush=True)'
  ].join('\n')
);

let workDir: string;
let built: ITrainingScript;

beforeAll(() => {
  if (!fs.existsSync(PYTHON)) {
    throw new Error(`${PYTHON} is missing: run \`make install\` to create the project's Python.`);
  }
  built = buildTrainingScript(NOTEBOOK, 4);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-script-'));
  fs.writeFileSync(path.join(workDir, built.entryPoint), built.script);
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

function run(args: string[], extraEnv: Record<string, string> = {}): { out: string; values: unknown } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  if (!('SM_HPS' in extraEnv)) {
    delete env.SM_HPS;
  }
  const out = execFileSync(PYTHON, [built.entryPoint, ...args], {
    cwd: workDir,
    env,
    encoding: 'utf8',
    timeout: 20000
  });
  const line = out.split('\n').find(l => l.startsWith('VALUES '));
  return { out, values: JSON.parse(line!.slice('VALUES '.length)) };
}

describe('the generated train.py, run by Python', () => {
  it('takes only the cells it needs', () => {
    expect(built.cells.map(c => c.index + 1)).toEqual([2, 3, 5]);
    expect(built.requirements).toEqual(['this-is-only-a-requirement']);
  });

  it("runs with the notebook's values when the job passes none", () => {
    const { out, values } = run([]);
    expect(values).toEqual({
      lr: [0.001, 'float'],
      epochs: [1, 'int'],
      dropout: [0.1, 'float'],
      model_name: ['bert', 'str'],
      shuffle: [true, 'bool'],
      layers: [[64, 32], 'list'],
      k: [3, 'int'],
      seed: [null, 'NoneType']
    });
    expect(out).toContain('shell says hello to bert\n');
    expect(out).toContain('displayed\n');
  });

  it('reads --name value arguments as the training toolkit passes them, typed', () => {
    const { out, values } = run([
      '--lr', '0.5',
      '--epochs', '3',
      '--dropout', '1',
      '--model_name', 'roberta',
      '--shuffle', 'False',
      '--layers', '[8, 4]',
      '-k', '7',
      '--seed', '42',
      '--not_a_parameter', 'ignored'
    ]);
    expect(values).toEqual({
      lr: [0.5, 'float'],
      epochs: [3, 'int'],
      dropout: [1.0, 'float'],
      model_name: ['roberta', 'str'],
      shuffle: [false, 'bool'],
      layers: [[8, 4], 'list'],
      k: [7, 'int'],
      seed: [42, 'int']
    });
    expect(out).toContain('shell says hello to roberta\n');
  });

  it('reads lower-case booleans and float-looking integers', () => {
    const { values } = run(['--shuffle', 'false', '--epochs', '4.0']);
    expect(values).toMatchObject({ shuffle: [false, 'bool'], epochs: [4, 'int'] });
  });

  it('prefers SM_HPS, with its exact JSON types', () => {
    const { values } = run(['--lr', '0.9'], {
      SM_HPS: JSON.stringify({ lr: 0.25, epochs: 5, shuffle: false, model_name: 'gpt2', layers: [1] })
    });
    expect(values).toMatchObject({
      lr: [0.25, 'float'],
      epochs: [5, 'int'],
      shuffle: [false, 'bool'],
      model_name: ['gpt2', 'str'],
      layers: [[1], 'list'],
      k: [3, 'int']
    });
  });

  it('types SM_HPS values that arrive as text', () => {
    const { values } = run([], { SM_HPS: JSON.stringify({ epochs: '7', shuffle: 'false', lr: '1e-3' }) });
    expect(values).toMatchObject({
      epochs: [7, 'int'],
      shuffle: [false, 'bool'],
      lr: [0.001, 'float']
    });
  });
});
