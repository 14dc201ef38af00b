/**
 * Models: trees of layers with named groups, repetition, residual and concatenation branches, and
 * weights shared or tied between layers. Evaluating a model infers every layer's input from what
 * comes before, keeps one record per layer use (torchinfo's per-layer records), and derives the
 * totals from those records once. A weight used twice is counted once: the first use owns it; a
 * shared (`@name`) or tied (`tie=name`) use adds nothing and says whose weights it uses.
 */
import { addCounts, countTensors, KnownSum, Tally, tensorSize, ZERO, type Counts } from './counts.js';
import { fail, SpecError } from './errors.js';
import { formatShape } from './format.js';
import type { InputRecord, Layer, LayerOutcome } from './layers/index.js';
import type { MergeWord } from './lang/ast.js';
import type { ChannelsAt, Dim, Framework, LayerRecord, ParamTensor, Shape } from './types.js';
import type { MessageRef } from '../i18n/messages.js';
import { LayerMemo } from './layer-memo.js';
import { NAMING } from './naming.js';

/** The layer or group a reference or a tie points at, by the name it was given. */
export interface Link {
  readonly name: string;
  readonly target: Node;
}

interface NodeBase {
  /** `name:` in the language: shown in the tables, a segment of module paths, a target of @ and tie=. */
  readonly label?: string | undefined;
  /** `trainable=false` on a group, or a frozen preset: every weight inside is non-trainable. */
  readonly frozen?: boolean | undefined;
  /** The framework's class of the module this group is (`class=` on it or on its def): BasicBlock. */
  readonly className?: string | undefined;
}

export type MergeOp = 'add' | 'mul' | 'concat';

export type Node = NodeBase &
  /**
   * `functional`: the framework's model applies it as a function in forward (`F.relu(x)`), not as
   * a child module; a string is the call as that forward writes it (`x.mean`).
   */
  (
    | { readonly t: 'layer'; readonly layer: Layer; readonly tie?: Link | undefined; readonly functional?: true | string | undefined }
    | { readonly t: 'seq'; readonly nodes: readonly Node[] }
    /**
     * `{ ... } xN`: the body N times, each with its own weights (paths name.0, name.1, ...; from
     * name.start with `start=`). A name with `$` names each copy itself, the number in its place:
     * `denselayer$: { ... } x6 start=1` makes denselayer1 … denselayer6, as DenseNet's
     * `add_module("denselayer%d" % (i + 1), layer)` does.
     */
    | { readonly t: 'repeat'; readonly body: Node; readonly times: number; readonly start?: number }
    /** Branches from the same input, merged: summed, multiplied (broadcast) or concatenated on the last axis. An empty branch is the identity. */
    | { readonly t: 'merge'; readonly op: MergeOp; readonly word: MergeWord; readonly branches: readonly (readonly Node[])[] }
    /**
     * `side { ... }`: computed from the input on the side and not passed on (an auxiliary classifier,
     * GoogLeNet's aux1): its parameters and MACs count (training's forward runs it), the input goes on.
     */
    | { readonly t: 'side'; readonly nodes: readonly Node[] }
    /** `@name`: the named layer or group applied again with the same weights. */
    | { readonly t: 'ref'; readonly link: Link }
    /**
     * `section TITLE { ... }`: one row of the per-block table when at the top level, and nothing
     * else: its layers are named, placed and evaluated as if written without it. It has no name
     * (a named group prefixes its layers' names; Keras's counter-named layers must keep theirs).
     */
    | { readonly t: 'section'; readonly title: string; readonly nodes: readonly Node[]; readonly label?: undefined }
    /**
     * `from name`: what follows continues from the output of the layer or group last evaluated
     * under that name, not from the input (a cell fed by two earlier tensors: NASNet). No weights.
     */
    | { readonly t: 'from'; readonly name: string }
  );

export interface Row {
  /** What the tables show: the dotted path of a named layer, else a Keras-style name (conv2d_1). */
  readonly name: string;
  /** The dotted module path (`h.0.attn`), as PEFT matches target modules against it. */
  readonly module: string;
  /** Index of the top-level item the layer belongs to (see Report.blocks). */
  readonly block: number;
  /**
   * How the framework's model applies the layer: as a child module, named among the modules, or
   * as a function in forward (`torch.flatten`, `F.relu`), which no module name stands for.
   */
  readonly call: 'module' | 'function';
  readonly record: LayerRecord;
  /** What the row adds to the totals: nothing for a shared use, less the tied tensor for a tied one. */
  readonly counts: Counts;
  /** Module path of the layer or group whose weights this use shares. */
  readonly shared: string | null;
  /** Module path of the layer whose weight tensor this layer's weight is tied to. */
  readonly tied: string | null;
  /** Where the framework holds the output's channels: its own order, unless a permute before moved them. */
  readonly channels: ChannelsAt;
}

