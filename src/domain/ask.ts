/**
 * What a teacher's question asks of its model, and how that is written: in `/quiz ask:`, in a
 * question set's rows, in the store. The answer is never written down: the engine counts it when
 * the question is asked.
 */
export const WHOLE_ASKS = ['total', 'trainable', 'largest', 'any'] as const;
export const LAYER_ASKS = ['params', 'height', 'size'] as const;

export type WholeAsk = (typeof WHOLE_ASKS)[number];
export type LayerAsk = (typeof LAYER_ASKS)[number];

/**
 * The model's total or trainable parameters, which layer holds the most, or one layer's
 * parameters, output height or output size (1-based, as the summary lists the layers); `any`
 * lets the question draw one of these when it is asked.
 */
export type TeacherAsk = { [K in WholeAsk]: { readonly kind: K } }[WholeAsk] | { [K in LayerAsk]: { readonly kind: K; readonly layer: number } }[LayerAsk];

/** A question's ask once `any` has been drawn. */
export type ResolvedAsk = Exclude<TeacherAsk, { kind: 'any' }>;

/** Layers a teacher's question may name: as many as a model question may have. */
export const MAX_QUESTION_LAYERS = 500;

/** `total`, `params:3`, `size:2`; the form every place writes an ask in. */
export const encodeAsk = (ask: TeacherAsk): string => ('layer' in ask ? `${ask.kind}:${ask.layer}` : ask.kind);

/** Reads `total`, `params:3`, `params 3`, `layer:3` (params); undefined when it is none of them. */
export function parseAsk(text: string): TeacherAsk | undefined {
  const [word = '', number, ...rest] = text
    .trim()
    .toLowerCase()
    .split(/[\s:=]+/);
  if (rest.length > 0) return undefined;
  if ((WHOLE_ASKS as readonly string[]).includes(word)) return number === undefined ? ({ kind: word } as TeacherAsk) : undefined;
  const kind = word === 'layer' ? 'params' : word;
  if (!(LAYER_ASKS as readonly string[]).includes(kind) || number === undefined || !/^\d{1,4}$/.test(number)) return undefined;
  const layer = Number(number);
  return layer >= 1 && layer <= MAX_QUESTION_LAYERS ? ({ kind, layer } as TeacherAsk) : undefined;
}
