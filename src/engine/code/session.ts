/**
 * One reading of a paste: the evaluator, the built-ins, and the PyTorch and Keras libraries,
 * joined as the evaluator's Host. Also the few things that belong to neither library: deep
 * copies (copy.deepcopy of a model), names used without an import, and data loops left unrun.
 */
import { makeBuiltins, namespace, type Builtins } from './builtins.js';
import { raise } from './errors.js';
import { Interpreter, type Host } from './interpreter.js';
import { Keras } from './keras/library.js';
import { prelude, PRELUDE_CLASSES } from './prelude.js';
import { Scope } from './environment.js';
import { is, type ClassV, type InstanceV, type OpaqueV, type TensorV, type Value, NO_ATTRS, attrsOf } from './values.js';
import { buffersOf, childrenOf, getModuleAttr, setModuleAttr, delModuleAttr } from './torch/module.js';
import { Torch } from './torch/library.js';
import { LEAVES } from './torch/leaves.js';
import { KERAS_LAYERS } from './keras/layers.js';
import { msg, type MessageRef } from '../../i18n/messages.js';

export class Session implements Host {
  readonly rt: Interpreter;
  readonly builtins: Builtins;
  readonly torch: Torch;
  private kerasLibrary: Keras | undefined;
  readonly notes: Array<{ readonly ref: MessageRef; readonly line: number }> = [];
  private preludeScope: Scope | null = null;
  /** How many modules and Keras layers there were when the script's main block started; undefined before. */
  private mainFrom: { readonly torch: number; readonly keras: number } | undefined;

  constructor(lines: readonly string[]) {
    const names = new Map<string, Value>();
    this.rt = new Interpreter(lines, names, this);
    this.builtins = makeBuiltins(
      this.rt,
      (v) => this.deepcopy(v),
      (v, cls) => this.isInstance(v, cls),
    );
    for (const [k, v] of this.builtins.names) names.set(k, v);
    this.torch = new Torch(this.rt, this.builtins.object);
    this.torch.preludeClass = (name) => this.preludeClass(name);
  }

  /** Keras, made when a paste first uses it (most pastes are PyTorch). */
  get keras(): Keras {
    if (this.kerasLibrary === undefined) {
      const keras = new Keras(this.rt, this.builtins.object);
      this.kerasLibrary = keras;
      this.rt.arrays.push({
        binary: (_rt, op, a, b) => keras.binary(op, a, b),
        compare: (_rt, a, b) => (is(a, 'ktensor') || is(b, 'ktensor') ? keras.binary('-', a, b) : undefined),
      });
    }
    return this.kerasLibrary;
  }

  /** Every remark with its line: the session's, PyTorch's and (if it was used) Keras's. */
  get allNotes(): ReadonlyArray<{ readonly ref: MessageRef; readonly line: number }> {
    const skipped = [...this.rt.skipped].map(([name, line]) => ({ ref: msg('note.skippedUnknown', { name }), line }));
    return [...this.torch.allNotes(), ...(this.kerasLibrary?.notes ?? []), ...this.notes, ...skipped];
  }

  // ── imports ──
  importModule(name: string): Value | undefined {
    const std = this.builtins.modules.get(name);
    if (std) return std;
    if (name === 'torch' || name.startsWith('torch.') || name.startsWith('torchvision') || name === 'torchinfo' || name === 'torchsummary' || name === 'einops.layers.torch') {
      return this.torch.namespace(name);
    }
    if (name === 'keras' || name.startsWith('keras.')) return this.keras.namespace(name);
    // Keras 3's preview package, the same API under another name
    if (name === 'keras_core' || name.startsWith('keras_core.')) return this.keras.namespace(`keras${name.slice('keras_core'.length)}`);
    if (name === 'tensorflow' || name === 'tf') return this.keras.namespace('tensorflow');
    if (name.startsWith('tensorflow.')) return this.keras.namespace(name);
    if (name === 'tensorflow.keras') return this.keras.namespace('keras');
    if (name === 'einops' || name === 'einops.layers')
      return namespace(name, {}, (attr) =>
        attr === 'layers'
          ? namespace('einops.layers', {}, (a) => (a === 'torch' ? this.torch.namespace('einops.layers.torch') : undefined))
          : attr === 'rearrange' || attr === 'repeat' || attr === 'reduce'
            ? this.torch.einopsFunction(attr)
            : this.rt.opaque(`einops.${attr}`),
      );
    return undefined;
  }

