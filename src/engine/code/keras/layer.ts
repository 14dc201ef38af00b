/** Keras bookkeeping attached to layer instances and symbolic tensors (see keras/library.ts). */
import type { LayerArgs } from '../layer-args.js';
import type { InstanceV, KerasTensorV, TensorV } from '../values.js';
import type { Layer } from '../../layers/kind.js';
import type { LayerRecord, Shape } from '../../types.js';
import type { KerasLayerDef } from './layers.js';

export interface KerasLayerState {
  readonly serial: number;
  readonly line: number;
  name: string;
  readonly className: string;
  trainable: boolean;
  built: boolean;
  /** A library layer (Dense, Conv2D, ...): its arguments, and the engine layer once built. */
  readonly def?: KerasLayerDef;
  readonly args?: LayerArgs;
  layer?: Layer;
  record?: LayerRecord;
  /** The first call's input and output shapes, batch axis (None) first. */
  inputShape?: Shape;
  outputShape?: Shape;
  calls: number;
  /** Weights made by `add_weight` in a pasted layer's build(). */
  readonly weights: Array<{ readonly name: string; readonly tensor: TensorV }>;
  /** Layers assigned as attributes (Keras tracks them, also in lists and dicts), in order. */
  readonly tracked: InstanceV[];
  /** Called on a value the reader does not have (not a Keras tensor): its weights are unknown. */
  opaqueInput?: { readonly origin: string; readonly line: number };
  /** Sequential and functional models. */
  model?: KerasModel;
}

export type KerasModel =
  | { readonly t: 'sequential'; readonly layers: InstanceV[]; inputShape: Shape | null }
  | { readonly t: 'functional'; readonly inputs: readonly KerasTensorV[]; readonly outputs: readonly KerasTensorV[]; readonly layers: readonly InstanceV[] };

export interface KerasTensorState {
  /** The layer call that produced it (null for an Input). */
  readonly layer: InstanceV | null;
  /** What made this tensor: the call's input, and every other tensor the call was given (initial_state=). */
  inputs: readonly KerasTensorV[];
  /** Order of creation, to list a functional model's layers in call order. */
  readonly serial: number;
}
