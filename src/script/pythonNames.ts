import { SyntaxNode } from '@lezer/common';
import { callChangesObject } from './methodEffects';
import { patternNames } from './matchPatterns';
import { importedNames } from './pythonImports';
import { CellScopes, ICellNames, Scope } from './pythonScopes';
import { children, PythonSource } from './pythonSyntax';
import { isTopLevel } from './topLevel';

export type { ICellNames } from './pythonScopes';

const COMPREHENSIONS = new Set([
  'ArrayComprehensionExpression', 'ComprehensionExpression',
  'SetComprehensionExpression', 'DictionaryComprehensionExpression'
]);
const UNPACKING = new Set(['TupleExpression', 'ArrayExpression', 'ParenthesizedExpression']);

/**
 * Walks a cell's syntax tree in evaluation order. Module-level code runs at
 * once, so a name counts as used only if the cell has not bound it yet;
 * function and lambda bodies run later, so they are walked after the whole
 * cell and see every name it binds.
 */
export function analyzeNames(source: PythonSource): ICellNames {
  return new NameWalker(source).run();
}

class NameWalker {
  constructor(private readonly _source: PythonSource) {}

  run(): ICellNames {
    this._visitAll(children(this._source.tree.topNode), this._scopes.module);
    this._scopes.inFunctionBodies = true;
    while (this._deferred.length > 0) {
      this._deferred.shift()!();
    }
    return this._scopes.names;
  }

  private _visit(node: SyntaxNode, scope: Scope): void {
    switch (node.name) {
      case 'VariableName':
        return this._load(node, scope);
      case 'AssignStatement':
        return this._visitAssign(node, scope);
      case 'UpdateStatement':
        return this._visitUpdate(node, scope);
      case 'ExpressionStatement':
        this._noteMethodCall(node.firstChild, scope);
        return this._visitAll(children(node), scope);
      case 'DeleteStatement':
        return this._visitDelete(node, scope);
      case 'ForStatement':
        return this._visitFor(node, scope);
      case 'NamedExpression':
        return this._visitWalrus(node, scope);
      case 'ImportStatement':
        return this._visitImport(node, scope);
      case 'ScopeStatement':
        return this._visitGlobal(node, scope);
      case 'FunctionDefinition':
      case 'LambdaExpression':
        return this._visitFunction(node, scope);
      case 'ClassDefinition':
        return this._visitClass(node, scope);
      case 'ArgList':
        return this._visitArgList(node, scope);
      case 'Decorator':
        return this._visitDecorator(node, scope);
      case 'MatchClause':
        return this._visitMatchClause(node, scope);
      default:
        if (COMPREHENSIONS.has(node.name)) {
          return this._visitComprehension(node, scope);
        }
        return this._visitAll(children(node), scope);
    }
  }

  /** Children in order; `as NAME` (with, except) binds NAME. */
  private _visitAll(nodes: SyntaxNode[], scope: Scope): void {
    for (let i = 0; i < nodes.length; i++) {
      if (nodes[i].name === 'as' && nodes[i + 1]?.name === 'VariableName') {
        this._bind(this._text(nodes[++i]), scope);
      } else {
        this._visit(nodes[i], scope);
      }
    }
  }

  private _load(node: SyntaxNode, scope: Scope): void {
    this._scopes.load(this._text(node), this._source.lineAt(node.from), scope);
  }

  private _bind(name: string, scope: Scope): void {
    this._scopes.bind(name, scope);
  }

  /** Binds what an assignment target names; `a.b = …` and `a[i] = …` mutate `a`. */
  private _bindTarget(node: SyntaxNode, scope: Scope): void {
    if (node.name === 'VariableName') {
      this._bind(this._text(node), scope);
    } else if (UNPACKING.has(node.name)) {
      children(node).forEach(child => this._bindTarget(child, scope));
    } else {
      this._visit(node, scope);
      if (node.name === 'MemberExpression') {
        this._noteMutation(node, scope);
      }
    }
  }

