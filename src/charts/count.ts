/** The picture of a /count answer: where a model's parameters are, or one layer's count drawn. */
import type { CountResult } from '../engine/count.js';
import { displayName } from '../engine/presets/accuracy.js';
import type { Lang } from '../i18n/messages.js';
import type { Drawing } from './draw.js';
import { isDrawn, layerDrawing } from './layer.js';
import { parametersDrawing } from './parameters.js';

/** The name people write a preset with (VGG16, MobileNetV2), a pasted model's class (Net), or undefined for a typed model. */
export function modelName(result: CountResult): string | undefined {
  const preset = result.preset;
  if (preset) return displayName([preset.name, ...preset.aliases]) ?? preset.name;
  return result.code?.model;
}

/** The bar chart of a model's parameters; undefined for a single layer. */
export function modelDrawing(result: CountResult, lang: Lang): Drawing | undefined {
  if (result.single) return undefined;
  return parametersDrawing({ report: result.report, model: modelName(result), framework: result.framework, lang, scale: result.request.log ? 'log' : 'linear', byLayer: result.request.layers });
}

/** A single layer drawn, for the kinds there is a picture of; undefined otherwise. */
export function singleLayerDrawing(result: CountResult, lang: Lang): Drawing | undefined {
  const record = result.single ? result.report.rows[0]?.record : undefined;
  return record && isDrawn(record) ? layerDrawing({ record, framework: result.framework, lang }) : undefined;
}

/** Whatever picture a count has: a model's chart, or a drawable layer. */
export const countDrawing = (result: CountResult, lang: Lang): Drawing | undefined => (result.single ? singleLayerDrawing(result, lang) : modelDrawing(result, lang));
