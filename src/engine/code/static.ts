/**
 * What can be learned from a paste without running it: the names it reads (to list every
 * undefined one at once, not only the first Python would stop at) and its top-level classes and
 * functions (to find the model when nothing instantiates one).
 */
import type { Expr, FunctionDef, Module, Stmt } from './ast.js';

/** Every name the paste reads, with the line where it is first read, in order. */
export function readNames(module: Module): Map<string, number> {
  const out = new Map<string, number>();
  const expr = (e: Expr | null): void => {
    if (e === null) return;
    switch (e.t) {
      case 'name':
        if (!out.has(e.id)) out.set(e.id, e.line);
        return;
      case 'attr':
        return expr(e.obj);
      case 'index':
        expr(e.obj);
        return expr(e.index);
      case 'slice':
        expr(e.lower);
        expr(e.upper);
        return expr(e.step);
      case 'call':
        expr(e.fn);
        for (const a of e.args) expr(a.value);
        return;
      case 'bin':
      case 'bool':
        expr(e.left);
        return expr(e.right);
      case 'unary':
        return expr(e.operand);
      case 'compare':
        expr(e.first);
        return e.rest.forEach(expr);
      case 'ifexp':
        expr(e.test);
        expr(e.body);
        return expr(e.orelse);
      case 'lambda':
        return fn(e.fn);
      case 'tuple':
      case 'list':
      case 'set':
        return e.items.forEach(expr);
      case 'dict':
        for (const item of e.items) {
          if ('spread' in item) expr(item.spread);
          else {
            expr(item.key);
            expr(item.value);
          }
        }
        return;
      case 'starred':
        return expr(e.value);
      case 'fstring':
        for (const p of e.parts) if (typeof p !== 'string') expr(p.value);
        return;
      case 'comp':
        for (const g of e.generators) {
          expr(g.iter);
          g.ifs.forEach(expr);
        }
        expr(e.elt);
        return expr(e.value);
      default:
        return;
    }
  };
  const fn = (f: FunctionDef) => {
    for (const p of [...f.params.positional, ...f.params.keywordOnly]) expr(p.default);
    f.decorators.forEach(expr);
    if (Array.isArray(f.body)) block(f.body as readonly Stmt[]);
    else expr(f.body as Expr);
  };
  const block = (body: readonly Stmt[]) => body.forEach(stmt);
  const stmt = (s: Stmt): void => {
    switch (s.t) {
      case 'expr':
        return expr(s.value);
      case 'assign':
        s.targets.forEach(targetReads);
        return expr(s.value);
      case 'augassign':
        expr(s.target);
        return expr(s.value);
      case 'annassign':
        targetReads(s.target);
        return expr(s.value);
      case 'return':
        return expr(s.value);
      case 'if':
      case 'while':
        expr(s.test);
        block(s.body);
        return block(s.orelse);
      case 'for':
        targetReads(s.target);
        expr(s.iter);
        block(s.body);
        return block(s.orelse);
      case 'def':
        return fn(s.fn);
      case 'class':
        for (const b of s.bases) expr(b.value);
        s.decorators.forEach(expr);
        return block(s.body);
      case 'raise':
        return expr(s.exc);
      case 'assert':
        expr(s.test);
        return expr(s.msg);
      case 'try':
        block(s.body);
        for (const h of s.handlers) {
          expr(h.type);
          block(h.body);
        }
        block(s.orelse);
        return block(s.final);
      case 'with':
        for (const item of s.items) expr(item.expr);
        return block(s.body);
      case 'del':
        return s.targets.forEach(targetReads);
      default:
        return;
    }
  };
  /** An assignment target reads the objects it writes into (`self.fc = ...` reads self). */
  const targetReads = (t: Expr): void => {
    if (t.t === 'attr') expr(t.obj);
    else if (t.t === 'index') {
      expr(t.obj);
      expr(t.index);
    } else if (t.t === 'tuple' || t.t === 'list') t.items.forEach(targetReads);
    else if (t.t === 'starred') targetReads(t.value);
  };
  block(module.body);
  return out;
}

