/**
 * The AST of a program to model nodes: defs instantiated with their arguments, `if`s decided,
 * layers parsed by their kinds, names resolved for `@name` and `tie=name`. Names are lexically
 * scoped: a group's (or branch's) names are visible after them in that group and in the groups
 * inside it; a def's body sees only its own names and parameters. A def sees only the defs
 * written before it, so a def cannot call itself: expansion always ends.
 *
 * Bounds: every node built is charged to a budget, and the expanded model (repetitions counted)
 * may hold at most LIMITS.layers layers and LIMITS.units layers and groups; past them the request
 * is refused with the limit named.
 */
import { parseSize } from '../args.js';
import { fail } from '../errors.js';
import { LIMITS } from '../limits.js';
import { findKind, type Layer } from '../layers/index.js';
import type { Link, Node } from '../model.js';
import { closest } from '../suggest.js';
import { evaluateExpr, Expression, namesIn, paramValue, type Params } from './arith.js';
import { MAX_DEPTH } from './parser.js';
import { isClassName, type Def, type Item, type Param, type Term } from './ast.js';

const MAX_ROWS = LIMITS.layers;
const MAX_UNITS = LIMITS.units;

/** A def found by its name, and the defs its body may use (those before it). */
export interface FoundDef {
  readonly def: Def;
  readonly scope: Defs;
}

/** The defs a piece of text may use: its own written before it, then its library's. */
export class Defs {
  private constructor(
    private readonly list: readonly Def[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly limit: number,
    private readonly parent: Defs | undefined,
    /** Each def as found, made at its first call and shared by every scope of the list: a model calls its blocks hundreds of times. */
    private readonly found: (FoundDef | undefined)[],
  ) {}

  static of(list: readonly Def[], parent?: Defs): Defs {
    const index = new Map<string, number>();
    list.forEach((d, i) => {
      if (index.has(d.name)) fail('err.defTwice', { name: d.name });
      index.set(d.name, i);
    });
    return new Defs(list, index, list.length, parent, []);
  }

  find(name: string): FoundDef | undefined {
    const i = this.index.get(name);
    if (i !== undefined && i < this.limit) return (this.found[i] ??= { def: this.list[i]!, scope: new Defs(this.list, this.index, i, this.parent, this.found) });
    return this.parent?.find(name);
  }

  names(): string[] {
    return [...this.list.slice(0, this.limit).map((d) => d.name), ...(this.parent?.names() ?? [])];
  }
}

/** Words that mean something only at the head or the tail of a request (`input`, presets, `lora`). */
export interface Vocabulary {
  /** Refuses a word that has a place of its own (`input` first, `lora` last, ...) met elsewhere. */
  refuseMisplaced(word: string): void;
  /** Every word a layer may start with, for "did you mean". */
  words(): readonly string[];
}

class Scope {
  /** Made at the first name: most scopes (a def's body, a group) name nothing. */
  private labels: Map<string, Node> | undefined;
  constructor(private readonly parent: Scope | undefined) {}

  declare(label: string, node: Node): void {
    if (this.labels?.has(label)) fail('err.labelTwice', { label });
    (this.labels ??= new Map()).set(label, node);
  }

