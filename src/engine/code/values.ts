/**
 * Python values as the reader holds them. Scalars are JavaScript primitives (int is a bigint, so
 * sizes are exact; float a number; None null); everything else is a tagged object. Library objects
 * (modules, Keras layers, tensors) live in the same union so the evaluator treats them uniformly.
 */
import type { FunctionDef } from './ast.js';
import type { Scope } from './environment.js';
import type { ModuleState } from './torch/module.js';
import type { KerasLayerState, KerasTensorState } from './keras/layer.js';
import type { Dim } from '../types.js';

export type Value = bigint | number | boolean | string | null | Obj;

export type Obj =
  | ListV
  | TupleV
  | DictV
  | SetV
  | RangeV
  | SliceV
  | EllipsisV
  | IteratorV
  | FunctionV
  | BuiltinV
  | MethodV
  | WrappedV
  | ClassV
  | InstanceV
  | SuperV
  | NamespaceV
  | TensorV
  | KerasTensorV
  | OpaqueV;

export interface ListV {
  readonly t: 'list';
  items: Value[];
}
export interface TupleV {
  readonly t: 'tuple';
  readonly items: readonly Value[];
}
export interface DictEntry {
  readonly key: Value;
  value: Value;
}
export interface DictV {
  readonly t: 'dict';
  readonly map: Map<string, DictEntry>;
  /** An object's attributes this dict is the `__dict__` of: string keys written here go there too. */
  readonly mirror?: Map<string, Value>;
}
export interface SetV {
  readonly t: 'set';
  readonly map: Map<string, Value>;
}
export interface RangeV {
  readonly t: 'range';
  readonly start: bigint;
  readonly stop: bigint;
  readonly step: bigint;
}
export interface SliceV {
  readonly t: 'slice';
  readonly start: Value;
  readonly stop: Value;
  readonly step: Value;
}
export interface EllipsisV {
  readonly t: 'ellipsis';
}
export interface IteratorV {
  readonly t: 'iterator';
  readonly items: readonly Value[];
  i: number;
}

/** Arguments after the call site has spread `*args` and `**kwargs`; read-only, so calls without keywords can share one empty map. */
export type Kwargs = ReadonlyMap<string, Value>;

/** The keywords of a call that passes none (most calls: one map fewer each). */
export const NO_KWARGS: Kwargs = new Map();

/**
 * What an instance starts with as its attributes: one empty map shared by all, as a library layer
 * keeps its state elsewhere (its module) and never writes one; a map each made a thousand pasted
 * nn.Linear 0.2 MB heavier. attrsOf replaces it on the first write.
 */
export const NO_ATTRS: ReadonlyMap<string, Value> = new Map<string, Value>();

/** An instance's attributes, to change. */
export function attrsOf(inst: InstanceV): Map<string, Value> {
  if (inst.dict === NO_ATTRS) inst.dict = new Map();
  return inst.dict as Map<string, Value>;
}

/** Removes an attribute if the instance has it (no map is made to remove nothing). */
export function dropAttr(inst: InstanceV, name: string): boolean {
  return inst.dict.has(name) && attrsOf(inst).delete(name);
}

export interface FunctionV {
  readonly t: 'function';
  readonly def: FunctionDef;
  readonly closure: Scope;
  /** Defaults, evaluated once when the `def` ran (as Python does). */
  readonly defaults: ReadonlyMap<string, Value>;
  /** The class whose body defined it: zero-argument `super()` needs it. */
  owner: ClassV | null;
  readonly name: string;
}

export interface BuiltinV {
  readonly t: 'builtin';
  readonly name: string;
  readonly call: (args: Value[], kwargs: Kwargs) => Value;
}

export interface MethodV {
  readonly t: 'method';
  readonly self: Value;
  readonly fn: FunctionV | BuiltinV;
}

/** staticmethod / classmethod / property around a function in a class body. */
export interface WrappedV {
  readonly t: 'wrapped';
  readonly how: 'staticmethod' | 'classmethod' | 'property';
  readonly fn: Value;
}

export interface ClassV {
  readonly t: 'class';
  readonly name: string;
  readonly bases: readonly ClassV[];
  mro: readonly ClassV[];
  readonly dict: Map<string, Value>;
  /** For the library's classes: which framework object their instances are. */
  readonly native?: NativeKind;
  /** Where a pasted class was defined (for messages); 0 for the library's own. */
  readonly line: number;
}