  /** Names pasted without their import: the usual aliases, and layer classes of one framework. */
  bare(name: string): Value | undefined {
    switch (name) {
      case 'torch':
        return this.torch.namespace('torch');
      case 'nn':
        return this.torch.namespace('torch.nn');
      case 'F':
        return this.torch.namespace('torch.nn.functional');
      case 'init':
        return this.torch.namespace('torch.nn.init');
      case 'keras':
        return this.keras.namespace('keras');
      case 'layers':
        return this.keras.namespace('keras.layers');
      case 'tf':
        return this.keras.namespace('tensorflow');
      case 'Sequential':
      case 'Model':
        if (this.torch.used && !this.keras.used) return undefined;
        return this.keras.namespace('keras')!.get(name);
    }
    const torch = LEAVES.has(name) || PRELUDE_CLASSES.includes(name as (typeof PRELUDE_CLASSES)[number]) || ['Module', 'ModuleList', 'ModuleDict', 'Parameter'].includes(name);
    const keras = KERAS_LAYERS.has(name) || ['Input', 'Bidirectional', 'TimeDistributed', 'Lambda'].includes(name);
    if (torch && keras) {
      if (this.torch.used && !this.keras.used) return this.torch.namespace('torch.nn')!.get(name);
      if (this.keras.used && !this.torch.used) return this.keras.namespace('keras.layers')!.get(name);
      return raise('NameError', 'code.undefinedBare', { name, imports: `\`from torch.nn import ${name}\` or \`from keras.layers import ${name}\`` });
    }
    if (torch) return this.torch.namespace('torch.nn')!.get(name);
    if (keras) return this.keras.namespace('keras.layers')!.get(name);
    return undefined;
  }

  private preludeClass(name: string): ClassV | undefined {
    if (!PRELUDE_CLASSES.includes(name as (typeof PRELUDE_CLASSES)[number])) return undefined;
    if (this.preludeScope === null) {
      const scope = new Scope('module', null);
      this.preludeScope = scope;
      const line = this.rt.line;
      this.rt.execBlock(prelude().body, scope);
      this.rt.line = line;
    }
    return this.preludeScope.vars.get(name) as ClassV;
  }

  // ── attributes of library values ──
  getattr(_rt: Interpreter, obj: Value, name: string): Value | undefined {
    if (is(obj, 'tensor')) return this.torch.tensorAttr(obj, name);
    if (is(obj, 'ktensor')) return this.keras.tensorAttr(obj, name);
    if (is(obj, 'instance') && obj.keras) {
      const k = this.keras.getAttr(obj, name);
      if (k !== undefined && !obj.dict.has(name)) return k;
    }
    return undefined;
  }

  setattr(_rt: Interpreter, obj: Value, name: string, value: Value): boolean {
    if (!is(obj, 'tensor')) return false;
    // requires_grad is kept; other attributes of a tensor (.data = ..., .grad = ...) change no shape
    this.torch.setTensorAttr(obj, name, value);
    return true;
  }

  getitem(_rt: Interpreter, obj: Value, key: Value): Value | undefined {
    if (is(obj, 'tensor')) return this.torch.tensors.index(obj, key);
    if (is(obj, 'ktensor')) return this.rt.opaque('KerasTensor[…]');
    return undefined;
  }

  setitem(_rt: Interpreter, obj: Value, _key: Value, _value: Value): boolean {
    // writing into a tensor (pe[:, 0::2] = ...) changes data, never a shape
    return is(obj, 'tensor');
  }

  initInstance(rt: Interpreter, inst: InstanceV): void {
    for (const c of inst.cls.mro) {
      if (c.native === 'torch.Module') return this.torch.initModule(rt, inst);
      if (c.native === 'keras.Layer') return this.keras.initLayer(inst);
    }
  }

  setInstanceAttr(rt: Interpreter, inst: InstanceV, name: string, value: Value): boolean {
    if (inst.module) return setModuleAttr(rt, this.torch, inst, name, value);
    if (inst.keras) return this.keras.setAttr(inst, name, value);
    return false;
  }

  getInstanceAttr(_rt: Interpreter, inst: InstanceV, name: string): Value | undefined {
    if (inst.module) return getModuleAttr(this.torch, inst, name);
    if (inst.keras) return this.keras.getAttr(inst, name);
    return undefined;
  }

  delInstanceAttr(_rt: Interpreter, inst: InstanceV, name: string): boolean {
    return inst.module ? delModuleAttr(inst, name) : false;
  }

  noteSkippedLoop(origin: string, line: number): void {
    this.notes.push({ ref: msg('note.dataLoop', { origin, line: String(line) }), line });
  }

  enterMain(): void {
    this.mainFrom = { torch: this.torch.instances.length, keras: this.kerasLibrary?.instances.length ?? 0 };
  }