  find(name: string): Node | undefined {
    return this.labels?.get(name) ?? this.parent?.find(name);
  }
}

/** What every part of one expansion shares. */
interface Expansion {
  /** Every def of the request: where a def passed as an argument (`stage bottleneck 64`) is found. */
  readonly root: Defs;
  readonly vocabulary: Vocabulary;
  /** Units (layers and groups) that may still be built. */
  left: number;
  /**
   * Instances already expanded, by def and arguments: expansion is a pure function of them, so a
   * block called again with the same arguments is the same nodes (and its layers' records are
   * computed once when they meet the same shapes).
   */
  readonly instances: Map<Def, Map<string, Node>>;
  /**
   * Layers by their words once substituted: a model repeats the same layer (its `bn` and `relu`
   * after every convolution), parsed once and one node wherever it stands (nothing tells equal
   * unnamed layers apart; a tied one refers to its scope, so it is not kept).
   */
  readonly layers: Map<string, Node>;
  /** The arithmetic of def bodies, read once a text (see Expression). */
  readonly arithmetic: Map<string, Arithmetic>;
  /** Layers' `key=value` words as read, by their text (see optionsOf). */
  readonly options: Map<string, LayerOptions>;
}

interface Env {
  readonly params: Params;
  readonly scope: Scope;
  /** The defs this text may use (those written before it). */
  readonly defs: Defs;
  /** Defs being expanded, one inside the other: bounded, since a def passed as an argument may recurse. */
  readonly depth: number;
  readonly expansion: Expansion;
}

/** Expands the items of a request or a preset body. `params` binds a preset's options. */
export function expand(items: readonly Item[], defs: Defs, vocabulary: Vocabulary, params: Params = new Map()): Node[] {
  const expansion: Expansion = { root: defs, vocabulary, left: MAX_UNITS, instances: new Map(), layers: new Map(), arithmetic: new Map(), options: new Map() };
  return expandItems(items, { params, scope: new Scope(undefined), defs, depth: 0, expansion });
}

/** The same env in a scope of its own: a group's or a branch's names are not seen after it. */
const inner = (env: Env): Env => ({ params: env.params, scope: new Scope(env.scope), defs: env.defs, depth: env.depth, expansion: env.expansion });

function charge(env: Env): void {
  if (--env.expansion.left < 0) fail('err.tooManyUnits', { max: MAX_UNITS.toLocaleString('en-US') });
}

/**
 * The nodes of `items`, in a list as long as they are (one pushed to from empty reserves 16 places,
 * and a model holds a list for every block): an item is one node, but an unnamed `if` is its
 * branch's, as many as they are.
 */
function expandItems(items: readonly Item[], env: Env): Node[] {
  const out = new Array<Node>(items.length);
  let n = 0;
  for (const item of items) {
    const got = expandItem(item, env);
    if (!isSplice(got)) out[n++] = got;
    else for (const node of got) out[n++] = node;
  }
  if (n !== out.length) out.length = n;
  return out;
}

/** A branch's nodes, to take the place of the `if` that chose it. */
type Splice = readonly Node[];

const isSplice = (got: Node | Splice): got is Splice => Array.isArray(got);

function expandItem(item: Item, env: Env): Node | Splice {
  charge(env);
  const got = expandTerm(item.term, env);
  // An unnamed `if` splices its branch into the chain around it.
  if (item.repeat === undefined && item.label === undefined && item.options.length === 0) return got;
  const one: Node = !isSplice(got) ? got : got.length === 1 ? got[0]! : { t: 'seq', nodes: got };
  const node = withPostfix(withLabel(item.repeat === undefined ? one : { t: 'repeat', body: one, times: repeatCount(item.repeat, env) }, item.label), item.options);
  if (item.label !== undefined) env.scope.declare(item.label, node);
  return node;
}

function withLabel(node: Node, label: string | undefined): Node {
  if (label === undefined) return node;
  // A section takes no name (the parser refuses one): named, it would be a group holding it.
  return node.t === 'section' ? { t: 'seq', nodes: [node], label } : { ...node, label };
}

/**
 * Options after a closing brace: `trainable=false` freezes a group; `start=N` numbers a repetition's
 * copies from N (a stack continued after layers of another kind: DeepSeek's first dense layer, then
 * `{ ... } x26 start=1` names layers.1 … layers.26); `class=Encoder` says the module's class.
 */
function withPostfix(node: Node, options: readonly string[]): Node {
  let result = node;
  for (const option of options) {
    const [key = '', value = ''] = option.split('=');
    const k = key.toLowerCase();
    if (k === 'start' && result.t === 'repeat') {
      result = { ...result, start: parseSize(value, 'start', 0) };
      continue;
    }
    if (k === 'class') {
      if (!isClassName(value)) fail('err.className', { token: value });
      result = { ...result, className: value };
      continue;
    }
    if (k !== 'trainable') fail('err.unknownOption', { kind: '{ }', key, allowed: result.t === 'repeat' ? 'trainable, start, class' : 'trainable, class' });
    const v = value.toLowerCase();
    if (v !== 'true' && v !== 'false') fail('err.notABool', { token: value, what: 'trainable' });
    if (v === 'false') result = { ...result, frozen: true };
  }
  return result;
}

function repeatCount(text: string, env: Env): number {
  const v = evaluateExpr(text, env.params);
  if (typeof v !== 'bigint' || v < 0n) fail('err.repeatBad', { token: text });
  // Each repetition is at least one layer or group: more than MAX_ROWS of them is too large whatever the body.
  if (v > BigInt(MAX_ROWS)) fail('err.tooManyLayers', { max: MAX_ROWS.toLocaleString('en-US') });
  return Number(v);
}

function expandTerm(term: Term, env: Env): Node | Splice {
  switch (term.t) {
    case 'words':
      return expandWords(term.words, env);
    case 'group':
      return { t: 'seq', nodes: expandItems(term.body, inner(env)) };
    case 'merge': {
      const branches = term.branches.map((b) => expandItems(b, inner(env)));
      if (term.word === 'residual') {
        if (branches.length > 2) fail('err.residualBranches', { count: String(branches.length) });
        return { t: 'merge', op: 'add', word: term.word, branches: branches.length === 1 ? [branches[0]!, []] : branches };
      }
      if (branches.length < 2) fail('err.mergeBranches', { word: term.word });
      return { t: 'merge', op: term.word, word: term.word, branches };
    }
    case 'side':
      return { t: 'side', nodes: expandItems(term.body, inner(env)) };
    case 'ref': {
      const target = env.scope.find(term.name) ?? fail('err.refUnknown', { name: term.name });
      return { t: 'ref', link: { name: term.name, target } };
    }
    case 'section':
      // Its scope is the one around it: the names of a cell written a layer a line are read (`from`,
      // `@`) after the section as before it.
      return { t: 'section', title: term.title, nodes: expandItems(term.body, env) };
    case 'if': {
      const v = evaluateExpr(term.condition, env.params);
      if (typeof v !== 'boolean') fail('err.exprType', { expr: term.condition, expected: 'true/false' });
      return expandItems(v ? term.then : term.otherwise, env);
    }
  }
}

/** `from NAME`: one name or module path, looked up when the model is evaluated (the last output under that label or path). */
function fromNode(args: readonly string[], text: string): Node {
  const [name] = args;
  if (args.length !== 1 || name === undefined || !/^\w+(\.\w+)*$/.test(name)) fail('err.fromName', { token: text });
  return { t: 'from', name };
}

/** A layer, a def instance or `from`, as written in a chain. */
function expandWords(written: readonly string[], env: Env): Node {
  const first = written[0] ?? '';
  if (first.toLowerCase() === 'from') return fromNode(substituteRest(written, first, env).slice(1), written.join(' '));
  const given = substituteKind(first, env.params);
  // A def named by an argument was written where the call was: look it up among all defs.
  const defs = given === first ? env.defs : env.expansion.root;
  const words = substituteRest(written, given, env);
  const word = given.toLowerCase();
  env.expansion.vocabulary.refuseMisplaced(word);
  const found = defs.find(word);
  if (found !== undefined) return instantiate(found, words, env);
  const { layers } = env.expansion;
  // No word holds a newline (it ends one, and no parameter's value is read across one).
  const key = words.length === 1 ? words[0]! : words.join('\n');
  const known = layers.get(key);
  if (known !== undefined) return known;
  const node = layerNode(word, words, defs, env);
  if (node.t === 'layer' && node.tie === undefined) layers.set(key, node);
  return node;
}

/** A layer: `words` as substituted, `word` its kind as typed (lower case). */
function layerNode(word: string, words: readonly string[], defs: Defs, env: Env): Node {
  const kind = findKind(word);
  if (kind === undefined) {
    const suggestion = closest(word, [...env.expansion.vocabulary.words(), ...defs.names()]);
    if (suggestion) fail('err.unknownKindSuggest', { token: words[0]!, suggestion });
    fail('err.unknownKind', { token: words[0]! });
  }
  const args = positionalOf(words);
  const { options, tie, functional } = optionsOf(words, word, env.expansion);
  const layer: Layer = kind.parse({ word, args, options });
  if (functional !== undefined) return { t: 'layer', layer, functional, ...(tie === undefined ? {} : { tie: tieLink(tie, env) }) };
  if (tie === undefined) return { t: 'layer', layer };
  return { t: 'layer', layer, tie: tieLink(tie, env) };
}

/** The words after the first that are no `key=value`, in a list of their own length (a list pushed to from empty reserves 16). */
function positionalOf(words: readonly string[]): readonly string[] {
  let count = 0;
  for (let i = 1; i < words.length; i++) if (!words[i]!.includes('=')) count++;
  if (count === words.length - 1) return count === 0 ? NO_ARGS : words.slice(1);
  const args = new Array<string>(count);
  for (let i = 1, at = 0; i < words.length; i++) if (!words[i]!.includes('=')) args[at++] = words[i]!;
  return args;
}

const NO_ARGS: readonly string[] = [];

/** A layer's `key=value` words: the options its kind reads, and the two the expansion reads itself. */
interface LayerOptions {
  readonly options: ReadonlyMap<string, string>;
  readonly tie: string | undefined;
  readonly functional: Functional;
}

const NO_OPTIONS: LayerOptions = { options: new Map(), tie: undefined, functional: undefined };

/**
 * The `key=value` words of a layer (`words`: its kind `word`, then its arguments), read once for each
 * text they have in the expansion: a model writes the same options on many layers (`pad=same` on
 * every convolution), and a map made for each was a fifth of a parsed layer's garbage. Reading them
 * is a function of the words alone (a refusal names `word`, and is not kept).
 */
function optionsOf(words: readonly string[], word: string, expansion: Expansion): LayerOptions {
  let text: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const token = words[i]!;
    // No word holds a newline (see expandWords).
    if (token.includes('=')) text = text === undefined ? token : `${text}\n${token}`;
  }
  if (text === undefined) return NO_OPTIONS;
  let read = expansion.options.get(text);
  if (read === undefined) {
    read = readOptions(words, word);
    expansion.options.set(text, read);
  }
  return read;
}