/** A top-level item of the model: one row of the per-block table. */
export interface Block {
  readonly name: string;
  /** Set when the item is `{ ... } xN`. */
  readonly repeat: number | undefined;
  /** The item's output (a merge's, not its last branch's; a side head's own, not the input it passes on). */
  readonly output: Shape;
  /** Where the framework holds that output's channels (Row.channels). */
  readonly channels: ChannelsAt;
}

export interface Report {
  readonly framework: Framework;
  readonly input: Shape;
  readonly output: Shape;
  readonly rows: readonly Row[];
  readonly blocks: readonly Block[];
  readonly counts: Counts;
  /** Total MACs, or null when any layer's is unknown. */
  readonly macs: bigint | null;
  /** The part of `macs` that is attention scores (QKᵀ and A·V); 0 without attention. */
  readonly scoreMacs: bigint | null;
  /** Parameters used again through sharing or tying and therefore not counted again. */
  readonly reused: bigint;
  /**
   * With a mixture of experts: the parameters one token touches (every expert it is not routed to
   * left out, both embedding tables kept: Mistral's convention for Mixtral's 12.9B). Null without
   * routed layers, where every parameter is touched.
   */
  readonly active: bigint | null;
  /** Remarks on the whole model (an assumed input order, modules never used, ...). */
  readonly notes: readonly MessageRef[];
  /**
   * The class of each module with children whose class the text says (`class=`), by its dotted
   * path: `layer1.0` → BasicBlock. A module not in it has no class known.
   */
  readonly classes: ReadonlyMap<string, string>;
}

const snakeCases = new Map<string, string>();

/** Keras `to_snake_case`: MaxPooling2D -> max_pooling2d, Conv2D -> conv2d (type names are few: cached). */
export function snakeCase(typeName: string): string {
  let snake = snakeCases.get(typeName);
  if (snake === undefined) {
    snake = typeName
      .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9_]/g, '_')
      .toLowerCase();
    snakeCases.set(typeName, snake);
  }
  return snake;
}

interface Place {
  readonly prefix: string;
  readonly block: number;
  readonly frozen: boolean;
  /** Inside a shared use: the path of the group or layer that owns the weights. */
  readonly shared: string | null;
  /**
   * Inside a branch of a residual, concat, ... of the module at `prefix`: the branches are that
   * module's own forward, so a group of named layers there is part of it, not a child of its own.
   */
  readonly branch: boolean;
  /**
   * The module at `prefix` names none of its items (nn.Sequential): under the `position` scheme
   * its unnamed items are numbered. In a module that names some (BERT's embeddings: word_embeddings,
   * ..., and a dropout), an unnamed one is no child of a known name, so it keeps its type name.
   */
  readonly sequential: boolean;
}

/**
 * `p` with some fields changed, written as one literal in Place's key order. A spread of places
 * made at different sites takes V8's generic copy, about 1 µs a copy: most of the evaluation of a
 * model of thousands of empty groups (`{ { { } x20 } x18 } x20`) under Keras names.
 */
function placeLike(p: Place, c: Partial<Place>): Place {
  return {
    prefix: c.prefix ?? p.prefix,
    block: c.block ?? p.block,
    frozen: c.frozen ?? p.frozen,
    shared: c.shared === undefined ? p.shared : c.shared,
    branch: c.branch ?? p.branch,
    sequential: c.sequential ?? p.sequential,
  };
}

const labelled = new WeakMap<Node, boolean>();

/** Whether a group names something inside it: then its copies are modules of their own (blocks), not a run of layers. */
function namesInside(node: Node): boolean {
  let known = labelled.get(node);
  if (known === undefined) {
    const children = node.t === 'seq' || node.t === 'side' || node.t === 'section' ? node.nodes : node.t === 'repeat' ? [node.body] : node.t === 'merge' ? node.branches.flat() : [];
    known = children.some((c) => c.label !== undefined || namesInside(c));
    labelled.set(node, known);
  }
  return known;
}

/**
 * Whether a module's items name any of its direct children: a name other than a number, on an
 * item or inside what is spliced into the module (a run of layers, the branches of its residual).
 * A group of named layers among the items is a child block of its own and a repetition's copies
 * are numbered, so neither names an item.
 */
