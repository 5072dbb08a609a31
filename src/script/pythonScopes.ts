/** What one cell does with names: enough to tell which cells a script needs. */
export interface ICellNames {
  /** Names the cell binds at module level. */
  defines: Set<string>;
  /** Module-level names the cell changes in place (`df['a'] = …`, `tok.train()`, `del x`). */
  mutates: Set<string>;
  /** Names the cell loads that it has not bound itself by then → first line. */
  uses: Map<string, number>;
  /** Names function bodies load from the module: looked up when called, not when defined. */
  laterUses: Map<string, number>;
  /** Every loaded name, bound or not → first line. */
  loads: Map<string, number>;
  /** Top-level packages imported anywhere in the cell (`torch` for `import torch.nn`). */
  imports: Set<string>;
  /** `from m import *`: the cell may define any name. */
  importsStar: boolean;
  /** Names bound only by import statements at the cell's top level (not in `if`, `try`, …). */
  importBound: Set<string>;
}

export type ScopeKind = 'module' | 'class' | 'function' | 'comprehension';

export class Scope {
  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | null
  ) {}
  readonly names = new Set<string>();
  /** Names a function declared `global`. */
  readonly globals = new Set<string>();
}

/** Python's scoping rules, and the record of what a cell binds and loads. */
export class CellScopes {
  readonly module = new Scope('module', null);
  readonly names: ICellNames = {
    defines: new Set(),
    mutates: new Set(),
    uses: new Map(),
    laterUses: new Map(),
    loads: new Map(),
    imports: new Set(),
    importsStar: false,
    importBound: new Set()
  };
  /** Set once the module-level code is done and function bodies are read. */
  inFunctionBodies = false;

  load(name: string, line: number, scope: Scope): void {
    if (!this.names.loads.has(name)) {
      this.names.loads.set(name, line);
    }
    const uses = this.inFunctionBodies ? this.names.laterUses : this.names.uses;
    if (!this.isBound(name, scope) && !uses.has(name)) {
      uses.set(name, line);
    }
  }

  bind(name: string, scope: Scope): void {
    if (scope.globals.has(name) || scope === this.module) {
      this.module.names.add(name);
      this.names.defines.add(name);
      this._boundOtherwise.add(name);
      this.names.importBound.delete(name);
    } else {
      scope.names.add(name);
    }
  }

  /** A top-level `import` statement binds `name`. */
  bindByTopLevelImport(name: string): void {
    this.module.names.add(name);
    this.names.defines.add(name);
    if (!this._boundOtherwise.has(name)) {
      this.names.importBound.add(name);
    }
  }

  /** Walrus targets in a comprehension belong to the scope around it. */
  bindOutsideComprehensions(name: string, scope: Scope): void {
    let owner = scope;
    while (owner.kind === 'comprehension' && owner.parent) {
      owner = owner.parent;
    }
    this.bind(name, owner);
  }

  noteMutation(name: string, scope: Scope): void {
    if (scope === this.module) {
      this.names.mutates.add(name);
    }
  }

  private readonly _boundOtherwise = new Set<string>();

  private isBound(name: string, scope: Scope): boolean {
    for (let s: Scope | null = scope; s; s = s.parent) {
      // A class body's names are not visible to the functions inside it.
      if (s.kind === 'class' && s !== scope) {
        continue;
      }
      if (s.globals.has(name)) {
        return this.module.names.has(name);
      }
      if (s.names.has(name)) {
        return true;
      }
    }
    return false;
  }
}
