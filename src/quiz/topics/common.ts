/** What every topic's templates share. */
import type { MessageRef } from '../../i18n/messages.js';
import type { Model } from '../describe.js';
import { asking, modelCountSpec, WORDINGS } from '../forms.js';
import { nounLabels } from '../labels.js';
import type { Template } from '../question.js';
import type { Rng } from '../random.js';

export { n } from '../describe.js';

/** `3×3` */
export const square = (k: number) => `${k}×${k}`;

/**
 * A block of layers described in prose (no Keras or PyTorch code the reader could count says it
 * in one call); the spec is the block as a chain of /count layers (a residual adds no parameters).
 * The words and the model come from one draw, so the words state every size the count uses.
 */
export function block(id: string, make: (rng: Rng) => { model: Model; prose: (v: number) => MessageRef }, hint: MessageRef): Template {
  return {
    id,
    draft(rng) {
      const { model, prose } = make(rng);
      const [v, w] = [rng.int(0, 1), rng.int(0, WORDINGS['ask.params'] - 1)];
      return {
        prompt: [prose(v), asking('ask.params', w, 'block')],
        variant: `prose${v}.${w}`,
        spec: modelCountSpec(model),
        ask: { kind: 'read', quantity: 'params' },
        hint,
        labels: nounLabels(model.layers),
      };
    },
  };
}
