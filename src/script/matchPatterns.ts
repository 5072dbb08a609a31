import { SyntaxNode } from '@lezer/common';
import { children } from './pythonSyntax';

export interface IPatternNames {
  /** Capture names: `x` in `case Point(x=x)`, `rest` in `case [first, *rest]`. */
  bound: SyntaxNode[];
  /** Class and value names the pattern reads: `Point`, `Color.RED`'s `Color`. */
  loaded: SyntaxNode[];
}

/** The names a `case` pattern binds and reads. */
export function patternNames(pattern: SyntaxNode): IPatternNames {
  const result: IPatternNames = { bound: [], loaded: [] };
  const visit = (node: SyntaxNode): void => {
    const nodes = children(node);
    if (node.name === 'CapturePattern') {
      result.bound.push(nodes[0]);
    } else if (node.name === 'AttributePattern' || node.name === 'VariableName') {
      result.loaded.push(nodes[0] ?? node);
    } else if (node.name === 'KeywordPattern') {
      nodes.slice(1).forEach(visit); // the keyword is an attribute name
    } else {
      nodes.forEach((child, i) => {
        if (child.name === 'VariableName' && nodes[i - 1]?.name === 'as') {
          result.bound.push(child);
        } else {
          visit(child);
        }
      });
    }
  };
  visit(pattern);
  return result;
}