  private _visitAssign(node: SyntaxNode, scope: Scope): void {
    const segments: SyntaxNode[][] = [[]];
    for (const child of children(node)) {
      if (child.name === 'AssignOp') {
        segments.push([]);
      } else {
        segments[segments.length - 1].push(child);
      }
    }
    this._visitAll(segments[0].filter(n => n.name === 'TypeDef'), scope);
    if (segments.length === 1) {
      return; // `x: int` alone binds nothing
    }
    this._visitAll(segments.pop()!, scope);
    for (const target of segments) {
      target.filter(n => n.name !== 'TypeDef').forEach(n => this._bindTarget(n, scope));
    }
  }

  private _visitUpdate(node: SyntaxNode, scope: Scope): void {
    const [target, , ...values] = children(node);
    this._visitAll(values, scope);
    this._visit(target, scope);
    if (target.name === 'VariableName') {
      this._bind(this._text(target), scope);
    } else {
      this._noteMutation(target, scope);
    }
  }

  private _visitDelete(node: SyntaxNode, scope: Scope): void {
    for (const target of children(node).slice(1)) {
      this._visit(target, scope);
      this._noteMutation(target, scope);
    }
  }

  private _visitFor(node: SyntaxNode, scope: Scope): void {
    const nodes = children(node);
    const inAt = nodes.findIndex(n => n.name === 'in');
    const bodyAt = nodes.findIndex(n => n.name === 'Body');
    const forAt = nodes.findIndex(n => n.name === 'for');
    this._visitAll(nodes.slice(inAt + 1, bodyAt), scope);
    nodes.slice(forAt + 1, inAt).forEach(target => this._bindTarget(target, scope));
    this._visitAll(nodes.slice(bodyAt), scope);
  }

  private _visitWalrus(node: SyntaxNode, scope: Scope): void {
    const [target, , ...value] = children(node);
    this._visitAll(value, scope);
    this._scopes.bindOutsideComprehensions(this._text(target), scope);
  }

  private _visitImport(node: SyntaxNode, scope: Scope): void {
    const { bound, packages, star } = importedNames(node, this._source);
    packages.forEach(name => this._scopes.names.imports.add(name));
    bound.forEach(name =>
      isTopLevel(node) ? this._scopes.bindByTopLevelImport(name) : this._bind(name, scope)
    );
    this._scopes.names.importsStar ||= star;
  }

  private _visitGlobal(node: SyntaxNode, scope: Scope): void {
    const [keyword, ...names] = children(node);
    const declared = keyword.name === 'global' ? scope.globals : scope.names;
    if (scope.kind === 'function') {
      names.filter(n => n.name === 'VariableName').forEach(n => declared.add(this._text(n)));
    }
  }

  /** Defaults and annotations run now; the body runs when called. */
  private _visitFunction(node: SyntaxNode, scope: Scope): void {
    const nodes = children(node);
    const name = nodes.find(n => n.name === 'VariableName');
    const params = nodes.find(n => n.name === 'ParamList');
    const inner = new Scope('function', scope);
    const paramNodes = params ? children(params) : [];
    paramNodes.forEach((param, i) => {
      if (param.name === 'VariableName' && paramNodes[i - 1]?.name !== 'AssignOp') {
        inner.names.add(this._text(param));
      } else {
        this._visit(param, scope);
      }
    });
    const isLambda = node.name === 'LambdaExpression';
    const afterParams = params ? nodes.slice(nodes.indexOf(params) + 1) : [];
    const body = isLambda ? afterParams : afterParams.filter(n => n.name === 'Body');
    this._visitAll(afterParams.filter(n => n.name === 'TypeDef'), scope);
    if (name && !isLambda) {
      this._bind(this._text(name), scope);
    }
    this._deferred.push(() => this._visitAll(body, inner));
  }

