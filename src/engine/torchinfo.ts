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
import type { Dim } from './types.js';

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

const product = (dims: readonly Dim[]): bigint | null => dims.reduce<bigint | null>((p, d) => (p === null || d === null ? null : p * BigInt(d)), 1n);

/** The footer's figures at batch N, or null when a shape is unknown (a model given without its input). */
export function torchinfoFooter(report: Report, batch = 1): TorchinfoFooter | null {
  const n = BigInt(batch);
  const input = product(report.input);
  if (input === null) return null;
  let multAdds = 0n;
  let outputs = 0n;
  for (const row of report.rows) {
    if (row.call !== 'module') continue;
    const params = countTensors(row.record.tensors).total;
    if (params === 0n) continue;
    // output_size as torchinfo records it: batch first, then the framework's order
    const out = [batch, ...inOrder(row.record.outputShape, row.channels)];
    const size = product(out);
    if (size === null) return null;
    multAdds += params * macFactor(row.record.typeName, out)!;
    outputs += size * BYTES;
  }
  const inputBytes = input * n * BYTES + STORAGE_OBJECT;
  const forwardBackwardBytes = 2n * outputs;
  const paramsBytes = report.counts.total * BYTES;
  return { batch, multAdds, inputBytes, forwardBackwardBytes, paramsBytes, totalBytes: inputBytes + forwardBackwardBytes + paramsBytes };
}

/** How many times LayerInfo.calculate_macs counts each parameter of a module, by its class name. */
function macFactor(typeName: string, out: readonly Dim[]): bigint | null {
  if (typeName.includes('Conv')) return product([out[0]!, ...out.slice(2)]);
  if (typeName.includes('Linear')) return product(out.slice(0, -1));
  // nn.RNN, nn.LSTM, nn.GRU: parameters named weight_ih_l0, bias_hh_l0, ...
  if (/^(RNN|LSTM|GRU)$/.test(typeName)) return product(out.slice(0, 2));
  return BigInt(out[0]!);
}

/** torchinfo's ModelStatistics.to_readable and format_output_num: " (MB): 46.76", " (G): 1.81", ": 0". */
export function torchinfoNumber(num: bigint, bytes: boolean): string {
  const units: ReadonlyArray<readonly [number, string]> = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const value = Number(num);
  const unit = units.find(([size]) => value >= size);
  if (unit === undefined) return `: ${value.toLocaleString('en-US')}`;
  const scaled = value / unit[0];
  const text = Number.isInteger(scaled) ? scaled.toLocaleString('en-US') : scaled.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return ` (${unit[1]}${bytes ? 'B' : ''}): ${text}`;
}

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