function readOptions(words: readonly string[], word: string): LayerOptions {
  const options = new Map<string, string>();
  let tie: string | undefined;
  let functional: Functional;
  for (let i = 1; i < words.length; i++) {
    const token = words[i]!;
    const eq = token.indexOf('=');
    if (eq < 0) continue;
    const key = token.slice(0, eq).toLowerCase();
    const value = token.slice(eq + 1);
    if (key === '' || value === '') fail('err.badOptionToken', { token, kind: word });
    if (options.has(key) || (key === 'tie' && tie !== undefined)) fail('err.duplicateOption', { key, kind: word });
    if (key === 'tie') tie = value;
    else if (key === FUNCTIONAL) functional = parseFunctional(value);
    else options.set(key, value);
  }
  return { options, tie, functional };
}

/**
 * `functional=true` on any layer: the framework's model applies it as a function in forward
 * (DenseNet's `F.relu(features)`), so it takes no module name (see Row.call), and its row is named
 * as forward usually calls that kind (naming.ts). `functional=x.mean` names the call as this
 * model's forward writes it (ShuffleNet's `x.mean([2, 3])` for its global pooling).
 */
const FUNCTIONAL = 'functional';

/** What `functional=` said: as a function with the kind's usual call (true), with this call (its name), or not (undefined). */
type Functional = true | string | undefined;