function namesAnItem(items: readonly Node[], inBranch = false): boolean {
  return items.some((n) => {
    if (n.label !== undefined) return !/^\d+$/.test(n.label);
    switch (n.t) {
      case 'seq':
        // in a branch a group is the module's own forward, not a child block (see Place.branch)
        return inBranch || wraps(n) !== undefined ? namesAnItem(n.nodes, inBranch) : false;
      case 'merge':
        return namesAnItem(n.branches.flat(), true);
      case 'side':
      case 'section': // its items are the module's own
        return namesAnItem(n.nodes, inBranch);
      default:
        return false;
    }
  });
}

/**
 * The group a group only wraps: braces around one unnamed group (`{ basic_block 64 }`) are that
 * group. Around a named one, or a residual, they are a module holding it (a block).
 */
function wraps(node: Extract<Node, { t: 'seq' }>): Node | undefined {
  // Read by index: `[only, ...more] = nodes` copied the rest of every group at every visit.
  const only = node.nodes.length === 1 ? node.nodes[0]! : undefined;
  return only !== undefined && only.label === undefined && (only.t === 'seq' || only.t === 'repeat') ? only : undefined;
}

/**
 * The block a residual is wrapped around when its shortcut is the identity (`residual { mbconv ... }`):
 * the module such a residual is, is that block, whose own forward adds its input (torchvision's
 * MBConv, InvertedResidual: `if self.use_res_connect: result += input`).
 */
function aroundOne(node: Extract<Node, { t: 'merge' }>): Node | undefined {
  const [main, shortcut, ...more] = node.branches;
  const only = main?.length === 1 ? main[0]! : undefined;
  return node.word === 'residual' && shortcut?.length === 0 && more.length === 0 && only?.t === 'seq' && only.label === undefined ? only : undefined;
}

/** The items of the module a repetition's copy is: its body's, through braces around one thing. */
function contents(body: Node): readonly Node[] {
  let node = body;
  while (node.t === 'seq' && node.label === undefined && wraps(node) !== undefined) node = wraps(node)!;
  return node.t === 'seq' && node.label === undefined ? node.nodes : [node];
}

/** What the last use of a named node was: where, and (for a layer) its record. */
interface Seen {
  readonly path: string;
  readonly record: LayerOutcome | undefined;
}

/**
 * One layer as a student misreads it (mistakes.ts): its row's counts, MACs or output replaced, and
 * every layer after it evaluated on the output it then sees.
 */
export interface Alteration {
  /** Index of the row, in evaluation order. */
  readonly at: number;
  readonly counts?: Counts;
  readonly macs?: bigint;
  readonly output?: Shape;
}

class Evaluator {
  readonly rows: Row[] = [];
  reused = 0n;
  /** Keras's count of each name base (`conv2d` → 3 after conv2d_3), with the base's `conv2d_` made once. */
  private readonly counters = new Map<string, { readonly prefix: string; n: number }>();
  /** The next free position among each module's children (the `position` naming scheme). */
  private readonly positions = new Map<string, number>();
  private readonly byPosition: boolean;
  private readonly separator: string;
  /** NAMING's kinds applied as functions, read once (a lookup of the scheme at every layer measured in the profile). */
  private readonly functional: ReadonlySet<string>;
  /** Each layer's record, for its row; only its outcome when the totals alone are wanted. */
  private readonly records: Records;
  private readonly outcomes: LayerMemo<LayerOutcome>;
  private readonly seen = new Map<Node, Seen>();
  /** What each side head outputs (the model goes on with its input), for the per-block table. */
  readonly sideOutputs = new Map<Node, Shape>();
  /** The output of the node last evaluated under each label (and module path), for `from`. */
  private readonly outputs = new Map<string, Shape>();
  /** Report.classes. */
  readonly classes = new Map<string, string>();
  /**
   * Where the framework holds the channels of what the layers now see: its own order until a
   * permute moves them (Swin's trunk is N×H×W×C under PyTorch). Followed in evaluation order,
   * as the rows are printed.
   */
  channels: ChannelsAt;

  constructor(
    private readonly framework: Framework,
    /** Only the first layer of a model without `input` may carry its own `in=`. */
    private first: boolean,
    private readonly alteration: Alteration | undefined,
    /** Set when only the totals are wanted: the layers are added to it, not kept as rows. */
    private readonly tally?: Tally,
    records: Records = new Records(framework),
    /** The other framework's records, whose neutral layers' the totals take as they are. */
    private readonly borrowed?: Records,
  ) {
    if (records.framework !== framework) throw new Error(`${framework} evaluation given ${records.framework} records`);
    this.byPosition = NAMING[framework].unnamed === 'position';
    this.separator = NAMING[framework].separator;
    this.functional = NAMING[framework].functional;
    this.channels = NAMING[framework].channels;
    this.records = records;
    this.outcomes = new LayerMemo((layer, input, frozen) => layer.outcome(input, framework, frozen));
  }

