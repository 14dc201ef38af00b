/**
 * The shape every layer kind has. A kind file writes one `KindDef<Config>`: how to parse its
 * arguments into a typed config, how to print the config back, and how to evaluate it for an input
 * shape. `defineKind` wraps it into the erased `Kind`/`Layer` pair the rest of the engine uses and
 * adds what every kind shares: argument counts, option names, `in=` and `trainable=false`.
 */
import { fail } from '../errors.js';
import { parseBool, parseChoice, parseDims, parseRate, parseSize, parseTuple, uniformTuple } from '../args.js';
import type { Expr } from '../expr.js';
import type { MessageRef } from '../../i18n/messages.js';
import { countTensors, type Counts } from '../counts.js';
import type { AttentionGeometry, ChannelsAt, ExpertRouting, Family, Framework, LayerMistake, LayerRecord, LinearModule, MacsFormula, MistakeFamily, ParamTensor, Shape } from '../types.js';

/** One layer as typed: `conv 3 64 3 stride=2` -> word `conv`, args [3, 64, 3], options {stride: 2}. */
export interface RawLayer {
  readonly word: string;
  readonly args: readonly string[];
  readonly options: ReadonlyMap<string, string>;
}

/** A positional argument. Inferable ones (input channels) may be left out inside a model. */
export interface ArgSpec {
  readonly name: string;
  readonly inferable?: boolean;
}

export type Padding = { readonly mode: 'valid' } | { readonly mode: 'same' } | { readonly mode: 'explicit'; readonly amounts: readonly number[] };

/** Options every kind takes; a kind lists only its own. */
const UNIVERSAL_OPTIONS = ['in', 'trainable'] as const;

/** Typed access to a layer's arguments; every accessor names the bad token when it refuses. */
export class Args {
  constructor(
    private readonly kind: string,
    /** The kind's positional arguments, in order. */
    private readonly specs: readonly ArgSpec[],
    /** The positional arguments as typed: every one, or all but the inferable ones (`complete` false). */
    private readonly given: readonly string[],
    private readonly complete: boolean,
    private readonly options: ReadonlyMap<string, string>,
  ) {}

  /** A positional argument's text, undefined when an inferable one was left out. Read in place: a model parses thousands of layers. */
  private positional(name: string): string | undefined {
    let next = 0;
    for (const a of this.specs) {
      const typed = this.complete || !a.inferable;
      if (a.name === name) return typed ? this.given[next] : undefined;
      if (typed) next++;
    }
    return undefined;
  }

  private token(name: string): string {
    const v = this.positional(name);
    if (v === undefined) throw new Error(`${this.kind}: argument ${name} read before it was checked`);
    return v;
  }
  size(name: string): number {
    return parseSize(this.token(name), name);
  }
  /** An inferable size: undefined when left out (to be taken from the input shape). */
  inferableSize(name: string): number | undefined {
    const v = this.positional(name);
    return v === undefined ? undefined : parseSize(v, name);
  }
  /** An inferable size that may also be several (`7x7x64`). */
  inferableDims(name: string): number[] | undefined {
    const v = this.positional(name);
    return v === undefined ? undefined : parseDims(v, name);
  }
  tuple(name: string, rank: number): number[] {
    return parseTuple(this.token(name), name, rank);
  }
  dims(name: string): number[] {
    return parseDims(this.token(name), name);
  }
  rate(name: string): number {
    return parseRate(this.token(name), name);
  }
  word(name: string): string {
    return this.token(name).toLowerCase();
  }
  /** A positional argument's text as typed. */
  positionalText(name: string): string {
    return this.token(name);
  }

