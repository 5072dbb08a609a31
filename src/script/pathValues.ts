import { SyntaxNode } from '@lezer/common';
import { stringLiteral } from './pythonLiteral';
import { ICellNames } from './pythonScopes';
import { children, PythonSource } from './pythonSyntax';
import { topLevelStatements } from './topLevel';

/** The string a module-level name holds where it is read, or null when unknown. */
export type StringConstants = (name: string) => string | null;

export const NO_CONSTANTS: StringConstants = () => null;

const PATH_CLASSES = /^(pathlib\.)?(Pure|Posix|PurePosix)?Path$/;
const JOINS = /^(os\.)?path\.join$/;
const SAME_PATH_CALLS = /^(str|os\.fspath|(os\.)?path\.(abspath|normpath|realpath))$/;
const SAME_PATH_METHODS = new Set(['resolve', 'absolute', 'as_posix']);

/**
 * The path an expression names, when it can be known before the job runs:
 * string literals, f-strings whose fields are known, names holding strings,
 * `os.path.join(…)`, `Path(a) / "b"`, `str(Path(…))`, `a + "/b"`. Normalised
 * (`./a//b/` is `a/b`); null when unknown.
 */
export function pathValue(
  node: SyntaxNode,
  source: PythonSource,
  constants: StringConstants = NO_CONSTANTS
): string | null {
  const text = pathText(node, source, constants);
  return text === null ? null : normalizePath(text);
}

/** Stands for a part of a path pattern that is only known at run time. */
export const UNKNOWN_PART = '\u0000';

/**
 * As `pathValue`, but where a part is unknown (`f"data/{split}.jsonl"`) a
 * pattern with UNKNOWN_PART in its place. Null when even the start is unknown.
 */
export function pathPattern(
  node: SyntaxNode,
  source: PythonSource,
  constants: StringConstants = NO_CONSTANTS
): string | null {
  const text = new PathReader(source, constants, UNKNOWN_PART).value(node);
  return text === null || text.startsWith(UNKNOWN_PART) ? null : normalizePath(text);
}

/** A regular expression for the paths a pattern of `pathPattern` may name. */
export function patternRegExp(pattern: string): RegExp {
  const parts = pattern.split(UNKNOWN_PART).map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/]*')}$`);
}

/** As `pathValue`, but as written: `./data` stays `./data` (a local folder, not a hub name). */
export function pathText(
  node: SyntaxNode,
  source: PythonSource,
  constants: StringConstants = NO_CONSTANTS
): string | null {
  return new PathReader(source, constants).value(node);
}

/**
 * `a/./b//c/` → `a/b/c`, `a/../b` → `b`; leading `..` and `/` are kept.
 * Absolute paths stay absolute; the empty path is `.`.
 */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') {
      parts.pop();
    } else if (part !== '..' || !absolute) {
      parts.push(part);
    }
  }
  const joined = parts.join('/');
  return absolute ? '/' + joined : joined || '.';
}

/** What `os.path.join` and `Path(a, b)` do: an absolute part starts over. */
function joinPaths(parts: string[]): string {
  let joined = '';
  for (const part of parts) {
    joined = part.startsWith('/') || joined === '' ? part : `${joined.replace(/\/$/, '')}/${part}`;
  }
  return joined;
}

class PathReader {
  constructor(
    private readonly _source: PythonSource,
    private readonly _constants: StringConstants,
    /** Set for a pattern: what an unknown part of a longer path becomes. */
    private readonly _unknownPart: string | null = null
  ) {}

  /** The raw string, not yet normalised. */
  value(node: SyntaxNode): string | null {
    switch (node.name) {
      case 'VariableName':
        return this._constants(this._text(node));
      case 'String':
        return this._literal(node);
      case 'FormatString':
        return this._formatString(node);
      case 'ContinuedString':
        return this._all(children(node))?.join('') ?? null;
      case 'ParenthesizedExpression': {
        const inner = children(node).filter(n => n.name !== '(' && n.name !== ')');
        return inner.length === 1 ? this.value(inner[0]) : null;
      }
      case 'BinaryExpression':
        return this._binary(node);
      case 'CallExpression':
        return this._call(node);
      case 'MemberExpression':
        return this._member(node);
      default:
        return null;
    }
  }

  /** A part of a longer path: in a pattern, an unknown part is a placeholder. */
  private _part(node: SyntaxNode): string | null {
    return this.value(node) ?? this._unknownPart;
  }

  private _all(nodes: SyntaxNode[]): string[] | null {
    const values = nodes.map(n => this._part(n));
    return values.every(v => v !== null) ? (values as string[]) : null;
  }

  private _literal(node: SyntaxNode): string | null {
    return stringLiteral(node, this._source);
  }