  /** A name inside a module: module paths are dotted whatever the framework (PEFT, `from` and --depth read them). */
  private join(prefix: string, name: string): string {
    return prefix === '' ? name : `${prefix}.${name}`;
  }

  /** A module path as the framework names the layer: `layer1.0.conv1` in PyTorch, `block1_conv1` in Keras. */
  private shown(path: string): string {
    return this.separator === '.' ? path : path.replaceAll('.', this.separator);
  }

  /**
   * Inside a named module under the `position` scheme, a child left unnamed takes the next place
   * (nn.Sequential's `0`, `1`, ...). At the top level a model's children are its own attributes,
   * so there an unnamed layer keeps its type name.
   */
  private positional(place: Place): boolean {
    return this.byPosition && place.sequential && place.prefix !== '' && place.shared === null; // a shared use is named by its owner
  }

  private nextPosition(prefix: string): string {
    const n = this.positions.get(prefix) ?? 0;
    this.positions.set(prefix, n + 1);
    return String(n);
  }

  /** A child named by a number (`0: { ... }`) takes that place: the unnamed ones after it follow it. */
  private claimPosition(prefix: string, label: string): void {
    if (/^\d+$/.test(label)) this.positions.set(prefix, Math.max(this.positions.get(prefix) ?? 0, Number(label) + 1));
  }

  next(base: string): string {
    let counter = this.counters.get(base);
    if (counter === undefined) this.counters.set(base, (counter = { prefix: `${base}_`, n: 0 }));
    // The prefix kept: `${base}_${n}` made `conv2d_` again for every layer, before the name.
    return counter.prefix + ++counter.n;
  }

  visitList(nodes: readonly Node[], shape: Shape, place: Place): Shape {
    let x = shape;
    for (const node of nodes) x = this.visit(node, x, place);
    return x;
  }

  /** `placed`: the node is already the module at `outer.prefix` (a copy of a repetition), so it takes no place there. */
  visit(node: Node, shape: Shape, outer: Place, placed = false): Shape {
    if (node.label !== undefined && this.byPosition) this.claimPosition(outer.prefix, node.label);
    const output = this.visitNode(node, shape, outer, placed);
    if (node.label !== undefined) {
      this.outputs.set(node.label, output);
      // Also by module path, which is unique where labels repeat (a UNet's skips: from down_blocks.1.attentions.0).
      if (outer.prefix !== '') this.outputs.set(this.join(outer.prefix, node.label), output);
    }
    return output;
  }

  /** The place of a module of its own at `prefix`, holding `items`: its children are no longer in a branch of the one around it. */
  private level(place: Place, prefix: string, items: readonly Node[]): Place {
    return placeLike(place, { prefix, branch: false, sequential: !namesAnItem(items) });
  }

