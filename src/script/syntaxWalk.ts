import { SyntaxNode } from '@lezer/common';
import { children, PythonSource } from './pythonSyntax';

/** Every node of the cell's tree of one of `kinds` (e.g. `CallExpression`), in source order. */
export function eachNode(
  source: PythonSource,
  kinds: ReadonlySet<string>,
  visit: (node: SyntaxNode) => void
): void {
  // Only the nodes asked for are made into objects: a whole notebook is walked on every click.
  source.tree.iterate({
    enter: ref => {
      if (kinds.has(ref.name)) {
        visit(ref.node);
      }
    }
  });
}

/** `node` and every node inside it, in source order. */
export function eachNodeWithin(node: SyntaxNode, visit: (node: SyntaxNode) => void): void {
  visit(node);
  for (let child = node.firstChild; child; child = child.nextSibling) {
    eachNodeWithin(child, visit);
  }
}

/** The name a call calls: `f` for `f(…)`, `save_model` for `trainer.save_model(…)`. */
export function calleeName(call: SyntaxNode, source: PythonSource): string | null {
  const callee = call.firstChild;
  if (callee?.name === 'VariableName') {
    return source.textOf(callee);
  }
  if (callee?.name === 'MemberExpression' && callee.lastChild?.name === 'PropertyName') {
    return source.textOf(callee.lastChild);
  }
  return null;
}

/** The text of what a call calls, e.g. `trainer.save_model`. */
export function calleeText(call: SyntaxNode, source: PythonSource): string {
  return call.firstChild ? source.textOf(call.firstChild) : '';
}

export interface ICallArguments {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
}

/** A call's arguments: `f(a, b=c)` → positional [a], keywords {b: c}; `*args`, `**kw` left out. */
export function callArguments(call: SyntaxNode, source: PythonSource): ICallArguments {
  const argList = call.getChild('ArgList');
  const nodes = argList ? children(argList) : [];
  const result: ICallArguments = { positional: [], keywords: new Map() };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (['(', ')', ','].includes(node.name)) {
      continue;
    }
    if (node.name === 'VariableName' && nodes[i + 1]?.name === 'AssignOp' && nodes[i + 2]) {
      result.keywords.set(source.textOf(node), nodes[i + 2]);
      i += 2;
    } else if (node.name === '*' || node.name === '**') {
      i++;
    } else {
      result.positional.push(node);
    }
  }
  return result;
}

/** The argument at `position`, or passed as `keyword`. */
export function argumentAt(
  args: ICallArguments,
  position: number,
  keyword: string
): SyntaxNode | null {
  return args.keywords.get(keyword) ?? args.positional[position] ?? null;
}
