/**
 * The forms a question takes: the layer in words (two wordings) followed by the question (several
 * wordings), or the layer as Keras or PyTorch code a student must read. The form drawn is part of
 * the question's identity, so the same numbers asked another way are another question.
 *
 * A layer question is made from one record, its piece and its input: the spec the engine counts
 * (with `in=` and the framework), the words and both codes are all rendered from it here, so no
 * form can leave out a number the answer depends on (the input size of a pooling layer asked in
 * PyTorch code was once missing) or count what it does not say.
 */
import type { Framework } from '../engine/types.js';
import { msg, type MessageRef } from '../i18n/messages.js';
import { code, frameworkOf, inOption, kerasLayer, kerasModel, modelSpec, pyTuple, torchLayer, torchModel, type Model, type Piece } from './describe.js';
import { codeLabels, type Labels } from './labels.js';
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

/** Wordings of a layer's own words (`Piece.words`). */
const DESCRIPTIONS = 2;

export const asking = (key: AskKey, v: number, of: Subject): MessageRef => msg(key, { v: String(v), of });

export interface Prompted {
  readonly prompt: readonly MessageRef[];
  readonly variant: string;
  /** How the form shows each layer of a model, for feedback to name them by. */
  readonly labels?: Labels;
  /** The conventions the form is read under: PyTorch code is counted as PyTorch counts it (and its rows named so). */
  readonly framework: Framework;
}

/** Which of a layer's forms a template allows: words, and the code of each framework the layer has. */
export interface FormChoice {
  readonly code?: 'both' | 'keras' | 'pytorch' | 'none';
  readonly words?: boolean;
}

const frameworkFlag = (framework: Framework) => (framework === 'pytorch' ? ' --framework pytorch' : '');

/** The spec a layer asked alone is counted by: its own, its input, the framework of the form shown. */
export function layerSpec(piece: Piece, input: readonly number[], framework: Framework = piece.framework ?? 'keras'): string {
  return `${piece.spec}${inOption(piece, input)}${frameworkFlag(framework)}`;
}

/**
 * One of a layer's forms: each wording of its words with each wording of the question, and the
 * Keras and PyTorch code where the layer has that spelling, its framework is that one, and the
 * template allows code.
 */
export function layerForms(rng: Rng, o: { readonly piece: Piece; readonly input: readonly number[]; readonly ask: AskKey; readonly of?: Subject } & FormChoice): Prompted {
  const { piece, input } = o;
  const of = o.of ?? 'layer';
  const described = piece.framework ?? 'keras';
  const forms: Array<() => Prompted> = [];
  const words = o.words === false ? undefined : piece.words;
  if (words) {
    for (let d = 0; d < DESCRIPTIONS; d++) {
      for (let v = 0; v < WORDINGS[o.ask]; v++) forms.push(() => ({ prompt: [words(d, input), asking(o.ask, v, of)], variant: `prose${d}.${v}`, framework: described }));
    }
  }
  const allowed = o.code ?? 'both';
  const framework = piece.framework;
  if (piece.keras && framework !== 'pytorch' && (allowed === 'both' || allowed === 'keras')) {
    forms.push(() => ({ prompt: [msg('lead.keras'), code(kerasLayer(input, piece)), asking(o.ask, rng.int(0, WORDINGS[o.ask] - 1), of)], variant: 'keras', framework: 'keras' }));
  }
  if (piece.torch && framework !== 'keras' && (allowed === 'both' || allowed === 'pytorch')) {
    forms.push(() => ({ prompt: [msg('lead.torch'), code(torchLayer(input, piece)), asking(o.ask, rng.int(0, WORDINGS[o.ask] - 1), of)], variant: 'torch', framework: 'pytorch' }));
  }
  if (forms.length === 0) throw new Error(`${piece.spec} has no form a question can show`);
  return rng.pick(forms)();
}

export type ModelForm = 'arrows' | 'keras' | 'torch';