  private visitNode(node: Node, shape: Shape, outer: Place, placed: boolean): Shape {
    const place = node.frozen && !outer.frozen ? placeLike(outer, { frozen: true }) : outer;
    switch (node.t) {
      case 'layer':
        return this.layer(node, shape, place, placed);
      case 'seq': {
        // Braces around one block (`{ basic_block 64 } x2`) are that block; around one named
        // group (a def whose body is `block: { ... }`) they are a module holding it.
        if (node.label === undefined && wraps(node) !== undefined) return this.visit(wraps(node)!, shape, place, placed);
        // A copy that is one layer (`conv$: { conv 64 3 } x2`) is that layer.
        if (node.label === undefined && placed && node.nodes.length === 1) {
          this.classify(node, place.prefix, place);
          return this.visit(node.nodes[0]!, shape, place, true);
        }
        // Under the `position` scheme a group of named layers among a module's items (a block
        // called in a stage: layer1's BasicBlocks, a Fire in SqueezeNet's features) is a child.
        const block = node.label === undefined && !placed && !place.branch && this.positional(place) && namesInside(node);
        const inner =
          node.label !== undefined
            ? this.level(place, this.join(place.prefix, node.label), node.nodes)
            : block
              ? this.level(place, this.join(place.prefix, this.nextPosition(place.prefix)), node.nodes)
              : place;
        this.remember(node, inner.prefix, undefined, place);
        // The group is a module: a child of its own (named or numbered), or the copy or body it was placed as.
        if (inner !== place || placed) this.classify(node, inner.prefix, place);
        // A module whose body is one group (`se: squeeze_excitation`, a def around another) is that group: it takes no place in itself.
        if (inner !== place && node.nodes.length === 1 && node.nodes[0]!.t !== 'layer') return this.visit(node.nodes[0]!, shape, inner, true);
        return this.visitList(node.nodes, shape, inner);
      }
      case 'repeat': {
        let x = shape;
        const first = node.start ?? 0;
        if (node.label === undefined && this.positional(place)) {
          this.remember(node, place.prefix, undefined, place);
          // Copies that name layers inside are blocks, each a child of its own (layer1.0, layer1.1);
          // copies of a plain run of layers are more children in a row (VGG's conv, relu, conv, relu).
          const blocks = namesInside(node.body);
          for (let i = 0; i < node.times; i++) {
            if (!blocks) x = this.visit(node.body, x, place);
            else x = this.visit(node.body, x, this.level(place, this.join(place.prefix, node.start === undefined ? this.nextPosition(place.prefix) : String(first + i)), contents(node.body)), true);
          }
          return x;
        }
        const template = node.label?.includes('$') ? node.label : undefined;
        const base = node.label === undefined || template !== undefined ? place.prefix : this.join(place.prefix, node.label);
        this.remember(node, base, undefined, place);
        if (base !== place.prefix) this.classify(node, base, place);
        const copy = (i: number) => this.join(base, template === undefined ? String(first + i) : copyName(template, first + i));
        for (let i = 0; i < node.times; i++) x = this.visit(node.body, x, this.level(place, copy(i), contents(node.body)), true);
        return x;
      }
      case 'merge': {
        const own = node.label === undefined ? place : this.level(place, this.join(place.prefix, node.label), node.branches.flat());
        this.remember(node, own.prefix, undefined, place);
        if (own !== place || placed) this.classify(node.className === undefined ? (aroundOne(node) ?? node) : node, own.prefix, place);
        const inner = placeLike(own, { branch: true });
        return merge(
          node.op,
          node.word,
          node.branches.map((b) => this.visitList(b, shape, inner)),
        );
      }
      case 'side': {
        const inner = node.label === undefined ? place : this.level(place, this.join(place.prefix, node.label), node.nodes);
        this.remember(node, inner.prefix, undefined, place);
        // a named head that is one block (`aux1: side { googlenet_aux 1000 }`) is that block
        const only = node.nodes.length === 1 ? node.nodes[0]! : undefined;
        const one = inner !== place && only !== undefined && only.t !== 'layer';
        this.sideOutputs.set(node, one ? this.visit(only, shape, inner, true) : this.visitList(node.nodes, shape, inner));
        return shape;
      }
      case 'section':
        return this.visitList(node.nodes, shape, place);
      case 'ref': {
        const owner = this.seen.get(node.link.target) ?? fail('err.refBefore', { name: node.link.name });
        return this.visit(node.link.target, shape, placeLike(place, { shared: place.shared ?? owner.path }));
      }
      case 'from':
        return this.outputs.get(node.name) ?? fail('err.fromBefore', { name: node.name });
    }
  }

  /**
   * The module at `path` is `node`, whose class the text may say. The outermost says it: a def
   * whose body is one other block is that def's class, not its body's.
   */
  private classify(node: Node, path: string, place: Place): void {
    if (node.className !== undefined && path !== '' && place.shared === null && !this.classes.has(path)) this.classes.set(path, node.className);
  }

  private remember(node: Node, path: string, record: LayerOutcome | undefined, place: Place): void {
    if (node.label !== undefined && place.shared === null) this.seen.set(node, { path, record });
  }

