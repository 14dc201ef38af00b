/**
 * torchinfo's footer for a model counted under PyTorch conventions, with its rules and its units,
 * so the numbers read as `summary(model, input_size=(N, C, H, W))` prints them. From torchinfo's
 * source (TylerYep/torchinfo, torchinfo/model_statistics.py and layer_info.py, the same in v1.8.0
 * and on main at 5c4164f):
 * - Total mult-adds: per leaf module and per parameter tensor, bias included (not the
 *   fvcore/thop convention of the rest of the answer): a Conv's parameters × N × output positions,
 *   a Linear's × every output axis but the last, an RNN's (weight_ih_l0, ...) × the first two
 *   output axes, any other module's × N (LayerInfo.calculate_macs).
 * - Input size: sys.getsizeof of the input's storage (get_total_memory_used): its bytes (fp32, 4
 *   a number) and the storage object's own 56 bytes (torch 1.13: sys.getsizeof(torch.zeros(1, 3,
 *   64, 64).storage()) is 49,208 = 49,152 + 56), which is why torchinfo prints 49.21 kB, not 49.15.
 * - Forward/backward pass size: 2 × the output bytes of every leaf module with parameters ("x2
 *   for gradients"; ModelStatistics.__init__).
 * - Params size: the parameters' bytes, each counted once.
 * - Estimated Total Size: the three added.
 * Sizes are decimal (1 MB = 10^6 bytes: to_readable's 1e6), so ResNet-18's 46,758,048 bytes of
 * parameters print as 46.76 MB where the binary reading is 44.59 MiB.
 */
import { countTensors } from './counts.js';
import type { Report } from './model.js';
import { inOrder } from './naming.js';
import type { ChannelsAt, Dim, LayerRecord, Shape } from './types.js';

/** fp32, as torchinfo's default dtypes. */
const BYTES = 4n;

/** What sys.getsizeof adds to a tensor storage's bytes: the Python object itself (torch 1.13, measured). */
const STORAGE_OBJECT = 56n;

export interface TorchinfoFooter {
  readonly batch: number;
  readonly multAdds: bigint;
  readonly inputBytes: bigint;
  readonly forwardBackwardBytes: bigint;
  readonly paramsBytes: bigint;
  readonly totalBytes: bigint;
}

/** The product of dims[from..to), or null when one is unknown. */
function product(dims: readonly Dim[], from = 0, to = dims.length): bigint | null {
  let p = 1n;
  for (let i = from; i < to; i++) {
    const d = dims[i]!;
    if (d === null) return null;
    p *= BigInt(d);
  }
  return p;
}

/** What one module adds to the footer: its mult-adds and its output's bytes (null: a size is unknown). */
interface Terms {
  readonly multAdds: bigint;
  readonly outputBytes: bigint;
}

/** A module without parameters adds nothing (torchinfo leaves it out), whatever its shape. */
const NOTHING: Terms = { multAdds: 0n, outputBytes: 0n };

/** The footer's figures at batch N, or null when a shape is unknown (a model given without its input). */
export function torchinfoFooter(report: Report, batch = 1): TorchinfoFooter | null {
  // No input, no footer: pasted code given no input size has an empty input shape (product 1), and
  // its layers' output shapes without their batch axes (a Linear's [20]), from which a footer
  // would make up an input_size=(1) and its mult-adds.
  if (report.input.length === 0) return null;
  const n = BigInt(batch);
  const input = product(report.input);
  if (input === null) return null;
  let multAdds = 0n;
  let outputs = 0n;
  // rows that share a record (a repeated block's, a paste's identical layers) add the same terms:
  // added once per run of them, times its length, as each bigint sum is a new heap number (two per
  // row made 64 KB for a thousand pasted nn.Linear)
  let record: LayerRecord | null = null;
  let channels: ChannelsAt | null = null;
  let terms: Terms = NOTHING;
  let run = 0;
  for (const row of report.rows) {
    if (row.call !== 'module') continue;
    if (row.record !== record || row.channels !== channels) {
      multAdds += terms.multAdds * BigInt(run);
      outputs += terms.outputBytes * BigInt(run);
      record = row.record;
      channels = row.channels;
      const next = termsOf(record, channels, n);
      if (next === null) return null;
      terms = next;
      run = 0;
    }
    run++;
  }
  multAdds += terms.multAdds * BigInt(run);
  outputs += terms.outputBytes * BigInt(run);
  const inputBytes = input * n * BYTES + STORAGE_OBJECT;
  const forwardBackwardBytes = 2n * outputs;
  const paramsBytes = report.counts.total * BYTES;
  return { batch, multAdds, inputBytes, forwardBackwardBytes, paramsBytes, totalBytes: inputBytes + forwardBackwardBytes + paramsBytes };
}

/** A module's terms at batch n; its output_size as torchinfo records it is batch first, then the framework's order. */
function termsOf(record: LayerRecord, channels: ChannelsAt, n: bigint): Terms | null {
  const params = countTensors(record.tensors).total;
  if (params === 0n) return NOTHING;
  const size = product(record.outputShape);
  if (size === null) return null;
  return { multAdds: params * macFactor(record.typeName, inOrder(record.outputShape, channels), n), outputBytes: n * size * BYTES };
}

/**
 * How many times LayerInfo.calculate_macs counts each parameter of a module, by its class name,
 * for an output of batch n then `body` (every size known).
 */
function macFactor(typeName: string, body: Shape, n: bigint): bigint {
  if (typeName.includes('Conv')) return n * product(body, 1)!;
  // every output axis but the last: the batch's too, unless it is the only one
  if (typeName.includes('Linear')) return body.length === 0 ? 1n : n * product(body, 0, body.length - 1)!;
  // nn.RNN, nn.LSTM, nn.GRU: parameters named weight_ih_l0, bias_hh_l0, ...
  if (/^(RNN|LSTM|GRU)$/.test(typeName)) return n * product(body, 0, Math.min(1, body.length))!;
  return n;
}

/** torchinfo's ModelStatistics.to_readable and format_output_num: " (MB): 46.76", " (G): 1.81", ": 0". */
export function torchinfoNumber(num: bigint, bytes: boolean): string {
  const value = Number(num);
  const unit = UNITS.find(([size]) => value >= size);
  if (unit === undefined) return `: ${formats().whole.format(value)}`;
  const scaled = value / unit[0];
  const text = Number.isInteger(scaled) ? formats().whole.format(scaled) : formats().hundredths.format(scaled);
  return ` (${unit[1]}${bytes ? 'B' : ''}): ${text}`;
}

const UNITS: ReadonlyArray<readonly [number, string]> = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Made once (toLocaleString with options builds a new formatter on every call), and at the first
 * footer, not when the module loads: the bot's main process loads the engine and never prints a
 * footer, and a formatter made there would keep ICU's data resident in it (about 5 MB).
 */
let formatters: { readonly whole: Intl.NumberFormat; readonly hundredths: Intl.NumberFormat } | undefined;
const formats = () => (formatters ??= { whole: new Intl.NumberFormat('en-US'), hundredths: new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });

/** The footer's lines as torchinfo prints them. */
export function torchinfoLines(f: TorchinfoFooter): string[] {
  return [
    `Total mult-adds${torchinfoNumber(f.multAdds, false)}`,
    `Input size${torchinfoNumber(f.inputBytes, true)}`,
    `Forward/backward pass size${torchinfoNumber(f.forwardBackwardBytes, true)}`,
    `Params size${torchinfoNumber(f.paramsBytes, true)}`,
    `Estimated Total Size${torchinfoNumber(f.totalBytes, true)}`,
  ];
}
