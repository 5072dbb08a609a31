import { SyntaxNode } from '@lezer/common';
import { children } from './pythonSyntax';

/** The statements of a cell's top level, those joined by `;` on one line included. */
export function topLevelStatements(script: SyntaxNode): SyntaxNode[] {
  return children(script).flatMap(node =>
    node.name === 'StatementGroup' ? children(node).filter(n => n.name !== ';') : [node]
  );
}

/** Whether a statement sits at the cell's top level, not inside `if`, `try`, a function, … */
export function isTopLevel(statement: SyntaxNode): boolean {
  const parent = statement.parent;
  return (
    parent?.name === 'Script' ||
    (parent?.name === 'StatementGroup' && parent.parent?.name === 'Script')
  );
}
