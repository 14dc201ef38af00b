/**
 * Each framework's own way of naming and shaping a model's rows, as data: the evaluator and the
 * tables read the scheme of the framework counted, so a torchvision preset's rows read as
 * `named_modules()` names them (`layer1.0.downsample.0`) and a Keras preset's as Keras names its
 * layers, and each writes its shapes in its own order.
 */
import type { ChannelsAt, Dim, Framework, Shape } from './types.js';

export interface NamingScheme {
  /**
   * How a layer left unnamed inside a named module is named. `position`: by its place among the
   * module's children, as nn.Sequential numbers them (`features.0`, `features.1`, ...); a group
   * with named layers inside is one child (a block: `layer1.0.conv1`), a group without is spliced
   * in (a make_layers helper). `type`: by its type and a count, as Keras does (`conv2d_3`).
   */
  readonly unnamed: 'position' | 'type';
  /**
   * Kinds the framework's models apply as a function in forward (`torch.flatten(x, 1)`,
   * `x.chunk(2, dim=1)`), not as a child module: they take no place among the children and keep
   * their type name.
   */
  readonly functional: ReadonlySet<string>;
  /**
   * How forward writes each kind it applies as a function (`torch.flatten`, `F.relu`): the name of
   * such a row, which is no module and has none of its own; a kind not listed is named by its word.
   * Null for Keras, which applies no layer as a function: its rows are named as layers.
   */
  readonly calls: Readonly<Record<string, string>> | null;
  /**
   * Between a module's name and a name inside it: PyTorch's dotted paths (`layer1.0.conv1`); Keras
   * Applications name a block's layers by the block's name, an underscore and their own
   * (`block1_conv1`, `conv2_block1_1_conv`).
   */
  readonly separator: '.' | '_';
  /** Where an image's channels stand in a shape: N×C×H×W for PyTorch, N×H×W×C for Keras (until a permute moves them: Row.channels). */
  readonly channels: ChannelsAt;
  /** How a summary writes a shape with its batch axis: Keras's `(None, 56, 56, 64)`, torchinfo's `[1, 64, 56, 56]`. */
  readonly batch: string;
  readonly brackets: readonly [open: string, close: string];
}

/**
 * The functions torchvision's forward methods call where a kind is applied as a function
 * (torchvision 0.14: ResNet's `torch.flatten(x, 1)`, ShuffleNet's `x.chunk(2, dim=1)` and
 * `channel_shuffle`, ViT's `_process_input` and `x[:, 0]`, DenseNet's `F.relu` and
 * `F.adaptive_avg_pool2d`, Inception's `F.max_pool2d` and `F.avg_pool2d`), and PyTorch's own
 * space-to-depth, `F.pixel_unshuffle`. A model whose forward calls another (Swin's `torch.cat` of
 * the 2×2 neighbours, ShuffleNet's `x.mean`) says so with `functional=NAME`. A kind not listed is
 * named by its own word.
 */
const TORCH_CALLS: Readonly<Record<string, string>> = {
  flatten: 'torch.flatten',
  chunk: 'torch.chunk',
  shuffle: 'channel_shuffle',
  spacetodepth: 'F.pixel_unshuffle',
  clspool: 'x[:, 0]',
  tokens: '_process_input',
  relu: 'F.relu',
  gap: 'F.adaptive_avg_pool2d',
  adaptivepool: 'F.adaptive_avg_pool2d',
  avgpool: 'F.avg_pool2d',
  maxpool: 'F.max_pool2d',
};

export const NAMING: Readonly<Record<Framework, NamingScheme>> = {
  pytorch: {
    unnamed: 'position',
    functional: new Set(['flatten', 'chunk', 'shuffle', 'spacetodepth', 'clspool', 'tokens']),
    calls: TORCH_CALLS,
    separator: '.',
    channels: 'first',
    batch: '1',
    brackets: ['[', ']'],
  },
  keras: { unnamed: 'type', functional: new Set(), calls: null, separator: '_', channels: 'last', batch: 'None', brackets: ['(', ')'] },
};

/**
 * A shape (kept channels last inside the engine) with its channels where the framework holds them,
 * batch left out. Only images and volumes move their channels (rank 3 and more); a vector or a
 * token sequence (T, D) reads the same in both.
 */
export function inOrder(shape: Shape, channels: ChannelsAt): Shape {
  if (channels === 'last' || shape.length < 3) return shape;
  return [shape[shape.length - 1]!, ...shape.slice(0, -1)];
}

/** A shape in the framework's own order (a model's input; a row's own is Row.channels, a permute may have moved it). */
export function inFrameworkOrder(shape: Shape, framework: Framework): Shape {
  return inOrder(shape, NAMING[framework].channels);
}

/** Dimensions already in the framework's order, batch included, in its summary's brackets. */
export function bracketed(dims: readonly string[], framework: Framework): string {
  const [open, close] = NAMING[framework].brackets;
  return `${open}${dims.join(', ')}${close}`;
}

/** A row's output shape as the framework's summary prints it, channels where it holds them, batch axis first; unknown sizes as "?". */
export function formatFrameworkShape(shape: Shape, framework: Framework, channels: ChannelsAt): string {
  // Written out axis by axis: a reordered copy, its strings and the list joined were made for every
  // row a model shows (250 KB of a 1,800-layer model's render).
  const { batch, brackets } = NAMING[framework];
  const moved = channels === 'first' && shape.length >= 3;
  let text = brackets[0] + batch;
  if (moved) text += `, ${dimText(shape[shape.length - 1]!)}`;
  const end = moved ? shape.length - 1 : shape.length;
  for (let i = 0; i < end; i++) text += `, ${dimText(shape[i]!)}`;
  return text + brackets[1];
}

function dimText(d: Dim): string {
  return d === null ? '?' : String(d);
}
