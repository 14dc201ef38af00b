/**
 * The forms a question takes: a sentence describing the layer (several wordings) followed by the
 * question (several wordings), or the layer as Keras or PyTorch code a student must read. The form
 * drawn is part of the question's identity, so the same numbers asked another way are another
 * question.
 */
import { msg, type MessageRef } from '../i18n/messages.js';
import { code, kerasLayer, kerasModel, modelSpec, pyTuple, torchLayer, torchModel, type Model, type Piece } from './describe.js';
import type { Draft, Quantity } from './question.js';
import type { Rng } from './random.js';

/** The question sentences: each takes the wording (`v`) and what is asked about (`of`). */
export type AskKey = 'ask.params' | 'ask.trainable' | 'ask.nonTrainable' | 'ask.macs' | 'ask.height' | 'ask.size' | 'ask.summary' | 'ask.torchParams';
export type Subject = 'layer' | 'model' | 'block';

/** How many wordings each question sentence has (the catalogues hold them). */
export const WORDINGS: Readonly<Record<AskKey, number>> = {
  'ask.params': 3,
  'ask.trainable': 2,
  'ask.nonTrainable': 2,
  'ask.macs': 2,
  'ask.height': 2,
  'ask.size': 2,
  'ask.summary': 1,
  'ask.torchParams': 1,
};

export const asking = (key: AskKey, v: number, of: Subject): MessageRef => msg(key, { v: String(v), of });

export interface Prompted {
  readonly prompt: readonly MessageRef[];
  readonly variant: string;
}

/**
 * One of a layer's forms: each prose description with each wording of the question, and the Keras
 * and PyTorch code where the layer has that spelling (and the template allows code).
 */
export function layerForms(
  rng: Rng,
  o: { readonly piece: Piece; readonly input: readonly number[]; readonly prose: readonly MessageRef[]; readonly ask: AskKey; readonly of?: Subject; readonly code?: 'both' | 'keras' | 'pytorch' | 'none' },
): Prompted {
  const of = o.of ?? 'layer';
  const forms: Array<() => Prompted> = [];
  o.prose.forEach((sentence, d) => {
    for (let v = 0; v < WORDINGS[o.ask]; v++) forms.push(() => ({ prompt: [sentence, asking(o.ask, v, of)], variant: `prose${d}.${v}` }));
  });
  const allowed = o.code ?? 'both';
  if (o.piece.keras && (allowed === 'both' || allowed === 'keras')) {
    forms.push(() => ({ prompt: [msg('lead.keras'), code(kerasLayer(o.input, o.piece)), asking(o.ask, rng.int(0, WORDINGS[o.ask] - 1), of)], variant: 'keras' }));
  }
  if (o.piece.torch && (allowed === 'both' || allowed === 'pytorch')) {
    forms.push(() => ({ prompt: [msg('lead.torch'), code(torchLayer(o.piece)), asking(o.ask, rng.int(0, WORDINGS[o.ask] - 1), of)], variant: 'torch' }));
  }
  return rng.pick(forms)();
}

export type ModelForm = 'arrows' | 'keras' | 'torch';

/**
 * A model as a chain of Keras layers (with a note that `Conv2D(16, 3)` means 16 filters of 3×3),
 * as Keras code, or as PyTorch code (where every layer has a PyTorch spelling).
 */
export function modelForms(rng: Rng, o: { readonly model: Model; readonly lead: MessageRef; readonly ask: AskKey; readonly forms?: readonly ModelForm[] }): Prompted {
  const v = rng.int(0, WORDINGS[o.ask] - 1);
  const ask = asking(o.ask, v, 'model');
  const builders: Record<ModelForm, () => Prompted | undefined> = {
    // The note on how to read Conv2D(16, 3) only where there is a convolution to read.
    arrows: () => ({ prompt: [o.lead, code(arrowsOf(o.model)), ...(o.model.layers.some((l) => /^(conv|dwconv|sepconv)\b/.test(l.spec)) ? [msg('lead.kernelNote')] : []), ask], variant: `arrows.${v}` }),
    keras: () => ({ prompt: [msg('lead.kerasModel'), code(kerasModel(o.model)), ask], variant: `keras.${v}` }),
    torch: () => {
      const text = torchModel(o.model.layers);
      return text === undefined ? undefined : { prompt: [msg('lead.torchModel'), code(text), ask], variant: `torch.${v}` };
    },
  };
  const forms = (o.forms ?? ['arrows', 'keras']).map((f) => builders[f]).filter((b) => b() !== undefined);
  if (forms.length === 0) throw new Error('a model question needs a form it can be shown in');
  return rng.pick(forms)()!;
}

function arrowsOf(m: Model): string {
  return [`Input(shape=${pyTuple(m.input)})`, ...m.layers.map((l) => l.keras ?? l.spec)].join('\n→ ');
}

/** `in=56x56` for a layer asked alone: its input's sizes but the channels (the layer's own argument). */
export const inOption = (input: readonly number[]): string => `in=${input.slice(0, -1).join('x')}`;

/** A question about one layer, in one of its forms, reading one quantity off `spec`. */
export function layerDraft(
  rng: Rng,
  o: Parameters<typeof layerForms>[1] & { readonly spec: string; readonly quantity: Quantity; readonly hint: MessageRef },
): Draft {
  return { ...layerForms(rng, o), spec: o.spec, ask: { kind: 'read', quantity: o.quantity }, hint: o.hint };
}

/** A question about a model, in one of its forms, reading one quantity off its count. */
export function modelDraft(
  rng: Rng,
  o: Parameters<typeof modelForms>[1] & { readonly quantity: Quantity; readonly hint: MessageRef; readonly flags?: string },
): Draft {
  return { ...modelForms(rng, o), spec: `${modelSpec(o.model)}${o.flags ? ` ${o.flags}` : ''}`, ask: { kind: 'read', quantity: o.quantity }, hint: o.hint };
}