  /** `f"{DATA}/train_{split}.json"`, when each field is a known string with no format spec. */
  private _formatString(node: SyntaxNode): string | null {
    const text = this._text(node);
    const prefix = /^[a-zA-Z]*/.exec(text)![0];
    const quote = text.startsWith(text[prefix.length].repeat(3), prefix.length) ? 3 : 1;
    const bodyStart = node.from + prefix.length + quote;
    const bodyEnd = node.to - quote;
    let result = '';
    let at = bodyStart;
    for (const field of children(node).filter(n => n.name === 'FormatReplacement')) {
      const plain = this._plainPart(at, field.from);
      const parts = children(field).filter(n => n.name !== '{' && n.name !== '}');
      // `!r`, `:03d`, `=` are unknown
      const value = parts.length === 1 ? this._part(parts[0]) : this._unknownPart;
      if (plain === null || value === null) {
        return null;
      }
      result += plain + value;
      at = field.to;
    }
    const rest = this._plainPart(at, bodyEnd);
    return rest === null ? null : result + rest;
  }

  private _plainPart(from: number, to: number): string | null {
    const text = this._source.text.slice(from, to);
    return text.includes('\\') ? null : text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  }

  private _binary(node: SyntaxNode): string | null {
    const [left, op, right] = children(node);
    const operator = op ? this._text(op) : '';
    if (operator !== '+' && operator !== '/') {
      return null;
    }
    const values = this._all([left, right]);
    if (!values) {
      return null;
    }
    // A string cannot be divided, so `a / b` that runs is a pathlib join.
    return operator === '+' ? values.join('') : joinPaths(values);
  }

  private _call(node: SyntaxNode): string | null {
    const [callee, argList] = children(node);
    const args = argList ? positionalArguments(argList) : null;
    if (!args) {
      return null;
    }
    const name = this._text(callee);
    if (PATH_CLASSES.test(name) || (JOINS.test(name) && args.length > 0)) {
      const parts = this._all(args);
      return parts && joinPaths(parts);
    }
    if (SAME_PATH_CALLS.test(name) && args.length === 1) {
      return this.value(args[0]);
    }
    if (callee.name === 'MemberExpression') {
      const [object, , method] = children(callee);
      const methodName = method ? this._text(method) : '';
      if (methodName === 'joinpath') {
        const parts = this._all([object, ...args]);
        return parts && joinPaths(parts);
      }
      if (SAME_PATH_METHODS.has(methodName) && args.length === 0) {
        return this.value(object);
      }
    }
    return null;
  }

  /** `Path(p).parent`. */
  private _member(node: SyntaxNode): string | null {
    const [object, , property] = children(node);
    if (!property || this._text(property) !== 'parent') {
      return null;
    }
    const path = this.value(object);
    return path === null ? null : normalizePath(path + '/..');
  }

  private _text(node: SyntaxNode): string {
    return this._source.textOf(node);
  }
}

/** The arguments of a call when they are all positional, else null. */
export function positionalArguments(argList: SyntaxNode): SyntaxNode[] | null {
  const args = children(argList).filter(n => !['(', ')', ','].includes(n.name));
  if (args.some(n => n.name === 'AssignOp' || n.name === '*' || n.name === '**')) {
    return null;
  }
  return args;
}

/** A prepared cell, as far as knowing the strings its names hold goes. */
export interface IStringSourceCell {
  python: PythonSource | null;
  names: ICellNames | null;
}

/**
 * For each cell, the strings its code can rely on: module-level `NAME = …`
 * whose value is a known path, in this or an earlier cell, the latest wins
 * (as the dependency walk takes the latest definer). A later binding of
 * another kind (`for NAME in …`, `NAME = f(x)`) makes the name unknown again.
 * Cells `isSkipped` (sagemaker-exclude) count as absent.
 */
export function cellStringConstants(
  cells: IStringSourceCell[],
  isSkipped: (index: number) => boolean = () => false
): StringConstants[] {
  const history = new Map<string, Array<{ cell: number; value: string | null }>>();
  const lookupIn = (cell: number): StringConstants => name => {
    const entries = history.get(name);
    if (!entries) {
      return null;
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].cell <= cell) {
        return entries[i].value;
      }
    }
    return null;
  };
  return cells.map((cell, index) => {
    const constants = lookupIn(index);
    if (!cell.python || !cell.names || isSkipped(index)) {
      return constants;
    }
    const values = new Map<string, string | null>();
    const known: StringConstants = name => (values.has(name) ? values.get(name)! : constants(name));
    for (const statement of topLevelStatements(cell.python.tree.topNode)) {
      const assigned = simpleAssignment(statement);
      if (assigned) {
        values.set(cell.python.textOf(assigned.target), pathText(assigned.value, cell.python, known));
      }
    }
    for (const name of cell.names.defines) {
      const entries = history.get(name) ?? [];
      entries.push({ cell: index, value: values.get(name) ?? null });
      history.set(name, entries);
    }
    return constants;
  });
}

/** `NAME = value` (or `NAME: T = value`), else null. */
function simpleAssignment(node: SyntaxNode): { target: SyntaxNode; value: SyntaxNode } | null {
  if (node.name !== 'AssignStatement') {
    return null;
  }
  const parts = children(node).filter(n => n.name !== 'TypeDef');
  if (parts.length !== 3 || parts[0].name !== 'VariableName' || parts[1].name !== 'AssignOp') {
    return null;
  }
  return { target: parts[0], value: parts[2] };
}