  /**
   * What the main block built, a model kept in a local of `main()` included: the script's, even
   * where no module-level name holds it.
   */
  /**
   * The last model each name held while the script's main block ran, in any scope: a local of
   * main() (`model = WideMLP()` after `model = LeNet()`) is the one the script goes on with, and
   * model=NAME can name it.
   */
  readonly models = new Map<string, InstanceV | OpaqueV>();

  /** `model` replaced by what an unknown call made of it (`quantize_dynamic(model)`) is kept too: the model is then not known. */
  named(name: string, model: InstanceV | OpaqueV): void {
    if (this.mainFrom === undefined || (is(model, 'opaque') && !this.models.has(name))) return;
    this.models.delete(name);
    this.models.set(name, model);
  }

  builtInMain(): readonly InstanceV[] {
    if (this.mainFrom === undefined) return [];
    return [...this.torch.instances.slice(this.mainFrom.torch), ...(this.kerasLibrary?.instances.slice(this.mainFrom.keras) ?? [])];
  }

  /** The first library the script runs a pasted function or class through, if any. */
  runner: { readonly runner: string; readonly entry: string; readonly line: number } | undefined;

  runThrough(runner: string, entry: string, line: number): void {
    this.runner ??= { runner, entry, line };
  }

  noteCommandLine(names: readonly string[], line: number): void {
    this.notes.push({ ref: msg('note.commandLine', { line: String(line), names: names.map((n) => `\`${n}\``).join(', ') }), line });
  }

  private isInstance(v: Value, cls: ClassV): boolean | undefined {
    const c = this.torch.classes;
    if (cls === c.Tensor) return is(v, 'tensor');
    if (cls === c.Parameter) return is(v, 'tensor') && v.param !== undefined;
    if (is(v, 'tensor') || is(v, 'ktensor')) return false;
    return undefined;
  }

  // ── copy.deepcopy ──
  deepcopy(v: Value, memo = new Map<object, Value>()): Value {
    if (typeof v !== 'object' || v === null) return v;
    const seen = memo.get(v);
    if (seen !== undefined) return seen;
    this.rt.tick();
    switch (v.t) {
      case 'list': {
        const out: Value = { t: 'list', items: [] };
        memo.set(v, out);
        this.rt.charge(v.items.length);
        out.items = v.items.map((x) => this.deepcopy(x, memo));
        return out;
      }
      case 'tuple': {
        // memoized like the rest, as Python's deepcopy is: a tuple shared a hundred times is copied once
        this.rt.charge(v.items.length);
        const out: Value = { t: 'tuple', items: v.items.map((x) => this.deepcopy(x, memo)) };
        memo.set(v, out);
        return out;
      }
      case 'dict': {
        const out: Value = { t: 'dict', map: new Map() };
        memo.set(v, out);
        this.rt.charge(v.map.size);
        for (const [k, e] of v.map) out.map.set(k, { key: e.key, value: this.deepcopy(e.value, memo) });
        return out;
      }
      case 'tensor': {
        const t: TensorV = v.param ? this.torch.parameter(v, v.param.requiresGrad) : { t: 'tensor', shape: v.shape, dtype: v.dtype };
        memo.set(v, t);
        return t;
      }
      case 'instance':
        return this.copyInstance(v, memo);
      default:
        return v;
    }
  }

  private copyInstance(v: InstanceV, memo: Map<object, Value>): Value {
    const out: InstanceV = { t: 'instance', cls: v.cls, dict: NO_ATTRS };
    memo.set(v, out);
    if (v.module) {
      this.torch.initModule(this.rt, out);
      const s = out.module!;
      s.initialized = v.module.initialized;
      s.training = v.module.training;
      if (v.module.leaf) s.leaf = v.module.leaf;
      for (const [k, m] of v.module.modules) childrenOf(s).set(k, m === null ? null : (this.deepcopy(m, memo) as InstanceV));
      for (const [k, p] of v.module.params) s.params.set(k, p === null ? null : (this.deepcopy(p, memo) as TensorV));
      for (const [k, b] of v.module.buffers) buffersOf(s).set(k, b === null ? null : (this.deepcopy(b, memo) as TensorV));
    } else if (v.keras) {
      this.keras.initLayer(out);
      Object.assign(out.keras!, { ...v.keras, serial: out.keras!.serial, weights: [...v.keras.weights], tracked: [...v.keras.tracked] });
    }
    for (const [k, x] of v.dict) attrsOf(out).set(k, this.deepcopy(x, memo));
    if (v.message !== undefined) out.message = v.message;
    return out;
  }
}