  /** `placed`: the layer is a copy of a repetition all by itself (`conv$: { conv 64 3 } x2`), so the copy's name is its own. */
  private layer(node: Extract<Node, { t: 'layer' }>, shape: Shape, place: Place, placed: boolean): Shape {
    const { layer } = node;
    if (layer.inputDims !== undefined && !this.first) fail('err.inInModel', { layer: layer.print() });
    this.first = false;
    // A row's record, or (the totals alone wanted) what the layer adds and hands on.
    let record = this.tally === undefined ? this.records.record(layer, shape, place.frozen) : undefined;
    const altered = this.alteration?.at === this.rows.length ? this.alteration : undefined;
    if (altered !== undefined && record !== undefined) record = { ...record, macs: altered.macs ?? record.macs, outputShape: altered.output ?? record.outputShape };
    const outcome: LayerOutcome = record ?? this.outcome(layer, shape, place.frozen);
    this.channels = outcome.channels ?? this.channels;
    const { channels } = this;
    // Only a row is named: the totals need the module paths (shares, ties and `from` name them), not the names.
    const auto = record === undefined ? '' : this.next(snakeCase(record.typeName));
    // A module without weights called again (torchvision's one `self.relu` after each convolution)
    // shares nothing: the row is that module again, by its own name.
    const again = place.shared !== null && outcome.tensors.length === 0 ? this.seen.get(node) : undefined;
    if (again !== undefined) {
      if (record !== undefined) this.rows.push({ name: this.shown(again.path), module: again.path, block: place.block, call: 'module', record, counts: ZERO, shared: null, tied: null, channels });
      return outcome.outputShape;
    }
    // A name makes it a module of the model (ConvNeXt's `classifier.1`, an nn.Flatten); left unnamed, a
    // kind the framework applies as a function is one (ResNet's torch.flatten).
    const call = node.functional || (node.label === undefined && this.functional.has(outcome.kind)) ? 'function' : 'module';
    // A function takes no place among a module's children.
    const copy = placed && node.label === undefined && place.prefix !== '';
    const own = node.label ?? (!copy && call === 'module' && this.positional(place) ? this.nextPosition(place.prefix) : undefined);
    const module = copy ? place.prefix : this.join(place.prefix, own ?? auto);
    // What the row adds: the record's tensors unless shared, tied or misread (counted for a row; the totals add the tensors).
    let counts: Counts | undefined = altered?.counts;
    let tied: string | null = null;
    if (place.shared !== null) {
      this.reused += (counts ?? countTensors(outcome.tensors)).total;
      counts = ZERO;
    } else if (node.tie !== undefined) {
      const owner = this.seen.get(node.tie.target);
      if (owner?.record === undefined) fail('err.tieBefore', { name: node.tie.name });
      const mine = tiedTensor(outcome, owner.record, node.tie.name);
      this.reused += tensorSize(mine);
      counts = countTensors(outcome.tensors.filter((t) => t !== mine));
      tied = owner.path;
    }
    this.remember(node, module, outcome, place);
    if (record === undefined) {
      if (counts === undefined) this.tally?.addTensors(outcome.tensors);
      else this.tally?.add(counts);
      return outcome.outputShape;
    }
    counts ??= countTensors(record.tensors);
    // A shared use is shown by its own name, with whose weights it uses ([shares enc]). A copy of an
    // unnamed repetition, nothing named above it, is only a number (`0`, `1.0`): a framework that
    // names layers by their type (Keras: dense_1, dense_2) shows that, as for the layers written out.
    const numbered = copy && !this.byPosition && /^\d+(\.\d+)*$/.test(module);
    const called = call === 'function' && node.label === undefined ? this.functionName(node, record) : undefined;
    const name = called ?? ((own === undefined && !copy) || place.shared !== null || numbered ? auto : this.shown(module));
    this.rows.push({ name, module, block: place.block, call, record, counts, shared: place.shared, tied, channels });
    return record.outputShape;
  }

  /**
   * What a layer adds and hands on when the totals alone are wanted: a neutral layer's lent record,
   * looked for first (then no outcome of it is kept here as well), else its outcome here.
   */
  private outcome(layer: Layer, input: Shape, frozen: boolean): LayerOutcome {
    return (layer.neutral ? this.borrowed?.find(layer, input, frozen) : undefined) ?? this.outcomes.record(layer, input, frozen);
  }

  /**
   * A function in forward is no module: under a framework that names such calls (PyTorch), its row
   * is named as forward calls it, the call given (`functional=x.mean`) or the kind's usual one.
   */
  private functionName(node: Extract<Node, { t: 'layer' }>, record: LayerRecord): string | undefined {
    const calls = NAMING[this.framework].calls;
    if (calls === null) return undefined;
    return typeof node.functional === 'string' ? node.functional : (calls[record.kind] ?? record.kind);
  }
}

/** The weight tensor of `record` that `tie=` makes the same tensor as the owner's weight. */
function tiedTensor(record: LayerOutcome, owner: LayerOutcome, name: string): ParamTensor {
  const theirs = owner.tensors.find((t) => t.role === 'weight');
  const mine = record.tensors.find((t) => t.role === 'weight');
  if (theirs === undefined || mine === undefined) fail('err.tieNoWeight', { name });
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  // Keras keeps a dense kernel as (in, out) and an embedding as (V, D): a tied head is the transpose.
  if (!same(mine.shape, theirs.shape) && !same(mine.shape, [...theirs.shape].reverse())) {
    fail('err.tieShape', { name, mine: mine.shape.join('×'), theirs: theirs.shape.join('×') });
  }
  return mine;
}

