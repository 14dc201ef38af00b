/** The registry of layer kinds: every kind the /count language knows, by name and alias. */
import { activationKinds } from './activation.js';
import { mha } from './attention.js';
import { channelKinds } from './channels.js';
import { convKinds } from './conv.js';
import { bilinear, dense, embedding, embeddingbag } from './dense.js';
import type { Kind } from './kind.js';
import { embeddingKinds } from './embedding.js';
import { bn, gn, instancenorm, ln, rmsnorm } from './norm.js';
import { preprocessingKinds } from './preprocessing.js';
import { recurrentKinds } from './recurrent.js';
import { shapeKinds } from './shape.js';
import { inputKinds } from './inputs.js';
import { permute } from './permute.js';
import { tokenKinds } from './tokens.js';
import { mla } from './latent.js';
import { moe } from './moe.js';
import { transformerKinds } from './transformer.js';
import { visionKinds } from './vision.js';

export const KINDS: readonly Kind[] = [
  ...convKinds,
  dense,
  bilinear,
  embedding,
  embeddingbag,
  bn,
  ln,
  rmsnorm,
  gn,
  instancenorm,
  ...preprocessingKinds,
  ...recurrentKinds,
  mha,
  ...transformerKinds,
  ...tokenKinds,
  moe,
  mla,
  ...inputKinds,
  ...visionKinds,
  ...embeddingKinds,
  ...activationKinds,
  ...shapeKinds,
  permute,
  ...channelKinds,
];

const byWord = new Map<string, Kind>();
for (const kind of KINDS) {
  for (const word of [kind.name, ...kind.aliases]) {
    if (byWord.has(word)) throw new Error(`two layer kinds claim the word ${word}`);
    byWord.set(word, kind);
  }
}

export function findKind(word: string): Kind | undefined {
  return byWord.get(word.toLowerCase());
}

/** Every word that names a kind, for suggestions and autocomplete. */
export const KIND_WORDS: readonly string[] = [...byWord.keys()];

export type { InputRecord, Kind, Layer, LayerOutcome } from './kind.js';