/** A Python callable as written: `x.mean`, `F.relu`, `torch.flatten`. */
const CALL_NAME = /^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/;

function parseFunctional(value: string): Functional {
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return undefined;
  if (!CALL_NAME.test(value)) fail('err.notAFunctional', { token: value });
  return value;
}

function tieLink(tie: string, env: Env): Link {
  const target = env.scope.find(tie) ?? fail('err.refUnknown', { name: tie });
  if (target.t !== 'layer') fail('err.tieNotLayer', { name: tie });
  return { name: tie, target };
}

/** A def called with `words` (its name, then the arguments). */
function instantiate(found: FoundDef, words: readonly string[], env: Env): Node {
  if (env.depth >= MAX_DEPTH) fail('err.langDepth', { max: String(MAX_DEPTH) });
  const { def } = found;
  const params = bind(def, words, env.expansion);
  const { instances } = env.expansion;
  let byArgs = instances.get(def);
  if (byArgs === undefined) {
    byArgs = new Map();
    instances.set(def, byArgs);
  }
  // The defs a body sees depend on the def alone, so def and arguments decide the expansion.
  const key = params.key();
  let node = byArgs.get(key);
  if (node === undefined) {
    const nodes = expandItems(def.body, { params, scope: new Scope(undefined), defs: found.scope, depth: env.depth + 1, expansion: env.expansion });
    node = def.className === undefined ? { t: 'seq', nodes } : { t: 'seq', nodes, className: def.className };
    byArgs.set(key, node);
  }
  return node;
}