  has(key: string): boolean {
    return this.options.has(key);
  }
  /** An option's text as typed, for kinds that read their own forms (`factor=1.5`, `size=14x14`). */
  optionText(key: string): string | undefined {
    return this.options.get(key);
  }
  /** An option's raw text ('' when absent), for values that are neither sizes nor flags (names=). */
  text(key: string): string {
    return this.options.get(key) ?? '';
  }
  flag(key: string, fallback: boolean): boolean {
    const v = this.options.get(key);
    return v === undefined ? fallback : parseBool(v, key);
  }
  optionalFlag(key: string): boolean | undefined {
    const v = this.options.get(key);
    return v === undefined ? undefined : parseBool(v, key);
  }
  optSize(key: string, fallback: number, min = 1): number {
    const v = this.options.get(key);
    return v === undefined ? fallback : parseSize(v, key, min);
  }
  /** A size option that multiplies the engine's work (stacked layers): refused past `max`. */
  boundedSize(key: string, fallback: number, max: number): number {
    const n = this.optSize(key, fallback);
    if (n > max) fail('err.tooLarge', { token: `${key}=${this.options.get(key)}`, what: key, max: max.toLocaleString('en-US') });
    return n;
  }
  optionalSize(key: string): number | undefined {
    const v = this.options.get(key);
    return v === undefined ? undefined : parseSize(v, key);
  }
  /** The default is one list shared by every layer (stride 1, dilation 1): a tuple is never changed. */
  optTuple(key: string, rank: number, fallback: number, min = 1): readonly number[] {
    const v = this.options.get(key);
    return v === undefined ? uniformTuple(rank, fallback) : parseTuple(v, key, rank, min);
  }
  optChoice<T extends string>(key: string, choices: readonly T[]): T | undefined {
    const v = this.options.get(key);
    return v === undefined ? undefined : parseChoice(v, key, choices);
  }
  padding(rank: number): Padding {
    const v = this.options.get('pad');
    if (v === undefined) return VALID;
    const lower = v.toLowerCase();
    if (lower === 'valid') return VALID;
    if (lower === 'same') return SAME;
    if (!/^\d+([xX×*]\d+)*$/.test(v)) fail('err.notAChoice', { token: v, what: 'pad', choices: 'same|valid|N|NxM' });
    const amounts = parseTuple(v, 'pad', rank, 0);
    return amounts.every((a) => a === 0) ? VALID : { mode: 'explicit', amounts };
  }
}

/** The paddings without amounts, one object each for every layer (a padding is never changed). */
const VALID: Padding = { mode: 'valid' };
const SAME: Padding = { mode: 'same' };

/** What a kind computes for one input; `defineKind` adds the kind name and canonical text. */
export interface Evaluation<C> {
  /** The config with inferred arguments (input channels) filled in. */
  readonly resolved: C;
  readonly typeName: string;
  readonly tensors: readonly ParamTensor[];
  /**
   * The worked formula (LayerRecord.formula), built when asked: a closure, or one function of the
   * kind's for all its records, reading the record it is called on (see Resolved).
   */
  readonly formula: (this: Resolved<C>) => Expr;
  readonly outputShape: Shape;
  readonly macs: bigint | null;
  readonly conventionSensitive: boolean;
  /**
   * The record's notes (LayerRecord.notes): a list, or one function of the kind's for all its
   * records, reading the record it is called on (see Resolved), for notes a kind would otherwise
   * write at every layer and no model's table shows (BatchNorm's, on every one).
   */
  readonly notes?: readonly MessageRef[] | ((this: Resolved<C>) => readonly MessageRef[]);
  /** How the output size follows from the input (see LayerRecord.shapeWorking), worked out when asked. */
  readonly shapeWorking?: (this: Resolved<C>) => readonly string[];
  /** MACs worked out (LayerRecord.macsFormula), when asked. */
  readonly macsFormula?: (this: Resolved<C>) => MacsFormula | null;
  readonly linears?: readonly LinearModule[];
  readonly attention?: AttentionGeometry;
  readonly routing?: ExpertRouting;
  /** A permute's: the order the framework holds the output in from here on (LayerRecord.channels). */
  readonly channels?: ChannelsAt;
}

/**
 * What a kind's worked formulas may read when the kind writes each once for all its records: the
 * record they are called on (a copy of it made with a spread too). A closure a formula made a
 * record was garbage for the many records never explained (three for every convolution). Its
 * output shape is not among them: a misread record's copy says another.
 */
export interface Resolved<R> {
  readonly resolved: R;
  readonly input: Shape;
  readonly framework: Framework;
}

/** What a mistake sees: the layer as the engine resolved and counted it. */
export interface MistakeInput<C> {
  readonly config: C;
  readonly input: Shape;
  readonly output: Shape;
  readonly framework: Framework;
  readonly counts: Counts;
  readonly macs: bigint | null;
  readonly tensors: readonly ParamTensor[];
}

