import { selectCells } from '../cellSelection';
import { ICellFiles, IFileRead, IFileWrite } from '../fileUses';
import { buildTrainingScript } from '../index';
import { prepareCell } from '../preparedCell';
import { markdown, notebook } from './cells';

/** 1-based numbers of the cells taken for the last cell of the notebook. */
function takenFor(...sources: Array<Parameters<typeof notebook>[0]>): number[] {
  const cells = notebook(...sources);
  return buildTrainingScript(cells, cells.length - 1).cells.map(c => c.index + 1);
}

describe('which cells the script takes', () => {
  it('takes the cells that define the names the training cell uses, transitively', () => {
    expect(
      takenFor(
        'import pandas as pd',
        'unused = 1',
        'df = pd.read_csv("train.csv")',
        'texts = df["text"].tolist()',
        'print(len(texts))'
      )
    ).toEqual([1, 3, 4, 5]);
  });

  it('takes the latest definer, and the earlier one when it rebinds from itself', () => {
    expect(takenFor('lr = 0.1', 'lr = 0.01', 'print(lr)')).toEqual([2, 3]);
    expect(takenFor('x = 1', 'x = x * 2', 'y = 5', 'print(x)')).toEqual([1, 2, 4]);
    expect(takenFor('n = 1', 'n += 1', 'print(n)')).toEqual([1, 2, 3]);
  });

  it('takes cells that change a needed name in place', () => {
    expect(
      takenFor(
        'from tokenizers import Tokenizer\ntok = Tokenizer()',
        'tok.train(["a.txt"])',
        'df = {}',
        "df['label'] = 1",
        'model = object()',
        'model.dropout = 0.1',
        'del df',
        'print(tok, model)'
      )
    ).toEqual([1, 2, 5, 6, 8]);
  });

  it('ignores changes made before the definer it takes', () => {
    expect(takenFor('m = []', 'm.append(1)', 'm = [2]', 'print(m)')).toEqual([3, 4]);
  });

  it('follows names used inside function bodies', () => {
    expect(
      takenFor(
        'import math',
        'def helper(x):\n    return math.sqrt(x)',
        'def train(n):\n    return helper(n) + bias',
        'bias = 0.5',
        'other = 2',
        'train(4)'
      )
    ).toEqual([1, 2, 3, 4, 6]);
  });

  it('needs no definer for builtins or for names the training cell binds first', () => {
    expect(takenFor('data = [1]', 'data = [3, 1]\nprint(sorted(data), len(data))')).toEqual([2]);
  });

  it('never takes markdown or raw cells and counts them in cell numbers', () => {
    const cells = [
      markdown('# Intro\nx = 1'),
      ...notebook('x = 2'),
      { id: 'r', cellType: 'raw' as const, source: 'y = 1', tags: [] },
      ...notebook('print(x)')
    ];
    const built = buildTrainingScript(cells, 3);
    expect(built.cells.map(c => [c.index, c.reason])).toEqual([
      [1, 'dependency'],
      [3, 'training']
    ]);
    expect(built.script).toContain('# --- cell 2 ---\nx = 2');
    expect(built.script).toContain('# --- cell 4 ---\nprint(x)');
  });

  it('takes cells tagged sagemaker-include, with their own dependencies', () => {
    const cells = notebook(
      'import random',
      '#tags: sagemaker-include\nrandom.seed(42)',
      'seed_note = "fixed"',
      'print("train")',
      '#tags: sagemaker-include\nsummary = "saved"\nprint(summary)'
    );
    const built = buildTrainingScript(cells, 3);
    expect(built.cells.map(c => [c.index + 1, c.reason])).toEqual([
      [1, 'dependency'],
      [2, 'included'],
      [4, 'training'],
      [5, 'included']
    ]);
  });

  it('leaves out cells tagged sagemaker-exclude, even when needed', () => {
    expect(
      takenFor(
        'data = list(range(1000))',
        '#tags: sagemaker-exclude\ndata = data[:10]  # quick look',
        'print(len(data))'
      )
    ).toEqual([1, 3]);
    const cells = notebook('#tags: sagemaker-exclude\nsecret = 1', 'print(secret)');
    const built = buildTrainingScript(cells, 1);
    expect(built.cells.map(c => c.index)).toEqual([1]);
    expect(built.warnings).toEqual([
      'cell 2 line 1: no earlier cell defines `secret`, so the job will stop with a NameError unless the name comes from elsewhere.'
    ]);
  });

  it('always takes the parameters cell before the training cell', () => {
    const cells = notebook('#tags: parameters\nepochs = 2', 'print("hi")', '#tags: parameters\nlate = 1');
    const built = buildTrainingScript(cells, 1);
    expect(built.cells).toEqual([
      { index: 0, id: 'cell-1', reason: 'parameters' },
      { index: 1, id: 'cell-2', reason: 'training' }
    ]);
    expect(built.hyperparameters).toEqual({ epochs: 2 });
    expect(buildTrainingScript(cells.slice(1), 0).hyperparameters).toEqual({});
  });

  it('takes a star import for names nothing else defines', () => {
    expect(takenFor('from math import *', 'x = 1', 'print(sqrt(x))')).toEqual([1, 2, 3]);
  });

  it('does not take cells after the training cell unless they are included', () => {
    const cells = notebook('a = 1', 'print(a)', 'a = 2');
    expect(buildTrainingScript(cells, 1).cells.map(c => c.index)).toEqual([0, 1]);
  });

  it('does not read other languages for names', () => {
    expect(takenFor('%%bash\nx=1', 'x = 2', '%%bash\necho $x', 'print(x)')).toEqual([2, 4]);
  });
});

