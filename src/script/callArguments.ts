import { SyntaxNode } from '@lezer/common';
import { children, PythonSource } from './pythonSyntax';

/** The items of a bracketed expression or argument list, punctuation left out. */
export function items(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter(n => !['(', ')', '[', ']', '{', '}', ','].includes(n.name));
}

/** A call's arguments: positional in order, keywords by name. */
export class CallArguments {
  constructor(
    private readonly _positional: SyntaxNode[],
    private readonly _keywords: Map<string, SyntaxNode>
  ) {}

  /** The argument at `position` (-1: none) or passed by one of `keywords`. */
  get(position: number, keywords: string[]): SyntaxNode | null {
    for (const keyword of keywords) {
      const value = this._keywords.get(keyword);
      if (value) {
        return value;
      }
    }
    return position >= 0 ? (this._positional[position] ?? null) : null;
  }
}

export function callArguments(argList: SyntaxNode, source: PythonSource): CallArguments {
  const nodes = items(argList);
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  let starred = false;
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i].name === 'VariableName' && nodes[i + 1]?.name === 'AssignOp' && nodes[i + 2]) {
      keywords.set(source.textOf(nodes[i]), nodes[i + 2]);
      i += 2;
    } else if (nodes[i].name === '*' || nodes[i].name === '**') {
      starred = true; // positions after `*args` are unknown
      i++;
    } else if (!starred) {
      positional.push(nodes[i]);
    }
  }
  return new CallArguments(positional, keywords);
}
