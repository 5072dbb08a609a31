import { SyntaxNode } from '@lezer/common';
import { HyperparameterValue } from '../tokens';
import { children, PythonSource } from './pythonSyntax';

/** Thrown by `literalValue` at the first part that is not a plain literal. */
export class NotALiteral extends Error {
  constructor(readonly node: SyntaxNode) {
    super('not a literal');
  }
}

/** The text a string literal holds; null for anything else (bytes, names, calls…). */
export function stringLiteral(node: SyntaxNode, source: PythonSource): string | null {
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

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',']);

/** The value of a Python literal expression, as JSON can carry it. */
export function literalValue(
  node: SyntaxNode,
  source: PythonSource
): HyperparameterValue {
  const text = source.textOf(node);
  switch (node.name) {
    case 'Number':
      return numberValue(text, node);
    case 'UnaryExpression': {
      const [sign, operand] = children(node);
      if (operand?.name !== 'Number' || sign.name !== 'ArithOp') {
        throw new NotALiteral(node);
      }
      const value = numberValue(source.textOf(operand), operand);
      return source.textOf(sign) === '-' ? -value : value;
    }
    case 'String':
    case 'ContinuedString': {
      const parts = node.name === 'String' ? [node] : children(node);
      return parts.map(part => stringValue(part, source)).join('');
    }
    case 'Boolean':
      return text === 'True';
    case 'None':
      return null;
    case 'ParenthesizedExpression':
      return literalValue(items(node)[0], source);
    case 'ArrayExpression':
    case 'TupleExpression':
      return items(node).map(item => literalValue(item, source));
    case 'DictionaryExpression':
      return dictionaryValue(node, source);
    default:
      throw new NotALiteral(node);
  }
}

function items(node: SyntaxNode): SyntaxNode[] {
  const result = children(node).filter(child => !PUNCTUATION.has(child.name));
  if (result.some(child => child.name === '*' || child.name === '**')) {
    throw new NotALiteral(node);
  }
  return result;
}

function dictionaryValue(
  node: SyntaxNode,
  source: PythonSource
): { [key: string]: HyperparameterValue } {
  const result: { [key: string]: HyperparameterValue } = {};
  const parts = items(node);
  for (let i = 0; i < parts.length; i += 3) {
    const [key, colon, value] = parts.slice(i, i + 3);
    const name = literalValue(key, source);
    if (typeof name !== 'string' || colon?.name !== ':' || !value) {
      throw new NotALiteral(key); // JSON keys are strings
    }
    result[name] = literalValue(value, source);
  }
  return result;
}

function numberValue(text: string, node: SyntaxNode): number {
  const digits = text.replace(/_/g, '').toLowerCase();
  if (digits.endsWith('j')) {
    throw new NotALiteral(node);
  }
  const radix = { '0x': 16, '0o': 8, '0b': 2 }[digits.slice(0, 2)];
  return radix ? parseInt(digits.slice(2), radix) : Number(digits);
}

function stringValue(node: SyntaxNode, source: PythonSource): string {
  const text = source.textOf(node);
  const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
  if (node.name !== 'String' || prefix.includes('b') || prefix.includes('f')) {
    throw new NotALiteral(node); // bytes and f-strings are not plain text
  }
  const rest = text.slice(prefix.length);
  const quote = rest.startsWith(rest[0].repeat(3)) ? rest[0].repeat(3) : rest[0];
  const body = rest.slice(quote.length, rest.length - quote.length);
  return prefix.includes('r') ? body : unescape(body);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v'
};

function unescape(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g,
    (escape, code: string) => {
      if (code in SIMPLE_ESCAPES) {
        return SIMPLE_ESCAPES[code];
      }
      if (/^[xuU]/.test(code)) {
        return String.fromCodePoint(parseInt(code.slice(1), 16));
      }
      if (/^[0-7]/.test(code)) {
        return String.fromCodePoint(parseInt(code, 8));
      }
      return escape; // Python keeps unknown escapes as written
    }
  );
}

/** A Python string literal for `text`, quoted the way `repr` would. */
export function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/[\\\n\r\t'"\x00-\x1f\x7f]/g, char => {
    switch (char) {
      case '\\':
        return '\\\\';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case quote:
        return '\\' + quote;
      case "'":
      case '"':
        return char;
      default:
        return '\\x' + char.charCodeAt(0).toString(16).padStart(2, '0');
    }
  });
  return quote + escaped + quote;
}
