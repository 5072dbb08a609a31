import { SyntaxNode } from '@lezer/common';
import { literalValue, NotALiteral } from './pythonLiteral';
import { PythonSource } from './pythonSyntax';

/** The string a module-level name holds where it is read, or null when unknown. */
export type StringConstants = (name: string) => string | null;

export const NO_CONSTANTS: StringConstants = () => null;

/**
 * The path an expression names, when it can be known before the job runs:
 * a string literal (more to come: f-strings with known parts, names holding
 * strings, os.path.join, Path / …). Null otherwise.
 */
export function pathValue(
  node: SyntaxNode,
  source: PythonSource,
  constants: StringConstants = NO_CONSTANTS
): string | null {
  if (node.name === 'VariableName') {
    return constants(source.textOf(node));
  }
  if (node.name !== 'String') {
    return null;
  }
  try {
    const value = literalValue(node, source);
    return typeof value === 'string' ? value : null;
  } catch (error) {
    if (error instanceof NotALiteral) {
      return null;
    }
    throw error;
  }
}
