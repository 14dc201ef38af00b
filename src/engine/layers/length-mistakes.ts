/**
 * The output-size mistakes convolutions and pooling share: one record per way of getting
 * ⌊(H + 2p − k)/s⌋ + 1 wrong, applied to every spatial axis. A model question carries the wrong
 * size on to the layers after it (the Dense after a Flatten counts it), so these name a wrong
 * parameter count as well as a wrong height.
 */
import { msg } from '../../i18n/messages.js';
import { LENGTH_SLIPS, slippedShape, type AxisConv, type LengthSlipId } from './geometry.js';
import { volume } from './common.js';
import { mistake, type MistakeDef } from './kind.js';

/** Every length mistake that can happen on a layer whose axes `axis` describes. */
export function lengthMistakes<R>(ids: readonly LengthSlipId[], axis: (c: R, i: number) => AxisConv): MistakeDef<R>[] {
  return ids.map((id) =>
    mistake<R>(
      id,
      'shape',
      (m) => {
        const output = slippedShape(m.input, m.output, LENGTH_SLIPS[id], (i) => axis(m.config, i));
        if (!output) return undefined;
        // The layer's own MACs follow its (wrong) number of output positions.
        const right = volume(m.output.slice(0, -1));
        const wrong = volume(output.slice(0, -1));
        const macs = m.macs !== null && right !== null && wrong !== null && right > 0n ? (m.macs / right) * wrong : undefined;
        return { output, ...(macs !== undefined && { macs }) };
      },
      (m) => {
        const a = axis(m.config, 0);
        const pad = a.padding.mode === 'explicit' ? a.padding.amounts[0]! : 0;
        return msg(`why.${id}`, { k: String(a.kernel), s: String(a.stride), p: String(pad), d: String(a.dilation) });
      },
    ),
  );
}