/**
 * The layer as a student who makes the mistake counts it; only what the mistake changes is set.
 * `trainable` follows `params` unless given (all of it for a trainable layer, none when frozen).
 */
export interface Wrong {
  readonly params?: bigint;
  readonly trainable?: bigint;
  readonly macs?: bigint;
  readonly output?: Shape;
}

/**
 * A common mistake of one kind, worked out from the same resolved config as the count: the one
 * record /count's note, the quiz's distractors and the diagnosis of a wrong answer all read.
 */
export interface MistakeDef<C> {
  readonly id: string;
  readonly family: MistakeFamily;
  /** What the student gets instead (a bigint: the parameters); undefined when the mistake cannot happen here. */
  wrong(m: MistakeInput<C>): Wrong | bigint | undefined;
  /** Why it is wrong, from the layer's own numbers; never a count the engine derived. */
  why(m: MistakeInput<C>): MessageRef;
}

/** A mistake record, written as one line in a kind's list. */
export function mistake<C>(id: string, family: MistakeFamily, wrong: MistakeDef<C>['wrong'], why: MistakeDef<C>['why']): MistakeDef<C> {
  return { id, family, wrong, why };
}

/**
 * How a single layer's input is formed. `rank` counts every axis of the input (Conv2D: 3, H×W×C);
 * 'any' means any rank, with `in=` giving the leading axes. `features` is the size of the last
 * axis when the layer's own arguments say it (C_in), so `in=` may leave it out.
 */
export interface InputSpec<C> {
  readonly rank: number | 'any';
  /** What `in=` takes, for messages: `HxW`, `T`, ... */
  readonly form: string;
  readonly features?: (c: C) => number | undefined;
  /** Several trailing axes the arguments give (nn.LayerNorm((64, 7, 7))), for a layer on its own. */
  readonly trailing?: (c: C) => readonly number[] | undefined;
}

/** What every kind tells about itself, whatever its config: for parsing, --help and /explain. */
interface KindInfo {
  readonly name: string;
  readonly family: Family;
  /** One line for --help: what the layer is. */
  readonly summary: MessageRef;
  /** What students most often get wrong when counting this kind. */
  readonly mistake: MessageRef;
  readonly args: readonly ArgSpec[];
  readonly options: readonly string[];
  readonly example: string;
}

/** `R`: the config as evaluation resolves it (input channels filled in), which mistakes read. */
export interface KindDef<C, R extends C = C> extends KindInfo {
  readonly aliases?: readonly string[];
  readonly input: InputSpec<C>;
  parse(a: Args, word: string): C;
  print(c: C): string;
  evaluate(c: C, input: Shape, framework: Framework): Evaluation<R>;
  /** The kind's common mistakes (optional: a kind without them keeps its one-sentence `mistake`). */
  readonly mistakes?: readonly MistakeDef<R>[];
  /** Experts the layer holds (a mixture of experts): each is a record's three matrices, bounded per model (LIMITS.expertModules). */
  experts?(c: C): number;
  /**
   * Whether the layer is the same under both frameworks on any input (Layer.neutral); left out, it
   * is not. Say it only where evaluate reads the framework for names, layouts and class names alone.
   */
  neutral?(c: C): boolean;
}

/** A kind with its config type erased: what the registry, the parser and the help text use. */
export interface Kind extends KindInfo {
  readonly aliases: readonly string[];
  /** `conv CIN COUT K` */
  readonly usage: string;
  parse(raw: RawLayer): Layer;
}

/** A parsed, validated layer, ready to evaluate against an input shape. */
export interface Layer {
  readonly kind: Kind;
  /** The `in=` size, if given (single layers only). */
  readonly inputDims: readonly number[] | undefined;
  /** Experts it holds (0 unless a mixture of experts): what the model's expansion is charged for them. */
  readonly experts: number;
  readonly frozen: boolean;
  /**
   * Whatever its input, the other framework counts the layer's tensors at the same sizes and
   * trainability, gives it the same output, and refuses it exactly when this one does: the other
   * framework's totals may take its record from the evaluation already made (evaluateTotals).
   */
  readonly neutral: boolean;
  /** Canonical /count text; parsing it gives back an equal layer. */
  print(): string;
  /** The input a layer sees on its own: `in=` completed with its channels, unknown sizes null. */
  standaloneInput(): Shape;
  /** `frozen`: inside a frozen group (every weight non-trainable, as `trainable=false` makes it). */
  evaluate(input: Shape, framework: Framework, frozen?: boolean): InputRecord;
  /**
   * What evaluate's record says of the model's totals and shapes, without its text and working:
   * the other framework's totals read 4 of a record's 25 members (a third of their allocation).
   */
  outcome(input: Shape, framework: Framework, frozen?: boolean): LayerOutcome;
}