function compatible(a: Dim, b: Dim): boolean {
  return a === null || b === null || a === b;
}

function merge(op: MergeOp, word: MergeWord, shapes: readonly Shape[]): Shape {
  const refuse = (): never => {
    if (word === 'residual' && shapes.length === 2) fail('err.residual', { main: formatShape(shapes[0]!), shortcut: formatShape(shapes[1]!) });
    return fail('err.mergeShapes', { word, shapes: shapes.map(formatShape).join(', ') });
  };
  const [first, ...rest] = shapes;
  if (first === undefined) return refuse();
  if (op === 'add') {
    if (!rest.every((s) => s.length === first.length && s.every((d, i) => compatible(d, first[i]!)))) refuse();
    return first.map((d, i) => d ?? rest.find((s) => s[i] !== null)?.[i] ?? null);
  }
  if (op === 'concat') {
    const axis = first.length - 1;
    if (!rest.every((s) => s.length === first.length && s.every((d, i) => i === axis || compatible(d, first[i]!)))) refuse();
    const last = shapes.reduce<number | null>((acc, s) => (acc === null || s[axis] === null ? null : acc + s[axis]!), 0);
    return [...first.slice(0, axis), last];
  }
  // mul: NumPy broadcasting, axes aligned from the end (squeeze-and-excitation scales H×W×C by 1×1×C or C).
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const dims = shapes.map((s) => s[s.length - rank + i] ?? 1);
    const big = dims.filter((d) => d !== 1);
    if (!big.every((d) => compatible(d, big[0]!))) refuse();
    out.push(big.length === 0 ? 1 : (big.find((d) => d !== null) ?? null));
  }
  return out;
}

/** A copy's own name from a repetition's `$` name: `block$` → block5. */
function copyName(template: string, n: number): string {
  return template.replaceAll('$', String(n));
}

/** The name of a top-level item in the per-block table: a `$` name by its first and last copies (`block5 … block12`). */
function blockName(node: Node, ev: Evaluator, firstRow: Row | undefined): string {
  if (node.t === 'repeat' && node.label?.includes('$')) {
    const first = node.start ?? 0;
    return node.times === 1 ? copyName(node.label, first) : `${copyName(node.label, first)} … ${copyName(node.label, first + node.times - 1)}`;
  }
  if (node.label !== undefined) return node.label;
  if (node.t === 'section') return node.title;
  if (node.t === 'layer' && firstRow !== undefined) return firstRow.name;
  const kind = node.t === 'merge' ? node.word : node.t === 'seq' ? 'group' : node.t === 'ref' ? 'shared' : node.t;
  return ev.next(kind);
}

/**
 * The records of a model's layers under one framework, by layer and input: made by evaluateModel,
 * and lent to the other framework's totals (evaluateTotals), which take a neutral layer's record as
 * it is (a model's convolutions and activations are then evaluated once, not once a framework).
 */
export class Records extends LayerMemo<InputRecord> {
  constructor(readonly framework: Framework) {
    super((layer, input, frozen) => layer.evaluate(input, framework, frozen));
  }
}

/**
 * Evaluates `nodes` starting from `input`, or, when input is undefined, from what the first layer
 * sees on its own (its `in=` and arguments). `records`: where the layers' records are kept, to lend
 * them to the other framework's totals.
 */
export function evaluateModel(nodes: readonly Node[], input: Shape | undefined, framework: Framework, alteration?: Alteration, records?: Records): Report {
  const ev = new Evaluator(framework, input === undefined, alteration, undefined, records);
  const start = input ?? standaloneStart(nodes);
  const blocks: Block[] = [];
  let shape: Shape = start;
  nodes.forEach((node, block) => {
    const before = ev.rows.length;
    shape = ev.visit(node, shape, { prefix: '', block, frozen: false, shared: null, branch: false, sequential: false });
    blocks.push({ name: blockName(node, ev, ev.rows[before]), repeat: node.t === 'repeat' ? node.times : undefined, output: ev.sideOutputs.get(node) ?? shape, channels: ev.channels });
  });
  return summarize(framework, start, shape, ev.rows, blocks, ev.reused, ev.classes);
}