/**
 * A def's parameters as a call binds them, in the def's order: a def has a few, so they are found
 * by a scan (a map a call cost three times as much to make, and a model calls its blocks hundreds of times).
 */
class Bound implements Params {
  /** The parameters bound so far: a default may use those before it (`def f(c, out=c)`). */
  size = 0;
  private readonly values: string[];

  constructor(private readonly params: readonly Param[]) {
    this.values = new Array<string>(params.length);
  }

  get(name: string): string | undefined {
    for (let i = 0; i < this.size; i++) if (this.params[i]!.name === name) return this.values[i];
    return undefined;
  }

  /** Binds the next parameter. */
  push(value: string): void {
    this.values[this.size++] = value;
  }

  /** The values as one key: the value itself for a def of one parameter, as most are. */
  key(): string {
    return this.size === 1 ? this.values[0]! : this.values.join('\u0000');
  }
}

/** A def's parameters from a call (`words`: its name, then the arguments): positional first, then name=value, then the defaults. */
function bind(def: Def, words: readonly string[], expansion: Expansion): Bound {
  let positional = 0;
  // Made for the first name=value: most calls give their arguments by position.
  let named: Map<string, string> | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    if (eq < 0) {
      positional++;
      continue;
    }
    const key = w.slice(0, eq);
    if (!def.params.some((p) => p.name === key)) fail('err.unknownOption', { kind: def.name, key, allowed: def.params.map((p) => p.name).join(', ') });
    if (named?.has(key)) fail('err.duplicateOption', { key, kind: def.name });
    (named ??= new Map()).set(key, w.slice(eq + 1));
  }
  if (positional > def.params.length) {
    fail('err.defArgs', { def: def.name, usage: usage(def), got: String(positional), max: String(def.params.length) });
  }
  const bound = new Bound(def.params);
  // The next positional argument is found by walking on from the last: no list of them is made.
  let at = 1;
  for (const p of def.params) {
    while (at < words.length && words[at]!.includes('=')) at++;
    const given = at < words.length ? words[at++] : undefined;
    if (given !== undefined && named?.has(p.name)) fail('err.duplicateOption', { key: p.name, kind: def.name });
    // A default may use the parameters before it (`def f(c, out=c)`).
    const value = given ?? named?.get(p.name) ?? (p.fallback === undefined ? undefined : substitute(p.fallback, bound, expansion));
    if (value === undefined) fail('err.defMissing', { def: def.name, param: p.name, usage: usage(def) });
    bound.push(value);
  }
  return bound;
}

/** A def's call as its header allows it, for a refusal: `block c stride=1`. */
const usage = (def: Def): string => [def.name, ...def.params.map((p) => (p.fallback === undefined ? p.name : `${p.name}=${p.fallback}`))].join(' ');

/**
 * A parameter in a kind's place is put in only when it holds a name (`block` -> `bottleneck`):
 * `pooler: pooler` in a preset with the option pooler=true still means the kind.
 */
function substituteKind(word: string, params: Params): string {
  if (params.size === 0) return word;
  const value = params.get(word);
  return value !== undefined && paramValue(value) === undefined ? value : word;
}

/**
 * `written` with its first word `head` and the parameters put in the rest: `written` itself when
 * nothing changes (always outside a def, which has no parameters), else a copy.
 */