/** What a layer did to an input: the weights it adds and what it hands on (what LayerMemo compares by `input`). */
export interface LayerOutcome extends Pick<LayerRecord, 'kind' | 'tensors' | 'outputShape' | 'channels'> {
  readonly input: Shape;
}

/** A record as a layer evaluates it, with the input it was evaluated on. */
export interface InputRecord extends LayerRecord, LayerOutcome {}

export function defineKind<C, R extends C = C>(def: KindDef<C, R>): Kind {
  const usage = [def.name, ...def.args.map((a) => a.name)].join(' ');
  const accepted = new Set<string>([...def.options, ...UNIVERSAL_OPTIONS]);
  const inferable = def.args.filter((a) => a.inferable).length;

  const kind: Kind = {
    name: def.name,
    aliases: def.aliases ?? [],
    family: def.family,
    summary: def.summary,
    mistake: def.mistake,
    args: def.args,
    options: def.options,
    example: def.example,
    usage,
    parse(raw) {
      const n = raw.args.length;
      const full = def.args.length;
      if (n !== full && n !== full - inferable) {
        const expected = inferable > 0 ? `${full - inferable}–${full}` : String(full);
        fail('err.argCount', { kind: raw.word, usage, example: def.example, got: String(n), expected });
      }
      for (const key of raw.options.keys()) {
        if (!accepted.has(key)) fail('err.unknownOption', { kind: def.name, key, allowed: [...accepted].join(', ') });
      }
      const config = def.parse(new Args(def.name, def.args, raw.args, n === full, raw.options), raw.word);
      const inText = raw.options.get('in');
      const inputDims = inText === undefined ? undefined : parseDims(inText, 'in');
      const trainableText = raw.options.get('trainable');
      const frozen = trainableText === undefined ? false : !parseBool(trainableText, 'trainable');
      return new ParsedLayer(kind, def, config, inputDims, frozen);
    },
  };
  return kind;
}

/**
 * A layer as parsed: its kind's config and the options every kind takes. One object a layer, its
 * methods shared by all (a model holds up to LIMITS.layers of them for the whole request).
 */
class ParsedLayer<C, R extends C> implements Layer {
  readonly experts: number;
  /** Layer.neutral, asked of the kind when first read (by the other framework's totals only). */
  private neutrality: boolean | undefined = undefined;
  /** `in=` and `trainable=false` as given, printed after the kind's own arguments. */
  private readonly universal: string;
  private printed: string | undefined;

  constructor(
    readonly kind: Kind,
    private readonly def: KindDef<C, R>,
    private readonly config: C,
    readonly inputDims: readonly number[] | undefined,
    readonly frozen: boolean,
  ) {
    this.experts = def.experts?.(config) ?? 0;
    this.universal = (inputDims ? ` in=${inputDims.join('x')}` : '') + (frozen ? ' trainable=false' : '');
  }

  print(): string {
    return (this.printed ??= this.def.print(this.config) + this.universal);
  }

  get neutral(): boolean {
    return (this.neutrality ??= this.def.neutral?.(this.config) ?? false);
  }

  standaloneInput(): Shape {
    return standaloneInput(this.def, this.config, this.inputDims, this.kind.usage);
  }

  evaluate(input: Shape, framework: Framework, inFrozen = false): InputRecord {
    const e = this.def.evaluate(this.config, input, framework);
    return new Evaluated(this.def, e, this.frozenAsAsked(e.tensors, inFrozen), input, framework, this.universal);
  }

  outcome(input: Shape, framework: Framework, inFrozen = false): LayerOutcome {
    const e = this.def.evaluate(this.config, input, framework);
    return new Outcome(this.def.name, this.frozenAsAsked(e.tensors, inFrozen), e.outputShape, input, e.channels);
  }

