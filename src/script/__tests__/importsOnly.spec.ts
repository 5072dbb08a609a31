import { importsSection } from '../importsOnly';
import { prepareCell } from '../preparedCell';
import { analyzeNames } from '../pythonNames';
import { PythonSource } from '../pythonSyntax';
import { notebook } from './cells';

const importBound = (code: string) => [...analyzeNames(new PythonSource(code)).importBound].sort();

describe('names bound only by top-level imports', () => {
  it('counts import and from-import bindings at the top level', () => {
    expect(importBound('import numpy as np, os.path\nfrom torch import nn, optim as opt')).toEqual([
      'nn', 'np', 'opt', 'os'
    ]);
  });

  it('leaves out names also bound otherwise, before or after the import', () => {
    expect(importBound('np = None\nimport numpy as np')).toEqual([]);
    expect(importBound('import numpy as np\nnp = np')).toEqual([]);
    expect(importBound('import json\nfor json in []: pass')).toEqual([]);
    expect(importBound('import json\ndef f():\n    global json\n    json = 1')).toEqual([]);
  });

  it('leaves out imports inside compound statements and functions', () => {
    expect(importBound('try:\n    import ujson as json\nexcept ImportError:\n    pass')).toEqual([]);
    expect(importBound('if True:\n    import torch')).toEqual([]);
    expect(importBound('def f():\n    import torch')).toEqual([]);
  });
});

describe('importsSection', () => {
  it('keeps each top-level import on its own cell lines, and nothing else', () => {
    const [cell] = notebook(
      'import os; print(os.sep)\n%matplotlib inline\nfrom a import (\n    b,\n    c)\nx = 1\nif x:\n    import sys'
    ).map(prepareCell);
    expect(importsSection(cell)).toEqual({
      cellIndex: 0,
      lines: ['import os', 'from a import (', '    b,', '    c)'],
      origins: [1, 3, 4, 5]
    });
  });
});
