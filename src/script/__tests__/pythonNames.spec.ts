import { analyzeNames, ICellNames } from '../pythonNames';
import { PythonSource } from '../pythonSyntax';

function names(code: string): ICellNames {
  return analyzeNames(new PythonSource(code));
}
const sorted = (set: Set<string> | Map<string, number>) => [...set.keys()].sort();
const allUses = (cell: ICellNames) =>
  [...new Set([...cell.uses.keys(), ...cell.laterUses.keys()])].sort();

describe('analyzeNames', () => {
  it('finds what every kind of binding defines', () => {
    const cell = names(
      [
        'import numpy as np, os.path',
        'from torch import nn, optim as opt',
        'def train(): pass',
        'class Model: pass',
        'a, (b, *c) = 1, (2, 3, 4)',
        'd = e = 5',
        'f: int = 6',
        'g += 1',
        'for h, i in []: pass',
        'with open("x") as j: pass',
        'try:\n    pass\nexcept ValueError as k:\n    pass',
        'if (m := 3): pass'
      ].join('\n')
    );
    expect(sorted(cell.defines)).toEqual(
      [
        'np', 'os', 'nn', 'opt', 'train', 'Model', 'a', 'b', 'c', 'd', 'e',
        'f', 'g', 'h', 'i', 'j', 'k', 'm'
      ].sort()
    );
    expect(sorted(cell.imports)).toEqual(['numpy', 'os', 'torch']);
  });

  it('does not count a bare annotation as a definition', () => {
    expect(sorted(names('x: int').defines)).toEqual([]);
    expect(sorted(names('x: Tensor').uses)).toEqual(['Tensor']);
  });

  it('counts a load before the cell binds the name as a use', () => {
    const cell = names('x = f(x)\ny = 1\nprint(y)\ng += 1');
    expect(sorted(cell.uses)).toEqual(['f', 'g', 'print', 'x']);
  });

  it('reads function bodies after the whole cell, as Python runs them', () => {
    const cell = names(
      'def run():\n    return helper(model) + local\nhelper = 1\nlocal = 2'
    );
    expect(sorted(cell.uses)).toEqual([]);
    expect(sorted(cell.laterUses)).toEqual(['model']);
  });

  it('keeps parameters, locals and comprehension variables out of the uses', () => {
    const cell = names(
      [
        'def f(p, q=default, *args, r: Hint = 1, **kw) -> Out:',
        '    t = p + q',
        '    return [k for k in t if k > limit] + sum(v for v in args)',
        'g = lambda z, w=fallback: z + w + free',
        'sorted(data, key=lambda row: row[0])'
      ].join('\n')
    );
    expect(allUses(cell)).toEqual(
      ['Hint', 'Out', 'data', 'default', 'fallback', 'free', 'limit', 'sorted', 'sum'].sort()
    );
  });

  it('reads the first iterable of a comprehension outside it', () => {
    expect(sorted(names('x = [x for x in x]').uses)).toEqual(['x']);
    expect(sorted(names('y = {k: v for k, v in items.items()}').uses)).toEqual(['items']);
  });

  it('skips keyword argument names and attribute names', () => {
    const cell = names('trainer = Trainer(model=net, args=args_)\ntrainer.train()');
    expect(sorted(cell.uses)).toEqual(['Trainer', 'args_', 'net']);
  });

  it('sees names in decorators, f-strings and class bodies', () => {
    const cell = names(
      [
        '@register.thing(option)',
        'class Net(Base, metaclass=Meta):',
        '    size = hidden',
        '    other = size * 2',
        '    def forward(self):',
        '        return size',
        'print(f"{value!r:>{width}}")'
      ].join('\n')
    );
    // `size` inside the method is not the class attribute: Python looks it up globally.
    expect(allUses(cell)).toEqual(
      ['Base', 'Meta', 'hidden', 'option', 'print', 'register', 'size', 'value', 'width'].sort()
    );
  });

  it('lets `global` in a function define a module name', () => {
    const cell = names('def setup():\n    global model\n    model = build()\n');
    expect(sorted(cell.defines)).toEqual(['model', 'setup']);
    expect(sorted(cell.laterUses)).toEqual(['build']);
  });

  it('finds in-place changes at module level only', () => {
    const cell = names(
      [
        "df['label'] = df['label'].map(int)",
        'tok.train(files)',
        'model.config.dropout = 0.2',
        'counts[key] += 1',
        'del cache',
        'for batch in loader:',
        '    net.step(batch)',
        'def later():',
        '    other.mutate()'
      ].join('\n')
    );
    expect(sorted(cell.mutates)).toEqual(['cache', 'counts', 'df', 'model', 'net', 'tok']);
  });

  it('binds match captures', () => {
    const cell = names('match cmd:\n    case Point(x=px) if px > lim:\n        print(px)\n    case [first, *rest]:\n        pass\n');
    expect(sorted(cell.defines)).toEqual(['first', 'px', 'rest']);
    expect(sorted(cell.uses)).toEqual(['Point', 'cmd', 'lim', 'print']);
  });

  it('notes star imports and the line of each first use', () => {
    const cell = names('from helpers import *\n\nrun(config)');
    expect(cell.importsStar).toBe(true);
    expect(cell.uses.get('config')).toBe(3);
  });
});
