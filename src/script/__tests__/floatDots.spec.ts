import { floatDotsNeutralised } from '../floatDots';
import { buildTrainingScript } from '../index';
import { prepareCell } from '../preparedCell';
import { readParametersCell } from '../parameters';
import { PythonSource } from '../pythonSyntax';
import { notebook } from './cells';

describe('floats that end in a dot', () => {
  it.each([
    ['momentum=0.', 'momentum=0 '],
    ['f(scale=2.,)', 'f(scale=2 ,)'],
    ['(3. * y)', '(3  * y)'],
    ['eps = 1.e-5 + 3.j', 'eps = 1e-5  + 3j '],
    ['x = 1_000.', 'x = 1_000 '],
    ['(1.).real', '(1 ).real']
  ])('gives the grammar a number for %s', (text, expected) => {
    expect(floatDotsNeutralised(text)).toBe(expected);
    expect(new PythonSource(expected).firstErrorLine()).toBeNull();
  });

  it.each([
    'x1. if y else z',
    'a.b + 1.5 + .5 + 2.5e3',
    '"2." # 3.',
    "s = '''\n1.\n'''",
    "f'{x:.2f} {1.}'"
  ])('leaves %j alone', text => {
    expect(floatDotsNeutralised(text)).toBe(text);
  });

  it('keeps every line and offset', () => {
    const text = 'a = 0.\nb = """\n2.\n"""\nc = (3. *\n     4.)';
    const neutral = floatDotsNeutralised(text);
    expect(neutral.length).toBe(text.length);
    expect(neutral.split('\n').map(l => l.length)).toEqual(text.split('\n').map(l => l.length));
    expect(neutral).toBe('a = 0 \nb = """\n2.\n"""\nc = (3  *\n     4 )');
  });

  it('reads the names of a cell with such floats', () => {
    const cell = prepareCell(
      {
        id: 'c',
        cellType: 'code',
        source: 'optimizer = SGD(params, lr=base_lr * 2., momentum=0.)\nscale = 1.e-5 * factor',
        tags: []
      },
      0
    );
    expect([...cell.names!.uses.keys()].sort()).toEqual(['SGD', 'base_lr', 'factor', 'params']);
    expect(cell.python!.firstErrorLine()).toBeNull();
  });

  it('follows dependencies through them', () => {
    const cells = notebook(
      'import torch',
      'base_lr = 3e-4',
      'warmup = 0.',
      'unrelated = 2.',
      'opt = torch.optim.SGD([torch.zeros(1)], lr=base_lr * 2., momentum=0.9)\nfactor = (1. - warmup)',
      'print(opt, factor)'
    );
    const built = buildTrainingScript(cells, 5);
    expect(built.cells.map(c => c.index + 1)).toEqual([1, 2, 3, 5, 6]);
  });

  it('reads `lr = 2.` in the parameters cell as the float 2.0', () => {
    const parameters = readParametersCell(new PythonSource('lr = 2.\nepochs = 3\neps = 1.e-8\nwd = -0.'));
    expect(parameters.values).toEqual({ lr: 2, epochs: 3, eps: 1e-8, wd: -0 });
    expect(parameters.literals).toEqual({ lr: '2.', epochs: '3', eps: '1.e-8', wd: '-0.' });
    expect(parameters.lines).toContain("    'lr': 2.,");
  });

  it('takes a parameters cell with such floats into the script', () => {
    const cells = notebook('#tags: parameters\nlr = 2.\nepochs = 1', 'print(lr, epochs)');
    const built = buildTrainingScript(cells, 1);
    expect(built.hyperparameters).toEqual({ lr: 2, epochs: 1 });
    expect(built.hyperparameterLiterals).toEqual({ lr: '2.', epochs: '1' });
  });
});
