/**
 * Variable scopes with Python's rules: module globals, function locals (decided statically, see
 * scope.ts), enclosing functions' variables for closures, and class bodies, which nested
 * functions do not see.
 */
import type { FunctionDef } from './ast.js';
import { raise } from './errors.js';
import type { Value } from './values.js';

export type ScopeKind = 'module' | 'function' | 'class' | 'comprehension';

export class Scope {
  readonly vars = new Map<string, Value>();
  readonly module: Scope;

  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | null,
    /** The function whose call this scope is (for its locals and `global` declarations). */
    readonly fn: FunctionDef | null = null,
  ) {
    this.module = parent ? parent.module : this;
  }

  /** The scope a function defined here closes over: class bodies are skipped, as in Python. */
  closure(): Scope {
    let s: Scope = this;
    while (s.kind === 'class' && s.parent) s = s.parent;
    return s;
  }

  lookup(name: string): Value | undefined {
    if (this.fn?.globals.has(name)) return this.module.vars.get(name);
    const own = this.vars.get(name);
    if (own !== undefined || this.vars.has(name)) return own;
    if (this.fn?.locals.has(name)) raise('UnboundLocalError', 'py.unboundLocal', { name });
    for (let s = this.parent; s; s = s.parent) {
      // a class body's names are seen from directly inside it (a comprehension), not deeper
      if (s.kind === 'class' && s !== this.parent) continue;
      const v = s.vars.get(name);
      if (v !== undefined || s.vars.has(name)) return v;
    }
    return undefined;
  }

  /** Where an assignment to `name` goes from this scope. */
  target(name: string): Scope {
    if (this.fn?.globals.has(name)) return this.module;
    if (this.fn && !this.fn.locals.has(name)) {
      // declared nonlocal: the nearest enclosing function scope that has it
      for (let s = this.parent; s; s = s.parent) if (s.kind === 'function' && s.vars.has(name)) return s;
    }
    return this;
  }

  assign(name: string, value: Value): void {
    this.target(name).vars.set(name, value);
  }
}
