/** What every topic's templates share. */
import { formatInt } from '../../engine/format.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import { modelSpec, type Model } from '../describe.js';
import { asking, WORDINGS } from '../forms.js';
import type { Template } from '../question.js';
import type { Rng } from '../random.js';

/** A number as the question shows it: 1,792. */
export const n = (x: number | bigint): string => formatInt(x);

/** `3×3` */
export const square = (k: number) => `${k}×${k}`;

/** The words of a convolution with everything that may differ from the defaults ('' when it does not). */
export function convWords(v: number, o: { cin: number; cout: number; k: string; side: number; stride?: number | undefined; pad?: 'same' | number | undefined; dilation?: number | undefined; groups?: number | undefined; bias?: boolean | undefined; rank?: 1 | 2 | undefined }) {
  return msg(o.rank === 1 ? 'd.conv1d' : 'd.conv', {
    v: String(v),
    cin: n(o.cin),
    cout: n(o.cout),
    k: o.k,
    side: String(o.side),
    stride: o.stride && o.stride !== 1 ? String(o.stride) : '',
    pad: o.pad === undefined ? '' : String(o.pad),
    dilation: o.dilation && o.dilation !== 1 ? String(o.dilation) : '',
    groups: o.groups && o.groups !== 1 ? String(o.groups) : '',
    bias: o.bias === false ? 'no' : 'yes',
  });
}

/**
 * A block of layers described in prose (no Keras or PyTorch code the reader could count says it
 * in one call); the spec is the block as a chain of /count layers (a residual adds no parameters).
 */
export function block(id: string, make: (rng: Rng) => { model: Model; prose: (v: number) => MessageRef; flags?: string }, hint: MessageRef): Template {
  return {
    id,
    draft(rng) {
      const { model, prose, flags } = make(rng);
      const [v, w] = [rng.int(0, 1), rng.int(0, WORDINGS['ask.params'] - 1)];
      return { prompt: [prose(v), asking('ask.params', w, 'block')], variant: `prose${v}.${w}`, spec: `${modelSpec(model)}${flags ? ` ${flags}` : ''}`, ask: { kind: 'read', quantity: 'params' }, hint };
    },
  };
}