describe('files in the dependency walk (selectCells with files given)', () => {
  const read = (path: string, extra: Partial<IFileRead> = {}): IFileRead => ({
    path,
    line: 1,
    ifWritten: false,
    module: false,
    later: false,
    ...extra
  });
  const write = (path: string, append = false): IFileWrite => ({ path, line: 1, append });
  const writes = (...paths: string[]): ICellFiles => ({ reads: [], writes: paths.map(p => write(p)) });
  const reads = (...paths: Array<string | IFileRead>): ICellFiles => ({
    reads: paths.map(p => (typeof p === 'string' ? read(p) : p)),
    writes: []
  });

  /** Cells of `pass` whose files are given; trains the last one. */
  function select(files: ICellFiles[], excluded: number[] = []) {
    const cells = notebook(...files.map(() => 'pass')).map(prepareCell);
    excluded.forEach(i => cells[i].tags.push('sagemaker-exclude'));
    const selection = selectCells(cells, files.length - 1, files);
    const taken = [...selection.reasons.keys()].sort().map(i => i + 1);
    return { taken, needs: selection.fileNeeds };
  }

  it('takes the latest earlier writer of a path, or of a folder holding it', () => {
    expect(select([writes('a.csv'), writes('a.csv'), reads('a.csv')]).taken).toEqual([2, 3]);
    expect(select([writes('repo'), reads('repo/data/x.json')]).taken).toEqual([1, 2]);
    expect(select([writes('repo/data'), reads('repo/other.json')]).taken).toEqual([2]);
  });

  it('takes appenders and, for a folder read, every writer inside it', () => {
    const append: ICellFiles = { reads: [], writes: [write('log', true)] };
    expect(select([writes('log'), append, reads('log')]).taken).toEqual([1, 2, 3]);
    expect(select([writes('d/a'), writes('d/b'), reads('d')]).taken).toEqual([1, 2, 3]);
  });

  it('follows what the writer itself reads, transitively', () => {
    const unzip: ICellFiles = { reads: [read('raw.zip')], writes: [write('raw')] };
    expect(select([writes('raw.zip'), unzip, reads('raw/train.csv')])).toEqual({
      taken: [1, 2, 3],
      needs: []
    });
  });

  it('reports a read nothing earlier writes as a need, once per path; soft reads only when written', () => {
    const files = [
      reads(read('x.csv', { line: 3 })),
      reads(read('imdb', { ifWritten: true }), read('utils', { ifWritten: true, module: true })),
      { reads: [read('x.csv'), read('y.csv', { line: 2 })], writes: [write('x.csv')] }
    ];
    // Cells 1 and 2 are taken by nothing: their reads do not count.
    expect(select(files).needs).toEqual([
      { path: 'x.csv', cellIndex: 2, line: 1 },
      { path: 'y.csv', cellIndex: 2, line: 2 }
    ]);
    expect(select([reads(read('imdb', { ifWritten: true }))]).needs).toEqual([]);
  });

  it('does not take an excluded writer', () => {
    expect(select([writes('a'), reads('a')], [0])).toEqual({
      taken: [2],
      needs: [{ path: 'a', cellIndex: 1, line: 1 }]
    });
  });

  it('resolves a read in a function body as late as the training cell', () => {
    const cells = notebook('def load(): pass', 'pass', 'load()').map(prepareCell);
    const files = [reads(read('a', { later: true })), writes('a'), reads()];
    expect([...selectCells(cells, 2, files).reasons.keys()].sort()).toEqual([0, 1, 2]);
  });

  it('takes the cell that writes module.py or the package folder for an import', () => {
    const module = reads(read('utils', { ifWritten: true, module: true }));
    expect(select([writes('utils.py'), module]).taken).toEqual([1, 2]);
    expect(select([writes('utils/__init__.py'), module]).taken).toEqual([1, 2]);
    expect(select([writes('utils_extra.py'), module]).taken).toEqual([2]);
  });
});