  private frozenAsAsked(tensors: readonly ParamTensor[], inFrozen: boolean): readonly ParamTensor[] {
    return this.frozen || inFrozen ? tensors.map((t) => (t.trainable ? { ...t, trainable: false } : t)) : tensors;
  }
}

class Outcome implements LayerOutcome {
  declare readonly channels?: ChannelsAt;

  constructor(
    readonly kind: string,
    readonly tensors: readonly ParamTensor[],
    readonly outputShape: Shape,
    readonly input: Shape,
    channels: ChannelsAt | undefined,
  ) {
    if (channels !== undefined) this.channels = channels;
  }
}

const NO_WORKING = (): readonly string[] => [];
const NO_MACS_FORMULA = (): MacsFormula | null => null;
/** No notes, no linears: one empty list for every record without them (none is ever changed). */
const NONE: readonly never[] = [];

/**
 * One evaluated layer. Its mistakes are worked out on first use (the quiz evaluates many records,
 * a model again for each mistake, and asks few for theirs). Every member is an own property, so a
 * record copied with a spread (`{ ...record, tensors }`) keeps them all.
 */
class Evaluated<C, R extends C> implements LayerRecord {
  // Declared, not defined: a defined class field is set to undefined on every record before the
  // constructor sets it, twice the stores for 25 members (6% of a model's evaluation and render in
  // the profile). The constructor sets every one, in the order the record's keys always had.
  declare readonly def: KindDef<C, R>;
  declare readonly tensors: readonly ParamTensor[];
  declare readonly input: Shape;
  declare readonly framework: Framework;
  /** `in=` and `trainable=false` as the layer was given them. */
  declare readonly universal: string;
  declare readonly kind: string;
  declare readonly typeName: string;
  declare readonly formula: () => Expr;
  declare readonly outputShape: Shape;
  declare readonly macs: bigint | null;
  declare readonly conventionSensitive: boolean;
  /** The notes as the kind gave them: a list, or how to make it (see recordNotes). */
  declare readonly given: readonly MessageRef[] | ((this: Resolved<R>) => readonly MessageRef[]);
  declare readonly mistake: MessageRef;
  declare readonly shapeWorking: () => readonly string[];
  declare readonly macsFormula: () => MacsFormula | null;
  declare readonly inputForm: string;
  declare readonly linears: readonly LinearModule[];
  declare readonly attention: AttentionGeometry | null;
  declare readonly routing?: ExpertRouting;
  declare readonly channels?: ChannelsAt;
  /**
   * The config as evaluation resolved it, for the text and the mistakes (the evaluation itself is
   * not kept). This and the members around it are not private: recordSpec and recordMistakes read
   * them (the class is this module's own; the engine sees a LayerRecord).
   */
  declare readonly resolved: R;
  declare workedOut: readonly LayerMistake[] | undefined;
  declare printed: string | undefined;
  /**
   * The record as evaluated: a copy made with a spread (pasted code's record with the tensors the
   * module holds, a misread layer's with another output or MACs) keeps it, so its mistakes are the
   * evaluated layer's, worked out once, as they were when each record closed over its evaluation.
   */
  declare readonly origin: Evaluated<C, R>;
  // One function for every record, reading the record it is called on (a copy made with a spread
  // included): an arrow a record was two closures and their scope made per layer.
  declare readonly spec: () => string;
  declare readonly mistakes: () => readonly LayerMistake[];
  declare readonly notes: () => readonly MessageRef[];

