import { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';

/** A parsed piece of Python and the means to turn offsets into lines. */
const STRINGS_AND_COMMENTS = new Set(['String', 'FormatString', 'Comment']);
const BRACKETED = new Set([
  'ParenthesizedExpression', 'TupleExpression', 'ArrayExpression',
  'DictionaryExpression', 'SetExpression', 'ComprehensionExpression',
  'ArrayComprehensionExpression', 'DictionaryComprehensionExpression',
  'SetComprehensionExpression', 'ArgList', 'ParamList', 'MemberExpression',
  'ImportStatement'
]);

export class PythonSource {
  constructor(readonly text: string) {
    this.tree = parser.parse(text);
    this._lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\n') {
        this._lineStarts.push(i + 1);
      }
    }
  }

  readonly tree: Tree;
  private readonly _lineStarts: number[];

  /** The 1-based line holding `offset`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this._lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this._lineStarts[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low + 1;
  }

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  /** The line of the first syntax error, or null when the text parses. */
  firstErrorLine(): number | null {
    let errorAt: number | null = null;
    this.tree.iterate({
      enter: node => {
        if (errorAt !== null) {
          return false;
        }
        if (node.type.isError) {
          errorAt = node.from;
          return false;
        }
        return undefined;
      }
    });
    return errorAt === null ? null : this.lineAt(errorAt);
  }

  /**
   * Whether `offset` cannot start IPython syntax: it lies inside a string or
   * comment, or inside brackets opened before `lineStart` (a continued line).
   */
  isInsideLiteralOrBrackets(offset: number, lineStart: number): boolean {
    for (
      let node: SyntaxNode | null = this.tree.resolveInner(offset, 1);
      node;
      node = node.parent
    ) {
      if (STRINGS_AND_COMMENTS.has(node.name) && node.from < offset) {
        return true;
      }
      if (BRACKETED.has(node.name) && node.from < lineStart) {
        return true;
      }
    }
    return false;
  }
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const result: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    result.push(child);
  }
  return result;
}