/** What a library base class makes its instances: the reader's bookkeeping attached to them. */
export type NativeKind = 'object' | 'exception' | 'torch.Module' | 'keras.Layer';

export interface InstanceV {
  readonly t: 'instance';
  readonly cls: ClassV;
  /** Read here; changed through attrsOf, which gives the instance a map of its own on the first write. */
  dict: ReadonlyMap<string, Value>;
  /** PyTorch bookkeeping (parameters, buffers, submodules) when the class is an nn.Module. */
  module?: ModuleState;
  /** Keras bookkeeping when the class is a keras Layer (or Model). */
  keras?: KerasLayerState;
  /** Exceptions: the message. */
  message?: string;
}

export interface SuperV {
  readonly t: 'super';
  /** Look up attributes in the MRO of type(self) after this class. */
  readonly after: ClassV;
  readonly self: Value;
}

/** A library namespace (`torch`, `torch.nn`, `keras.layers`) or a module the reader does not run. */
export interface NamespaceV {
  readonly t: 'namespace';
  readonly name: string;
  readonly get: (name: string) => Value | undefined;
}

/** A PyTorch tensor, by shape only (no data): enough for parameters and forward's shapes. */
export interface TensorV {
  readonly t: 'tensor';
  /** Axes in PyTorch order, the batch included; null when the shape is not known. */
  readonly shape: readonly Dim[] | null;
  /** Set for an nn.Parameter: its identity is what `parameters()` deduplicates on. */
  readonly param?: ParamState;
  /** Integer (token ids, indices) or floating data: `nn.Embedding` wants the former. */
  readonly dtype: 'float' | 'int' | 'bool';
}

export interface ParamState {
  requiresGrad: boolean;
  /** Whether forward touched it (directly or through its module). */
  used: boolean;
  /**
   * The pass (newPass) that last counted it, and the index of the module that held it first in
   * that pass: what counting deduplicates on, marked on the parameter itself. A map from each
   * parameter to its module grew a 2,000-entry table for a thousand pasted nn.Linear, 0.17 MB
   * per report.
   */
  countedIn: number;
  countedAt: number;
}

/** A new parameter's state. */
export function paramState(requiresGrad: boolean): ParamState {
  return { requiresGrad, used: false, countedIn: 0, countedAt: 0 };
}

let passes = 0;

/**
 * A number no earlier walk over the values has had: a walk (counting, named_modules) marks what it
 * reaches with it rather than keeping a set of them, as a set keyed by objects draws each an
 * identity hash (a call into the runtime) and grows its table. Walks are synchronous and run no
 * pasted code, so none is interleaved with another.
 */
export function newPass(): number {
  return ++passes;
}

/** A symbolic Keras tensor: a shape with the batch axis (None) first, and where it came from. */
export interface KerasTensorV {
  readonly t: 'ktensor';
  readonly shape: readonly Dim[];
  readonly state: KerasTensorState;
}

/**
 * A value the reader does not compute: loaded data, an unknown library's result, a forward that
 * could not be followed. It flows through attribute access, calls and arithmetic; anything that
 * needs its value (a layer size, an `if`) refuses, naming where it came from.
 */
export interface OpaqueV {
  readonly t: 'opaque';
  readonly origin: string;
  readonly line: number;
  /**
   * Computed by a value-only library (torch.polar, keras.ops.*) from values alone, no layer given
   * to it: a number or an array the reader lacks, never a layer, so a model may hold it.
   */
  readonly plain?: true;
}

export const ELLIPSIS: EllipsisV = { t: 'ellipsis' };

export const list = (items: Value[]): ListV => ({ t: 'list', items });
export const tuple = (items: readonly Value[]): TupleV => ({ t: 'tuple', items });
export const isObj = (v: Value): v is Obj => typeof v === 'object' && v !== null;
export const is = <T extends Obj['t']>(v: Value, t: T): v is Extract<Obj, { t: T }> => typeof v === 'object' && v !== null && v.t === t;

export function builtin(name: string, call: BuiltinV['call']): BuiltinV {
  return { t: 'builtin', name, call };
}

/** A class of PyTorch modules or Keras layers: built-in (nn.Linear, layers.Dense) or pasted (class Net(nn.Module)). */
export const isLayerClass = (v: Value): v is ClassV => is(v, 'class') && v.mro.some((c) => c.native === 'torch.Module' || c.native === 'keras.Layer');