  constructor(def: KindDef<C, R>, e: Evaluation<R>, tensors: readonly ParamTensor[], input: Shape, framework: Framework, universal: string) {
    this.def = def;
    this.tensors = tensors;
    this.input = input;
    this.framework = framework;
    this.universal = universal;
    this.kind = def.name;
    this.typeName = e.typeName;
    this.formula = e.formula;
    this.outputShape = e.outputShape;
    this.macs = e.macs;
    this.conventionSensitive = e.conventionSensitive;
    this.given = e.notes ?? NONE;
    this.mistake = def.mistake;
    this.shapeWorking = e.shapeWorking ?? NO_WORKING;
    this.macsFormula = e.macsFormula ?? NO_MACS_FORMULA;
    this.inputForm = def.input.form;
    this.linears = e.linears ?? NONE;
    this.attention = e.attention ?? null;
    // Own members even when unset, as every record's always were (a copy made with a spread has the same keys).
    const optional = this as { routing?: ExpertRouting | undefined; channels?: ChannelsAt | undefined };
    optional.routing = e.routing;
    optional.channels = e.channels;
    this.resolved = e.resolved;
    this.workedOut = undefined;
    this.printed = undefined;
    this.origin = this;
    this.spec = recordSpec;
    this.mistakes = recordMistakes;
    this.notes = recordNotes;
  }
}

function recordNotes<C, R extends C>(this: Evaluated<C, R>): readonly MessageRef[] {
  const given = this.given;
  return typeof given === 'function' ? given.call(this) : given;
}

function recordSpec<C, R extends C>(this: Evaluated<C, R>): string {
  return (this.printed ??= this.def.print(this.resolved) + this.universal);
}

function recordMistakes<C, R extends C>(this: Evaluated<C, R>): readonly LayerMistake[] {
  const r = this.origin;
  return (r.workedOut ??= workOut(r.def.mistakes ?? [], {
    config: r.resolved,
    input: r.input,
    output: r.outputShape,
    framework: r.framework,
    counts: countTensors(r.tensors),
    macs: r.macs,
    tensors: r.tensors,
  }));
}

/** Each mistake that can happen on this layer, with the counts it gives (trainable as the layer's own share). */
function workOut<C>(defs: readonly MistakeDef<C>[], m: MistakeInput<C>): LayerMistake[] {
  const out: LayerMistake[] = [];
  for (const def of defs) {
    const raw = def.wrong(m);
    if (raw === undefined) continue;
    const w: Wrong = typeof raw === 'bigint' ? { params: raw } : raw;
    const counts = w.params === undefined && w.trainable === undefined ? undefined : wrongCounts(m.counts, w);
    out.push({
      id: def.id,
      family: def.family,
      why: def.why(m),
      ...(counts && { counts }),
      ...(w.macs !== undefined && { macs: w.macs }),
      ...(w.output !== undefined && { output: w.output }),
    });
  }
  return out;
}

function wrongCounts(right: Counts, w: Wrong): Counts {
  const total = w.params ?? right.total;
  let trainable: bigint;
  if (right.trainable === 0n && right.total > 0n)
    trainable = 0n; // frozen: the student knows it is
  else if (w.trainable !== undefined) trainable = w.trainable;
  else if (right.nonTrainable === 0n) trainable = total;
  else trainable = right.trainable + total - right.total < 0n ? 0n : right.trainable + total - right.total;
  return { total, trainable, nonTrainable: total - trainable };
}

function standaloneInput<C, R extends C>(def: KindDef<C, R>, config: C, dims: readonly number[] | undefined, usage: string): Shape {
  const features = def.input.features?.(config);
  const { rank } = def.input;
  // On its own, a layer whose channels were left out has nowhere to take them from but in=.
  const inferable = def.args.find((a) => a.inferable);
  const complete = dims !== undefined && rank !== 'any' && dims.length === rank;
  if (def.input.features && features === undefined && inferable && !complete) {
    // On its own every number is needed, read left to right: `conv 3 64` is missing its last one (K).
    const last = def.args[def.args.length - 1]!;
    fail('err.needsArg', { kind: def.name, arg: inferable.name, missing: last.name, given: String(def.args.length - 1), usage, example: def.example });
  }
  const trailing = def.input.trailing?.(config);
  if (trailing !== undefined && trailing.length > 1) return dims === undefined ? trailing : [...dims, ...trailing];
  if (dims === undefined) {
    if (rank === 'any') return features === undefined ? [null] : [features];
    return Array.from({ length: rank }, (_, i) => (i === rank - 1 && features !== undefined ? features : null));
  }
  if (rank === 'any') return features === undefined ? dims : [...dims, features];
  if (dims.length === rank) return dims;
  if (dims.length === rank - 1) return [...dims, features ?? null];
  return fail('err.inRank', { kind: def.name, token: `in=${dims.join('x')}`, expected: def.input.form });
}