/**
 * The totals alone of evaluating `nodes` as evaluateModel does (refusing what it refuses): for the
 * other framework's count, which is only compared. Naming and keeping 1,800 rows was a third of
 * the evaluation's work and allocation, for two numbers. `borrowed`: the records the count's own
 * framework made, whose neutral layers' are taken as they are: evaluating a model's convolutions
 * and activations again was half of what is left (0.5 MB of the 1 MB the totals of 600 convolutions,
 * BatchNorms and ReLUs allocated).
 */
export function evaluateTotals(nodes: readonly Node[], input: Shape | undefined, framework: Framework, borrowed?: Records): Counts {
  const tally = new Tally();
  const ev = new Evaluator(framework, input === undefined, undefined, tally, undefined, borrowed);
  let shape: Shape = input ?? standaloneStart(nodes);
  nodes.forEach((node, block) => {
    shape = ev.visit(node, shape, { prefix: '', block, frozen: false, shared: null, branch: false, sequential: false });
  });
  return tally.counts;
}

/** Totals from rows, computed in one place (LoRA adds rows and summarizes again). */
export function summarize(framework: Framework, input: Shape, output: Shape, rows: readonly Row[], blocks: readonly Block[], reused: bigint, classes: ReadonlyMap<string, string> = new Map()): Report {
  // Summed in one Tally: a Counts object made for every row was garbage but for the last.
  const tally = new Tally();
  const macs = new KnownSum();
  const scoreMacs = new KnownSum();
  let idle: bigint | null = null;
  for (const row of rows) {
    const { record } = row;
    tally.add(row.counts);
    const routing = record.routing;
    // A shared use adds no parameters, so it has none idle either.
    if (routing !== undefined && row.shared === null) idle = (idle ?? 0n) + BigInt(routing.experts - routing.topK) * routing.perExpert;
    macs.add(record.macs);
    scoreMacs.add(record.attention?.scoreMacs ?? 0n);
  }
  const counts = tally.counts;
  return { framework, input, output, rows, blocks, counts, macs: macs.value, scoreMacs: scoreMacs.value, reused, active: idle === null ? null : counts.total - idle, notes: [], classes };
}

/** The first few layers a model's input meets, following main branches. */
function leadingLayers(nodes: readonly Node[], out: Layer[] = [], max = 4): Layer[] {
  for (const node of nodes) {
    if (out.length >= max) break;
    if (node.t === 'layer') out.push(node.layer);
    else if (node.t === 'side')
      continue; // an auxiliary head does not see the model's input first
    else if (node.t === 'from') break;
    else leadingLayers(node.t === 'seq' || node.t === 'section' ? node.nodes : node.t === 'repeat' ? [node.body] : node.t === 'merge' ? (node.branches[0] ?? []) : [node.link.target], out, max);
  }
  return out;
}

/**
 * The input of a model given without one: what its first layer sees on its own. A first layer of
 * any rank that only says its width (`ln 512`) is followed, in a pre-norm block, by one that needs
 * a sequence of that width (`mha 8 512`): then the model starts from that sequence.
 */
function standaloneStart(nodes: readonly Node[]): Shape {
  const [first, ...rest] = leadingLayers(nodes);
  if (first === undefined) return fail('err.empty');
  const own = first.standaloneInput();
  if (first.inputDims !== undefined || own.length !== 1 || own[0] === null) return own;
  for (const layer of rest) {
    let shape: Shape;
    try {
      shape = layer.standaloneInput();
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      continue; // a layer that cannot stand alone says nothing about the model's input
    }
    if (shape.length > 1 && shape[shape.length - 1] === own[0]) return shape;
  }
  return own;
}

/** Per-block totals in model order: one row per top-level item. */
export interface BlockRow {
  readonly name: string;
  readonly repeat: number | undefined;
  readonly counts: Counts;
  readonly macs: bigint | null;
  readonly output: Shape;
  readonly channels: ChannelsAt;
}

export function blockTable(report: Report): BlockRow[] {
  const out: Array<{ name: string; repeat: number | undefined; counts: Counts; macs: bigint | null; output: Shape; channels: ChannelsAt }> = [];
  let current = -1;
  for (const row of report.rows) {
    const last = out[out.length - 1];
    if (last && row.block === current) {
      last.counts = addCounts(last.counts, row.counts);
      last.macs = last.macs === null || row.record.macs === null ? null : last.macs + row.record.macs;
    } else {
      const block = report.blocks[row.block]!;
      out.push({ name: block.name, repeat: block.repeat, counts: row.counts, macs: row.record.macs, output: block.output, channels: block.channels });
      current = row.block;
    }
  }
  return out;
}