/**
 * A model as a chain of Keras layers (with a note that `Conv2D(16, 3)` means 16 filters of 3×3),
 * as Keras code, or as PyTorch code (where every layer has a PyTorch spelling). A model whose
 * pieces count under PyTorch's conventions is shown in PyTorch code only.
 */
export function modelForms(rng: Rng, o: { readonly model: Model; readonly lead: MessageRef; readonly ask: AskKey; readonly forms?: readonly ModelForm[] }): Prompted {
  const v = rng.int(0, WORDINGS[o.ask] - 1);
  const ask = asking(o.ask, v, 'model');
  const torchOnly = frameworkOf(o.model.layers) === 'pytorch';
  const builders: Record<ModelForm, () => Prompted | undefined> = {
    // The note on how to read Conv2D(16, 3) only where there is a convolution to read.
    arrows: () =>
      torchOnly
        ? undefined
        : {
            prompt: [o.lead, code(arrowsOf(o.model)), ...(o.model.layers.some((l) => /^(conv|dwconv|sepconv)\b/.test(l.spec)) ? [msg('lead.kernelNote')] : []), ask],
            variant: `arrows.${v}`,
            framework: 'keras',
            labels: codeLabels(o.model.layers.map((l) => l.keras ?? l.spec)),
          },
    keras: () =>
      torchOnly ? undefined : { prompt: [msg('lead.kerasModel'), code(kerasModel(o.model)), ask], variant: `keras.${v}`, framework: 'keras', labels: codeLabels(o.model.layers.map((l) => l.keras)) },
    torch: () => {
      const text = torchModel(o.model);
      return text === undefined
        ? undefined
        : { prompt: [msg('lead.torchModel'), code(text), ask], variant: `torch.${v}`, framework: 'pytorch', labels: codeLabels(o.model.layers.map((l) => l.torch)) };
    },
  };
  const forms = (o.forms ?? ['arrows', 'keras']).map((f) => builders[f]).filter((b) => b() !== undefined);
  if (forms.length === 0) throw new Error('a model question needs a form it can be shown in');
  return rng.pick(forms)()!;
}

function arrowsOf(m: Model): string {
  return [`Input(shape=${pyTuple(m.input)})`, ...m.layers.map((l) => l.keras ?? l.spec)].join('\n→ ');
}

/** A question about one layer, in one of its forms, reading one quantity off the layer's count. */
export function layerDraft(rng: Rng, o: Parameters<typeof layerForms>[1] & { readonly quantity: Quantity; readonly hint: MessageRef }): Draft {
  const { framework, ...form } = layerForms(rng, o);
  return { ...form, spec: layerSpec(o.piece, o.input, framework), ask: { kind: 'read', quantity: o.quantity }, hint: o.hint };
}

/**
 * Where to look again in a model question, from the layers it has: the Flatten size when a
 * Flatten feeds a Dense, the channels a global pooling keeps, else the chain of shapes. A hint
 * about a layer the model does not have sends a student looking for it.
 */
export function modelHint(kinds: readonly string[]): MessageRef {
  if (kinds.includes('flatten')) return msg('hint.model');
  if (kinds.includes('gap')) return msg('hint.modelGap');
  return msg('hint.modelChain');
}

/** The kinds of a model's layers: each spec's first word. */
export const kindsOf = (m: Model): string[] => m.layers.map((l) => l.spec.split(/\s/)[0]!);

/** The spec of a model, counted under `framework`, else the conventions its pieces name. */
export const modelCountSpec = (m: Model, framework: Framework = frameworkOf(m.layers)): string => `${modelSpec(m)}${frameworkFlag(framework)}`;

/** A question about a model, in one of its forms, reading one quantity off its count. */
export function modelDraft(rng: Rng, o: Parameters<typeof modelForms>[1] & { readonly quantity: Quantity; readonly hint: MessageRef }): Draft {
  const { framework, ...form } = modelForms(rng, o);
  return { ...form, spec: modelCountSpec(o.model, framework), ask: { kind: 'read', quantity: o.quantity }, hint: o.hint };
}
