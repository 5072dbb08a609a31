import { SyntaxNode } from '@lezer/common';
import { children, PythonSource } from './pythonSyntax';

export interface IImportedNames {
  /** Names the statement binds: `np` for `import numpy as np`, `os` for `import os.path`. */
  bound: string[];
  /** Top-level packages: `torch` for `from torch.nn import Linear`; none for relative imports. */
  packages: string[];
  /** `from m import *`. */
  star: boolean;
}

/** What an `import` or `from … import` statement binds and loads. */
export function importedNames(node: SyntaxNode, source: PythonSource): IImportedNames {
  const nodes = children(node);
  const isFrom = nodes[0].name === 'from';
  const result: IImportedNames = { bound: [], packages: [], star: false };
  if (isFrom && nodes[1].name === 'VariableName') {
    result.packages.push(source.textOf(nodes[1]));
  }
  // The imported names, as comma-separated `a.b.c` or `a as b`.
  const importAt = isFrom ? nodes.findIndex(n => n.name === 'import') : 0;
  const clauses: SyntaxNode[][] = [[]];
  for (const child of nodes.slice(importAt + 1)) {
    if (child.name === ',') {
      clauses.push([]);
    } else if (child.name === '*') {
      result.star = true;
    } else {
      clauses[clauses.length - 1].push(child);
    }
  }
  for (const clause of clauses) {
    const names = clause.filter(n => n.name === 'VariableName').map(n => source.textOf(n));
    if (names.length === 0) {
      continue;
    }
    if (!isFrom) {
      result.packages.push(names[0]);
    }
    const aliased = clause.some(n => n.name === 'as');
    result.bound.push(aliased ? names[names.length - 1] : names[0]);
  }
  return result;
}
