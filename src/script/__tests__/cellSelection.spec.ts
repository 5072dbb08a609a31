import { buildTrainingScript } from '../index';
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
