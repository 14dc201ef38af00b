/**
 * The /count language as written, before defs are expanded and layers parsed (expand.ts turns it
 * into model nodes). Shared/DESIGN.md and the README document the grammar; in short:
 *
 *   program := (def | item) separated by > → ; or newlines
 *   def     := def NAME(PARAM, PARAM=DEFAULT, ...) [class=CLASS] { chain }
 *   item    := [NAME:] term [xN] [trainable=false] [class=CLASS]
 *   term    := KIND ARGS... [key=value ...]        a layer, or a def used like a kind
 *            | { chain }                           a group
 *            | residual|add|mul|concat { chain | chain ... }
 *            | side { chain }                      computed from the input on the side; the input passes on
 *            | if CONDITION { chain } [else { chain }]
 *            | @NAME                               the named layer or group again, its weights shared
 *            | from NAME                           continue from the named layer's or group's output
 *            | section TITLE { chain }             a row of the block table; its layers keep their own names
 */

export type MergeWord = 'residual' | 'add' | 'mul' | 'concat';
export const MERGE_WORDS: readonly MergeWord[] = ['residual', 'add', 'mul', 'concat'];

/** Words with a meaning of their own in the grammar: no kind, preset or def may take them. */
export const RESERVED = new Set<string>([...MERGE_WORDS, 'side', 'if', 'else', 'def', 'from', 'section', 'input', 'lora', 'explain-preset']);

export type Term =
  /** A layer, a def instance, `input`, a preset or `lora`: told apart when expanded. */
  | { readonly t: 'words'; readonly words: readonly string[] }
  | { readonly t: 'group'; readonly body: readonly Item[] }
  | { readonly t: 'merge'; readonly word: MergeWord; readonly branches: readonly (readonly Item[])[] }
  /** An auxiliary head (GoogLeNet's aux1): its layers count, its output is not the model's. */
  | { readonly t: 'side'; readonly body: readonly Item[] }
  | { readonly t: 'ref'; readonly name: string }
  | { readonly t: 'if'; readonly condition: string; readonly then: readonly Item[]; readonly otherwise: readonly Item[] }
  /**
   * A heading for the per-block table, nothing more: a model whose framework numbers its layers
   * by global counters (Keras's conv2d_93, activation_187) is written a layer a line, and a named
   * group would prefix those names. A section groups the lines into one row of the table (NASNet's
   * cell normal_3) and changes no name, no module path and no scope. It takes no name, repeat or
   * option (the parser refuses them): a name or a copy would make it a module.
   */
  | { readonly t: 'section'; readonly title: string; readonly body: readonly Item[] };

export interface Item {
  readonly label: string | undefined;
  readonly term: Term;
  /** The repeat count as written (`12`, `n-1`), evaluated when expanded. */
  readonly repeat: string | undefined;
  /** key=value after a closing brace: `{ ... } trainable=false`. */
  readonly options: readonly string[];
}

/** A class name as Python spells one (`BasicBlock`, `_DenseLayer`): what `class=` takes. */
export function isClassName(text: string): boolean {
  return /^[A-Za-z_]\w*$/.test(text);
}

export interface Param {
  readonly name: string;
  readonly fallback: string | undefined;
}

export interface Def {
  readonly name: string;
  /**
   * `def basic_block(...) class=BasicBlock { ... }`: the framework's class the block is built as (an
   * nn.Module subclass), which torchinfo prints for it under --depth. Undefined when the text does not
   * say: the tree then shows the module by its name alone, never a class guessed.
   */
  readonly className: string | undefined;
  readonly params: readonly Param[];
  readonly body: readonly Item[];
  /** The def's own text, for `explain-preset`. */
  readonly text: string;
}

export interface Program {
  readonly defs: readonly Def[];
  readonly items: readonly Item[];
}