function substituteRest(written: readonly string[], head: string, env: Env): readonly string[] {
  let words: string[] | undefined;
  if (head !== written[0]) {
    words = written.slice();
    words[0] = head;
  }
  for (let i = 1; i < written.length; i++) {
    const w = written[i]!;
    const put = substitute(w, env.params, env.expansion);
    if (put === w) continue;
    words ??= written.slice();
    words[i] = put;
  }
  return words ?? written;
}

/** A token of a def body with the parameters put in: `c` -> `64`, `c*4` -> `256`, `stride=s` -> `stride=2`. */
function substitute(token: string, params: Params, expansion: Expansion): string {
  if (params.size === 0) return token;
  const eq = token.indexOf('=');
  if (eq <= 0) return substituteValue(token, params, expansion);
  const value = token.slice(eq + 1);
  const put = substituteValue(value, params, expansion);
  return put === value ? token : token.slice(0, eq + 1) + put; // unchanged (`pad=same`): the token itself, not a copy
}

/**
 * What a token of a def body is: arithmetic to work out, or text that stays as written (a number,
 * a word, a kernel `3*5` of numbers only). Read once a text for the whole expansion.
 */
type Arithmetic = Expression | 'as written';

function substituteValue(value: string, params: Params, expansion: Expansion): string {
  const direct = params.get(value);
  if (direct !== undefined) return direct;
  if (!mayBeArithmetic(value)) return value;
  let arithmetic = expansion.arithmetic.get(value);
  if (arithmetic === undefined) {
    // Inside a def, a token with an operator and a name is arithmetic (`c*4`; a name that is no parameter
    // is refused by name); one of numbers only stays as written (a kernel `3*5`).
    arithmetic = EXPRESSION.test(value) && OPERATOR.test(value) && namesIn(value).length > 0 ? Expression.compile(value) : 'as written';
    expansion.arithmetic.set(value, arithmetic);
  }
  return arithmetic === 'as written' ? value : String(arithmetic.evaluate(params));
}

const EXPRESSION = /^[\w+\-*/%()]+$/;
const OPERATOR = /[+\-*/%()]/;

/**
 * Whether a token holds an operator at all: most of a body's tokens (`3`, `pad=same`'s `same`)
 * hold none, and a scan of their few characters costs less than a lookup by the whole text.
 */
function mayBeArithmetic(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // + - * / % ( )
    if (c === 43 || c === 45 || c === 42 || c === 47 || c === 37 || c === 40 || c === 41) return true;
  }
  return false;
}

/** Layers, units and experts in `nodes` once expanded, repetitions counted; stops counting past the bounds. */
export function measure(nodes: readonly Node[]): { rows: number; units: number; experts: number } {
  let rows = 0;
  let units = 0;
  let experts = 0;
  const visit = (node: Node, times: number): void => {
    if (rows > MAX_ROWS || units > MAX_UNITS || experts > LIMITS.expertModules) return;
    units += times;
    switch (node.t) {
      case 'layer':
        rows += times;
        experts += times * node.layer.experts;
        return;
      case 'seq':
        for (const n of node.nodes) visit(n, times);
        return;
      case 'repeat':
        visit(node.body, times * node.times);
        return;
      case 'merge':
        for (const b of node.branches) for (const n of b) visit(n, times);
        return;
      case 'side':
      case 'section':
        for (const n of node.nodes) visit(n, times);
        return;
      case 'ref':
        visit(node.link.target, times);
        return;
      case 'from':
        return;
    }
  };
  for (const n of nodes) visit(n, 1);
  return { rows, units, experts };
}

/** Refuses a model past the bounds, naming the limit. */
export function checkBounds(nodes: readonly Node[]): void {
  const { rows, units, experts } = measure(nodes);
  if (rows > MAX_ROWS) fail('err.tooManyLayers', { max: MAX_ROWS.toLocaleString('en-US') });
  if (units > MAX_UNITS) fail('err.tooManyUnits', { max: MAX_UNITS.toLocaleString('en-US') });
  if (experts > LIMITS.expertModules) fail('err.tooManyExperts', { max: LIMITS.expertModules.toLocaleString('en-US') });
}