/** Every name the paste binds anywhere (assignments, defs, classes, imports, parameters, loops). */
export function boundNames(module: Module): Set<string> {
  const out = new Set<string>();
  const target = (t: Expr): void => {
    if (t.t === 'name') out.add(t.id);
    else if (t.t === 'tuple' || t.t === 'list') t.items.forEach(target);
    else if (t.t === 'starred') target(t.value);
  };
  const fn = (f: FunctionDef) => {
    for (const p of [...f.params.positional, ...f.params.keywordOnly]) out.add(p.name);
    if (f.params.vararg) out.add(f.params.vararg);
    if (f.params.kwarg) out.add(f.params.kwarg);
    for (const l of f.locals) out.add(l);
    if (Array.isArray(f.body)) block(f.body as readonly Stmt[]);
    else exprs(f.body as Expr);
  };
  /** Lambdas and comprehensions bind names inside expressions. */
  const exprs = (e: Expr): void => {
    if (e.t === 'lambda') fn(e.fn);
    else if (e.t === 'comp') for (const g of e.generators) target(g.target);
    for (const v of Object.values(e)) {
      if (v && typeof v === 'object' && 't' in v && typeof (v as Expr).line === 'number') exprs(v as Expr);
      if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object' && 't' in x) exprs(x as Expr);
    }
  };
  const block = (body: readonly Stmt[]) => body.forEach(stmt);
  const stmt = (s: Stmt): void => {
    switch (s.t) {
      case 'assign':
        s.targets.forEach(target);
        return exprs(s.value);
      case 'augassign':
      case 'annassign':
        return target(s.target);
      case 'for':
        target(s.target);
        block(s.body);
        return block(s.orelse);
      case 'if':
      case 'while':
        block(s.body);
        return block(s.orelse);
      case 'def':
        out.add(s.fn.name);
        return fn(s.fn);
      case 'class':
        out.add(s.name);
        return block(s.body);
      case 'import':
        for (const n of s.names) out.add(n.as ?? n.module.split('.')[0]!);
        return;
      case 'from':
        if (s.names !== '*') for (const n of s.names) out.add(n.as ?? n.name);
        return;
      case 'try':
        block(s.body);
        for (const h of s.handlers) {
          if (h.name) out.add(h.name);
          block(h.body);
        }
        block(s.orelse);
        return block(s.final);
      case 'with':
        for (const item of s.items) if (item.as) target(item.as);
        return block(s.body);
      case 'expr':
        return exprs(s.value);
      default:
        return;
    }
  };
  block(module.body);
  return out;
}

export interface Definitions {
  /** Top-level classes in order, with the names their bodies and the rest of the paste read. */
  readonly classes: ReadonlyArray<{ readonly name: string; readonly line: number }>;
  readonly functions: ReadonlyArray<{ readonly name: string; readonly line: number; readonly fn: FunctionDef }>;
  /** Whether another class's body, or a function that returns something built (a factory), reads the name. */
  referencedElsewhere(name: string): boolean;
}

export function definitions(module: Module): Definitions {
  const classes: Array<{ name: string; line: number }> = [];
  const functions: Array<{ name: string; line: number; fn: FunctionDef }> = [];
  const reads = new Map<string, Set<string>>();
  for (const s of module.body) {
    if (s.t === 'class') {
      classes.push({ name: s.name, line: s.line });
      reads.set(s.name, new Set(readNames({ body: s.body }).keys()));
    } else if (s.t === 'def') {
      functions.push({ name: s.fn.name, line: s.line, fn: s.fn });
      // main() and train() build a model to train it; only a factory's use makes a class a part
      if (returnsCall(s.fn.body)) reads.set(s.fn.name, new Set(readNames({ body: [s] }).keys()));
    }
  }
  return {
    classes,
    functions,
    referencedElsewhere: (name) => [...reads].some(([owner, names]) => owner !== name && names.has(name)),
  };
}

/**
 * Whether a function returns something it built: a call's result (a factory `return ResNet(...)`),
 * or a name it assigned one to (`model = models.resnet18(); model.fc = ...; return model`); not a
 * `main()`, which builds a model to train it.
 */
export function returnsCall(body: FunctionDef['body']): boolean {
  if (!Array.isArray(body)) return false;
  const built = new Set<string>();
  const returned: Expr[] = [];
  const walk = (stmts: readonly Stmt[]): void => {
    for (const st of stmts) {
      switch (st.t) {
        case 'assign':
          if (st.value.t === 'call') for (const target of st.targets) if (target.t === 'name') built.add(target.id);
          break;
        case 'annassign':
          if (st.value?.t === 'call' && st.target.t === 'name') built.add(st.target.id);
          break;
        case 'return':
          if (st.value !== null) returned.push(st.value);
          break;
        case 'if':
        case 'for':
        case 'while':
          walk(st.body);
          walk(st.orelse);
          break;
        case 'with':
          walk(st.body);
          break;
        case 'try':
          walk(st.body);
          for (const h of st.handlers) walk(h.body);
          walk(st.orelse);
          walk(st.final);
          break;
        default:
          break;
      }
    }
  };
  walk(body as readonly Stmt[]);
  return returned.some((v) => v.t === 'call' || (v.t === 'name' && built.has(v.id)));
}

/**
 * The names whose objects statements change in place, read without running them: the root name of
 * an item or attribute assigned (`vocab[w] = ...`, `args.n = ...`) and of a method called on it
 * (`sizes.append(h)`, `counts.update(...)`).
 */
export function changedNames(body: readonly Stmt[]): Set<string> {
  const names = new Set<string>();
  const root = (e: Expr): void => {
    let x = e;
    while (x.t === 'attr' || x.t === 'index') x = x.obj;
    if (x.t === 'name') names.add(x.id);
  };
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const n = node as { t?: string; targets?: Expr[]; target?: Expr; fn?: Expr };
    if (n.t === 'def' || n.t === 'class' || n.t === 'lambda') return;
    if (n.t === 'assign') for (const t of n.targets!) if (t.t === 'attr' || t.t === 'index') root(t);
    if ((n.t === 'augassign' || n.t === 'annassign') && (n.target!.t === 'attr' || n.target!.t === 'index')) root(n.target!);
    if (n.t === 'call' && n.fn!.t === 'attr') root(n.fn!.obj);
    for (const v of Object.values(node)) if (typeof v === 'object') visit(v);
  };
  visit(body);
  return names;
}
