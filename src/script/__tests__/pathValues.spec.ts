import {
  cellStringConstants,
  normalizePath,
  pathPattern,
  pathValue,
  patternRegExp,
  StringConstants,
  UNKNOWN_PART
} from '../pathValues';
import { prepareCell } from '../preparedCell';
import { PythonSource } from '../pythonSyntax';
import { notebook } from './cells';

/** The path the expression `expression` names, with `names` as the strings known. */
function valueOf(expression: string, names: Record<string, string> = {}): string | null {
  const source = new PythonSource(`x = ${expression}`);
  const value = source.tree.topNode.firstChild!.lastChild!;
  return pathValue(value, source, name => names[name] ?? null);
}

describe('pathValue', () => {
  it.each([
    ['"data/train.json"', 'data/train.json'],
    ["'./data//train.json'", 'data/train.json'],
    ['r"out\\model"', 'out\\model'],
    ['"data" "/train.csv"', 'data/train.csv'],
    ['f"{DATA}/train.json"', 'data/train.json'],
    ['f"{DATA}/{{literal}}.json"', 'data/{literal}.json'],
    ["os.path.join(DATA, 'a', 'b.csv')", 'data/a/b.csv'],
    ["os.path.join(DATA, '/abs', 'b.csv')", '/abs/b.csv'],
    ["Path(DATA) / 'train' / 'x.txt'", 'data/train/x.txt'],
    ["pathlib.Path(DATA, 'x.txt')", 'data/x.txt'],
    ["str(Path(DATA) / 'x.txt')", 'data/x.txt'],
    ["Path(DATA).joinpath('a', 'b')", 'data/a/b'],
    ["Path(DATA + '/sub/file').parent", 'data/sub'],
    ["DATA + '/b'", 'data/b'],
    ["(DATA + '/b')", 'data/b'],
    ["'./results/../models/'", 'models'],
    ['Path()', '.']
  ])('reads %s as %j', (expression, expected) => {
    expect(valueOf(expression, { DATA: './data' })).toBe(expected);
  });

  it.each([
    'f"{DATA!r}/x"',
    'f"{epoch:03d}.json"',
    'f"{unknown}/x"',
    'b"bytes"',
    'unknown_name',
    "os.environ['SM_CHANNEL_TRAIN']",
    "os.path.join(os.environ['SM_CHANNEL_TRAIN'], 'train.csv')",
    "os.path.join(*parts)",
    'DATA * 2',
    'get_path()'
  ])('does not know %s', expression => {
    expect(valueOf(expression, { DATA: 'data', epoch: '1' })).toBeNull();
  });

  it('normalises paths', () => {
    expect(normalizePath('./a/./b//c/')).toBe('a/b/c');
    expect(normalizePath('../x/../y')).toBe('../y');
    expect(normalizePath('/opt/ml/../ml/model')).toBe('/opt/ml/model');
    expect(normalizePath('./')).toBe('.');
  });
});

describe('pathPattern', () => {
  function patternOf(expression: string): string | null {
    const source = new PythonSource(`x = ${expression}`);
    const value = source.tree.topNode.firstChild!.lastChild!;
    const pattern = pathPattern(value, source, n => (n === 'DATA' ? 'data' : null));
    return pattern && pattern.split(UNKNOWN_PART).join('<?>');
  }

  it('puts a placeholder where a part is only known at run time', () => {
    expect(patternOf('f"{DATA}/{split}.jsonl"')).toBe('data/<?>.jsonl');
    expect(patternOf('f"ckpt-{step:05d}"')).toBe('ckpt-<?>');
    expect(patternOf('os.path.join(DATA, name, "x.csv")')).toBe('data/<?>/x.csv');
    expect(patternOf('"data/" + name')).toBe('data/<?>');
    expect(patternOf('f"{DATA}/a.json"')).toBe('data/a.json');
  });

  it('has no pattern when even the start is unknown', () => {
    expect(patternOf('f"{root}/x.csv"')).toBeNull();
    expect(patternOf('os.path.join(out_dir, "model.bin")')).toBeNull();
    expect(patternOf('name')).toBeNull();
  });

  it('matches what a pattern may name, one folder level per unknown part', () => {
    const matches = patternRegExp(`data/${UNKNOWN_PART}.jsonl`);
    expect(['data/train.jsonl', 'data/t.e.s.t.jsonl'].map(p => matches.test(p))).toEqual([true, true]);
    expect(['data/a/b.jsonl', 'data/train.json', 'xdata/a.jsonl'].map(p => matches.test(p))).toEqual([
      false, false, false
    ]);
  });
});

describe('cellStringConstants', () => {
  function constantsFor(...sources: string[]): StringConstants[] {
    const prepared = notebook(...sources).map(prepareCell);
    return cellStringConstants(prepared, index => prepared[index].tags.includes('sagemaker-exclude'));
  }

  it('knows module-level strings of this and earlier cells, built from each other', () => {
    const constants = constantsFor(
      'DATA_DIR = "data"',
      'TRAIN = f"{DATA_DIR}/train.jsonl"\nOUT: str = os.path.join(DATA_DIR, "out")',
      'print(TRAIN)'
    );
    expect(constants[0]('TRAIN')).toBeNull();
    expect(constants[1]('TRAIN')).toBe('data/train.jsonl');
    expect(constants[2]('TRAIN')).toBe('data/train.jsonl');
    expect(constants[2]('OUT')).toBe('data/out');
  });

  it('takes the latest definition, and forgets a name rebound to something unknown', () => {
    const constants = constantsFor(
      'path = "a.csv"',
      'path = "b.csv"',
      'for path in files:\n    pass',
      'n = 1'
    );
    expect(constants[0]('path')).toBe('a.csv');
    expect(constants[1]('path')).toBe('b.csv');
    expect(constants[2]('path')).toBeNull();
    expect(constants[3]('n')).toBeNull();
  });

  it('ignores cells tagged sagemaker-exclude and names inside functions', () => {
    const constants = constantsFor(
      'path = "kept.csv"',
      '#tags: sagemaker-exclude\npath = "quick.csv"',
      'def f():\n    path = "inner.csv"'
    );
    expect(constants[2]('path')).toBe('kept.csv');
  });
});
