import { SyntaxNode } from '@lezer/common';
import { HyperparameterValue } from '../tokens';
import { literalValue, NotALiteral } from './pythonLiteral';
import { children, PythonSource } from './pythonSyntax';

/** A Python literal written on its own, e.g. in the Train dialog. */
export interface ILiteralText {
  value: HyperparameterValue;
  /** A Python float (`1.0`, `1e3`, `-0.0`): a JavaScript number can't say so. */
  isFloat: boolean;
}

/**
 * Reads `text` as one Python literal expression (a bare tuple `1, 2` too),
 * as `ast.literal_eval` would; null when it is anything else.
 */
export function readLiteralText(text: string): ILiteralText | null {
  const source = new PythonSource(floatDotsWrittenOut(text.trim()));
  const statements = children(source.tree.topNode).filter(
    node => node.name !== 'Comment'
  );
  if (
    source.firstErrorLine() !== null ||
    statements.length !== 1 ||
    statements[0].name !== 'ExpressionStatement'
  ) {
    return null;
  }
  const parts = children(statements[0]);
  try {
    const values = parts
      .filter(part => part.name !== ',')
      .map(part => literalValue(part, source));
    if (parts.length > 1) {
      return { value: values, isFloat: false };
    }
    return { value: values[0], isFloat: isFloatNumber(parts[0], source) };
  } catch (error) {
    if (error instanceof NotALiteral) {
      return null;
    }
    throw error;
  }
}

/**
 * @lezer/python has no number ending in a dot: it reads `1.` as the member
 * `1` . (missing) and `1.e3` as `1` . `e3`, where Python reads floats.
 * Writing the zero out (`1.0`, `1.0e3`) gives the parser what Python sees.
 */
function floatDotsWrittenOut(text: string): string {
  const source = new PythonSource(text);
  const dots: number[] = [];
  source.tree.iterate({
    enter: ref => {
      if (ref.name !== 'MemberExpression') {
        return;
      }
      const [number, dot, property] = children(ref.node);
      if (
        number.name === 'Number' &&
        /^\d[\d_]*$/.test(source.textOf(number)) &&
        dot?.name === '.' &&
        dot.from === number.to &&
        (!property ||
          property.type.isError ||
          /^[eE]\d*$/.test(source.textOf(property)))
      ) {
        dots.push(dot.to);
      }
    }
  });
  return dots
    .sort((a, b) => b - a)
    .reduce((patched, at) => patched.slice(0, at) + '0' + patched.slice(at), text);
}

function isFloatNumber(node: SyntaxNode, source: PythonSource): boolean {
  const number = node.name === 'UnaryExpression' ? node.lastChild : node;
  if (number?.name !== 'Number') {
    return false;
  }
  const digits = source.textOf(number).toLowerCase();
  return !/^0[xob]/.test(digits) && /[.e]/.test(digits);
}
