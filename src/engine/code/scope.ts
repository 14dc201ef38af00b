/**
 * Python's scoping rule, decided once per function when it is parsed: a name assigned anywhere in
 * a function body is local to it (unless declared `global`/`nonlocal`), so reading it before the
 * assignment is an UnboundLocalError rather than a read of the global of the same name.
 */
import type { Expr, Params, Stmt } from './ast.js';

export function collectLocals(params: Params, body: readonly Stmt[] | Expr): { locals: Set<string>; globals: Set<string> } {
  const locals = new Set<string>();
  const declared = new Set<string>();
  const globals = new Set<string>();
  for (const p of [...params.positional, ...params.keywordOnly]) locals.add(p.name);
  if (params.vararg) locals.add(params.vararg);
  if (params.kwarg) locals.add(params.kwarg);
  if (Array.isArray(body)) for (const s of body as readonly Stmt[]) statement(s, locals, declared, globals);
  for (const name of declared) locals.delete(name);
  return { locals, globals };
}

function target(e: Expr, into: Set<string>): void {
  switch (e.t) {
    case 'name':
      into.add(e.id);
      return;
    case 'tuple':
    case 'list':
      for (const item of e.items) target(item, into);
      return;
    case 'starred':
      target(e.value, into);
      return;
    default:
      return; // attributes and subscripts bind no name
  }
}

function statement(s: Stmt, locals: Set<string>, declared: Set<string>, globals: Set<string>): void {
  const block = (body: readonly Stmt[]) => body.forEach((x) => statement(x, locals, declared, globals));
  switch (s.t) {
    case 'assign':
      s.targets.forEach((x) => target(x, locals));
      return;
    case 'augassign':
    case 'annassign':
      target(s.target, locals);
      return;
    case 'for':
      target(s.target, locals);
      block(s.body);
      block(s.orelse);
      return;
    case 'while':
      block(s.body);
      block(s.orelse);
      return;
    case 'if':
      block(s.body);
      block(s.orelse);
      return;
    case 'with':
      for (const item of s.items) if (item.as) target(item.as, locals);
      block(s.body);
      return;
    case 'try':
      block(s.body);
      for (const h of s.handlers) {
        if (h.name) locals.add(h.name);
        block(h.body);
      }
      block(s.orelse);
      block(s.final);
      return;
    case 'def':
      locals.add(s.fn.name);
      return;
    case 'class':
      locals.add(s.name);
      return;
    case 'import':
      for (const n of s.names) locals.add(n.as ?? n.module.split('.')[0]!);
      return;
    case 'from':
      if (s.names !== '*') for (const n of s.names) locals.add(n.as ?? n.name);
      return;
    case 'del':
      s.targets.forEach((x) => target(x, locals));
      return;
    case 'global':
      for (const n of s.names) {
        declared.add(n);
        globals.add(n);
      }
      return;
    case 'nonlocal':
      for (const n of s.names) declared.add(n);
      return;
    default:
      return;
  }
}
