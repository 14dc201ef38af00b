/** What a published architecture is, and the small vocabulary presets are written in. */
import { parseLayer } from '../layer-text.js';
import type { Node } from '../model.js';
import type { Framework } from '../types.js';

export interface PresetOptions {
  /** Keras include_top: keep the classifier head. */
  readonly top: boolean;
  readonly classes: number;
  /** Input size; undefined for the preset's default (224×224×3). */
  readonly input: readonly number[] | undefined;
}

export interface Preset {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Where each framework publishes this architecture (absent: only the other framework does). */
  readonly sources: Readonly<Partial<Record<Framework, string>>>;
  build(options: PresetOptions, framework: Framework): { input: readonly number[]; nodes: Node[] };
}

export const layer = (text: string): Node => ({ t: 'layer', layer: parseLayer(text) });
export const layers = (...texts: string[]): Node[] => texts.map(layer);
export const block = (name: string, nodes: Node[]): Node => ({ t: 'block', name, nodes });
export const residual = (main: Node[], shortcut: Node[] = []): Node => ({ t: 'residual', main, shortcut });

export const DEFAULT_INPUT: readonly number[] = [224, 224, 3];

/** `in=HxW` or `in=HxWxC`, defaulting to 224×224×3. */
export function inputOf(o: PresetOptions): readonly number[] {
  if (o.input === undefined) return DEFAULT_INPUT;
  return o.input.length === 2 ? [...o.input, 3] : o.input;
}

/** The framework a preset is counted in when the user did not say. */
export function nativeFramework(p: Preset): Framework {
  return p.sources.keras !== undefined ? 'keras' : 'pytorch';
}