  private _visitClass(node: SyntaxNode, scope: Scope): void {
    const nodes = children(node);
    const name = nodes.find(n => n.name === 'VariableName');
    this._visitAll(nodes.filter(n => n.name === 'ArgList'), scope);
    const body = new Scope('class', scope);
    this._visitAll(nodes.filter(n => n.name === 'Body'), body);
    if (name) {
      this._bind(this._text(name), scope);
    }
  }

  private _visitArgList(node: SyntaxNode, scope: Scope): void {
    const nodes = children(node);
    if (nodes.some(n => n.name === 'for')) {
      return this._visitComprehension(node, scope); // f(x for x in xs)
    }
    nodes.forEach((arg, i) => {
      const isKeyword = arg.name === 'VariableName' && nodes[i + 1]?.name === 'AssignOp';
      if (!isKeyword) {
        this._visit(arg, scope);
      }
    });
  }

  private _visitDecorator(node: SyntaxNode, scope: Scope): void {
    const nodes = children(node);
    const first = nodes.find(n => n.name === 'VariableName');
    if (first) {
      this._load(first, scope);
    }
    this._visitAll(nodes.filter(n => n.name === 'ArgList'), scope);
  }

  /** The first iterable runs outside; targets, conditions and element inside. */
  private _visitComprehension(node: SyntaxNode, scope: Scope): void {
    const nodes = children(node);
    const firstFor = nodes.findIndex(n => n.name === 'for' || n.name === 'async');
    const inner = new Scope('comprehension', scope);
    let i = firstFor;
    while (i < nodes.length) {
      const clause = nodes[i].name;
      let end = i + 1;
      while (end < nodes.length && !['for', 'if', 'async'].includes(nodes[end].name)) {
        end++;
      }
      const part = nodes.slice(i + 1, end);
      if (clause === 'if') {
        this._visitAll(part, inner);
      } else if (clause === 'for') {
        const inAt = part.findIndex(n => n.name === 'in');
        this._visitAll(part.slice(inAt + 1), i === firstFor ? scope : inner);
        part.slice(0, inAt).forEach(target => this._bindTarget(target, inner));
      }
      i = end;
    }
    this._visitAll(nodes.slice(0, firstFor), inner);
  }

  private _visitMatchClause(node: SyntaxNode, scope: Scope): void {
    for (const child of children(node)) {
      if (child.name === 'Guard' || child.name === 'Body') {
        this._visit(child, scope);
      } else {
        const { bound, loaded } = patternNames(child);
        loaded.forEach(name => this._load(name, scope));
        bound.forEach(name => this._bind(this._text(name), scope));
      }
    }
  }

  /** `obj.method(…)` as a statement at module level changes `obj` if the method is one that changes things. */
  private _noteMethodCall(node: SyntaxNode | null, scope: Scope): void {
    const callee = node?.name === 'CallExpression' ? node.firstChild : null;
    const method = callee?.name === 'MemberExpression' ? callee.lastChild : null;
    if (method?.name !== 'PropertyName') {
      return;
    }
    const argList = node!.getChild('ArgList');
    const args = argList ? children(argList) : [];
    const inplace = args.some(
      (arg, i) =>
        this._text(arg) === 'inplace' &&
        args[i + 1]?.name === 'AssignOp' &&
        this._text(args[i + 2] ?? arg) === 'True'
    );
    if (callChangesObject(this._text(method), inplace)) {
      this._noteMutation(callee!, scope);
    }
  }

  private _noteMutation(node: SyntaxNode, scope: Scope): void {
    let root: SyntaxNode | null = node;
    while (root && (root.name === 'MemberExpression' || root.name === 'CallExpression')) {
      root = root.firstChild;
    }
    if (root?.name === 'VariableName') {
      this._scopes.noteMutation(this._text(root), scope);
    }
  }

  private _text(node: SyntaxNode): string {
    return this._source.textOf(node);
  }

  private readonly _scopes = new CellScopes();
  private readonly _deferred: Array<() => void> = [];
}
