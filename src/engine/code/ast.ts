/**
 * The syntax tree of the Python subset, close to Python's own `ast` module. Every node keeps the
 * line it starts on (0 for the interpreter's own prelude, whose lines a student never sees).
 */

export type Expr =
  | { readonly t: 'name'; readonly line: number; readonly id: string }
  | { readonly t: 'const'; readonly line: number; readonly value: bigint | number | string | boolean | null }
  | { readonly t: 'ellipsis'; readonly line: number }
  | { readonly t: 'fstring'; readonly line: number; readonly parts: readonly (string | FormattedValue)[] }
  | { readonly t: 'attr'; readonly line: number; readonly obj: Expr; readonly name: string }
  | { readonly t: 'index'; readonly line: number; readonly obj: Expr; readonly index: Expr }
  | { readonly t: 'slice'; readonly line: number; readonly lower: Expr | null; readonly upper: Expr | null; readonly step: Expr | null }
  | { readonly t: 'call'; readonly line: number; readonly fn: Expr; readonly args: readonly Arg[] }
  | { readonly t: 'bin'; readonly line: number; readonly op: BinOp; readonly left: Expr; readonly right: Expr }
  | { readonly t: 'unary'; readonly line: number; readonly op: '-' | '+' | '~' | 'not'; readonly operand: Expr }
  | { readonly t: 'bool'; readonly line: number; readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly t: 'compare'; readonly line: number; readonly first: Expr; readonly ops: readonly CompareOp[]; readonly rest: readonly Expr[] }
  | { readonly t: 'ifexp'; readonly line: number; readonly test: Expr; readonly body: Expr; readonly orelse: Expr }
  | { readonly t: 'lambda'; readonly line: number; readonly fn: FunctionDef }
  | { readonly t: 'tuple' | 'list' | 'set'; readonly line: number; readonly items: readonly Expr[] }
  | { readonly t: 'dict'; readonly line: number; readonly items: readonly DictItem[] }
  | { readonly t: 'starred'; readonly line: number; readonly value: Expr }
  | { readonly t: 'comp'; readonly line: number; readonly kind: 'list' | 'set' | 'gen' | 'dict'; readonly elt: Expr; readonly value: Expr | null; readonly generators: readonly Generator[] };

export type BinOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';
export type CompareOp = '<' | '>' | '<=' | '>=' | '==' | '!=' | 'in' | 'not in' | 'is' | 'is not';

export type Arg =
  | { readonly kind: 'pos'; readonly value: Expr }
  | { readonly kind: 'star'; readonly value: Expr }
  | { readonly kind: 'kw'; readonly name: string; readonly value: Expr }
  | { readonly kind: 'dstar'; readonly value: Expr };

export type DictItem = { readonly key: Expr; readonly value: Expr } | { readonly spread: Expr };

export interface Generator {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}

export interface Param {
  readonly name: string;
  readonly default: Expr | null;
}

export interface Params {
  /** Positional-or-keyword parameters (positional-only ones included: the `/` marker is accepted). */
  readonly positional: readonly Param[];
  readonly vararg: string | null;
  readonly keywordOnly: readonly Param[];
  readonly kwarg: string | null;
}

export interface FunctionDef {
  readonly name: string;
  readonly line: number;
  readonly params: Params;
  /** A lambda's body is one expression, returned. */
  readonly body: readonly Stmt[] | Expr;
  readonly decorators: readonly Expr[];
  /** Names assigned in the body (Python's local variables), minus `global`/`nonlocal` ones. */
  readonly locals: ReadonlySet<string>;
  readonly globals: ReadonlySet<string>;
}

export interface Handler {
  readonly type: Expr | null;
  readonly name: string | null;
  readonly body: readonly Stmt[];
}

export type Stmt =
  | { readonly t: 'expr'; readonly line: number; readonly value: Expr }
  | { readonly t: 'assign'; readonly line: number; readonly targets: readonly Expr[]; readonly value: Expr }
  | { readonly t: 'augassign'; readonly line: number; readonly target: Expr; readonly op: BinOp; readonly value: Expr }
  | { readonly t: 'annassign'; readonly line: number; readonly target: Expr; readonly annotation: Expr; readonly value: Expr | null }
  | { readonly t: 'return'; readonly line: number; readonly value: Expr | null }
  | { readonly t: 'pass' | 'break' | 'continue'; readonly line: number }
  | { readonly t: 'if'; readonly line: number; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly t: 'for'; readonly line: number; readonly target: Expr; readonly iter: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly t: 'while'; readonly line: number; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly t: 'def'; readonly line: number; readonly fn: FunctionDef }
  | { readonly t: 'class'; readonly line: number; readonly name: string; readonly bases: readonly Arg[]; readonly body: readonly Stmt[]; readonly decorators: readonly Expr[] }
  | { readonly t: 'import'; readonly line: number; readonly names: readonly { readonly module: string; readonly as: string | null }[] }
  | { readonly t: 'from'; readonly line: number; readonly module: string; readonly names: readonly { readonly name: string; readonly as: string | null }[] | '*' }
  | { readonly t: 'raise'; readonly line: number; readonly exc: Expr | null }
  | { readonly t: 'assert'; readonly line: number; readonly test: Expr; readonly msg: Expr | null }
  | { readonly t: 'try'; readonly line: number; readonly body: readonly Stmt[]; readonly handlers: readonly Handler[]; readonly orelse: readonly Stmt[]; readonly final: readonly Stmt[] }
  | { readonly t: 'with'; readonly line: number; readonly items: readonly { readonly expr: Expr; readonly as: Expr | null }[]; readonly body: readonly Stmt[] }
  | { readonly t: 'del'; readonly line: number; readonly targets: readonly Expr[] }
  | { readonly t: 'global' | 'nonlocal'; readonly line: number; readonly names: readonly string[] };

export interface Module {
  readonly body: readonly Stmt[];
}

/** `{value!conv:spec}` in an f-string. */
export interface FormattedValue {
  readonly value: Expr;
  readonly conv: '' | 'r' | 's' | 'a';
  readonly spec: string;
}
