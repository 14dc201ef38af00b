/**
 * One reading's Keras (keras 3 and tf.keras): layers that build when first called on a symbolic
 * tensor, Sequential (list or .add), the functional API (keras.Input, layers called on tensors,
 * merge layers, keras.Model(inputs, outputs)) and subclassed keras.Model / keras.layers.Layer with
 * layers made in __init__ and weights from add_weight. A Keras layer has no weights until it knows
 * its input, so a Keras count needs shapes: an unbuilt model is refused, asking for one.
 */
import { cachedNamespaces, def, namespace, nativeClass, opaqueNamespace } from '../builtins.js';
import { raise, refuse, overLimit } from '../errors.js';
import { bindTo, classAttr, type Interpreter } from '../interpreter.js';
import { LayerArgs } from '../layer-args.js';
import { LIMITS } from '../limits.js';
import { iterate, needValue, toIndex, truthy, typeName } from '../python.js';
import { bind, signature } from '../signature.js';
import type { BinOp } from '../ast.js';
import { builtin, is, list, paramState, tuple, attrsOf } from '../values.js';
import type { ClassV, InstanceV, Kwargs, KerasTensorV, NamespaceV, TensorV, Value } from '../values.js';
import { applicationInner, applicationsNamespace } from './applications.js';
import { BASE_KWARGS, KERAS_LAYERS, mhaOptions, type KerasLayerDef } from './layers.js';
import type { KerasLayerState, KerasModel } from './layer.js';
import { engineLayer } from '../layer-args.js';
import { snakeCase } from '../../model.js';
import type { Dim, Shape } from '../../types.js';
import { msg, type MessageRef } from '../../../i18n/messages.js';

export class Keras {
  private layersCreated = 0;
  private tensorSerial = 0;
  private readonly uids = new Map<string, number>();
  used = false;
  readonly instances: InstanceV[] = [];
  /** Remarks on the paste, with their lines (shown under the table). */
  readonly notes: Array<{ readonly ref: MessageRef; readonly line: number }> = [];
  readonly classes: { readonly Layer: ClassV; readonly Model: ClassV; readonly Sequential: ClassV; readonly InputLayer: ClassV };
  private readonly layerClasses = new Map<string, ClassV>();

  constructor(
    private readonly rt: Interpreter,
    object: ClassV,
  ) {
    const self = (args: readonly Value[]): InstanceV => {
      const s = args[0] ?? null;
      if (!is(s, 'instance') || !s.keras) return raise('TypeError', 'py.selfType', { type: typeName(s), cls: 'Layer' });
      return s;
    };
    const Layer = nativeClass(
      'Layer',
      [object],
      {
        __init__: builtin('__init__', (args, kwargs) => {
          const inst = self(args);
          this.configure(inst, kwargs, true);
          return null;
        }),
        __call__: builtin('__call__', (args, kwargs) => this.call(self(args), args.slice(1), kwargs)),
        build: builtin('build', (args) => {
          self(args).keras!.built = true;
          return null;
        }),
        call: builtin('call', (args) => args[1] ?? null),
        add_weight: builtin('add_weight', (args, kwargs) => this.addWeight(self(args), args.slice(1), kwargs)),
        count_params: builtin('count_params', (args) => this.countParams(self(args))),
        // model.get_layer("embedding") / get_layer(index=0): a layer of the model, by name or position
        get_layer: builtin('get_layer', (args, kwargs) => {
          const b = bind(signature('get_layer', 'name=None, index=None'), args.slice(1), kwargs).values;
          const layers = this.layersOf(self(args)).slice(1);
          const name = b.get('name')!;
          const found = name !== null ? layers.find((l) => l.keras!.name === name) : layers[Number(toIndex(b.get('index')!, 'index'))];
          return found ?? raise('ValueError', 'keras.noLayer', { name: name === null ? String(b.get('index')) : String(name) });
        }),
        summary: builtin('summary', (args) => {
          this.ensureBuilt(self(args));
          return null;
        }),
        get_config: builtin('get_config', () => rt.opaque('get_config()')),
        // the values of the weights: data the reader never has, and copying them changes no count
        get_weights: builtin('get_weights', () => rt.opaque('get_weights()')),
        set_weights: builtin('set_weights', () => null),
        // a preprocessing layer's statistics learned from data (Normalization, TextVectorization):
        // their values, never their shapes, which the layer's input decides when it is called
        adapt: builtin('adapt', () => null),
      },
      'keras.Layer',
    );
    const modelMethods: Record<string, Value> = {
      __init__: builtin('__init__', (args, kwargs) => {
        const inst = self(args);
        const inputs = args[1] ?? kwargs.get('inputs');
        const outputs = args[2] ?? kwargs.get('outputs');
        this.configure(inst, without(kwargs, ['inputs', 'outputs']), true);
        if (inputs !== undefined || outputs !== undefined) {
          const model = this.functional(inputs ?? null, outputs ?? null);
          inst.keras!.model = model;
          inst.keras!.built = true;
          inst.keras!.inputShape = model.inputs[0]!.shape;
          inst.keras!.outputShape = model.outputs[0]!.shape;
        }
        return null;
      }),
      build: builtin('build', (args, kwargs) => {
        const inst = self(args);
        const shape = args[1] ?? kwargs.get('input_shape') ?? null;
        // Keras 3 (tf.keras from TF 2.16) only marks a subclassed model built here; tf.keras 2 ran call()
        if (shape !== null && !inst.keras!.built && inst.keras!.model === undefined) this.notes.push({ ref: msg('note.kerasSubclassBuild', { name: inst.cls.name }), line: rt.line });
        if (shape !== null && !inst.keras!.built) this.call(inst, [this.input(shapeFrom(shape, true))], new Map());
        return null;
      }),
    };
    for (const opaque of ['compile', 'fit', 'evaluate', 'predict', 'save', 'save_weights', 'load_weights', 'train_on_batch', 'test_on_batch', 'fit_generator', 'to_json']) {
      modelMethods[opaque] = builtin(opaque, () => rt.opaque(`model.${opaque}(…)`));
    }
    const Model = nativeClass('Model', [Layer], modelMethods, 'keras.Layer');
    const Sequential = nativeClass(
      'Sequential',
      [Model],
      {
        __init__: def('__init__', 'self, layers=None, name=None, trainable=True, **kwargs', (a, rest) => {
          const inst = self([a.get('self')!]);
          this.configure(inst, new Map([...(a.get('name') === null ? [] : [['name', a.get('name')!] as const]), ['trainable', a.get('trainable')!], ...rest.kwargs]), true);
          const model: KerasModel = { t: 'sequential', layers: [], inputShape: null };
          inst.keras!.model = model;
          if (a.get('layers') !== null) for (const l of iterate(rt, a.get('layers')!)) this.add(inst, l);
          return null;
        }),
        add: builtin('add', (args) => {
          this.add(self(args), args[1] ?? null);
          return null;
        }),
        pop: builtin('pop', (args) => {
          const m = self(args).keras!.model;
          return m?.t === 'sequential' ? (m.layers.pop() ?? null) : null;
        }),
      },
      'keras.Layer',
    );
    const InputLayer = nativeClass(
      'InputLayer',
      [Layer],
      {
        __init__: builtin('__init__', (args, kwargs) => {
          const inst = self(args);
          const shape = kwargs.get('input_shape') ?? kwargs.get('shape') ?? null;
          const batch = kwargs.get('batch_input_shape') ?? kwargs.get('batch_shape') ?? null;
          this.configure(inst, without(kwargs, ['input_shape', 'shape', 'batch_input_shape', 'batch_shape', 'batch_size', 'input_tensor', 'sparse', 'ragged', 'type_spec', 'optional']), true);
          const s = batch !== null ? shapeFrom(batch, true) : shape !== null ? shapeFrom(shape, false) : raise('ValueError', 'keras.inputShape');
          inst.keras!.inputShape = s;
          inst.keras!.outputShape = s;
          inst.keras!.built = true;
          return null;
        }),
      },
      'keras.Layer',
    );
    this.classes = { Layer, Model, Sequential, InputLayer };
  }

  // ── bookkeeping ──
  initLayer(inst: InstanceV): void {
    if (++this.layersCreated > LIMITS.modules) overLimit('modules');
    this.rt.tick(4);
    this.used = true;
    inst.keras = { serial: this.layersCreated, line: this.rt.line, name: '', className: inst.cls.name, trainable: true, built: false, calls: 0, weights: [], tracked: [] };
    this.instances.push(inst);
  }

  private uid(base: string): string {
    const n = this.uids.get(base) ?? 0;
    this.uids.set(base, n + 1);
    return n === 0 ? base : `${base}_${n}`;
  }

  /** Keras Layer's own keyword arguments: name, trainable, and the Keras 2 input hints. */
  private configure(inst: InstanceV, kwargs: Kwargs, allowAny: boolean): void {
    const s = inst.keras!;
    for (const [k, v] of kwargs) {
      switch (k) {
        case 'name':
          if (typeof v === 'string') s.name = v;
          break;
        case 'trainable':
          s.trainable = truthy(this.rt, v);
          break;
        case 'input_shape':
          s.inputShape = shapeFrom(v, false);
          break;
        case 'batch_input_shape':
          s.inputShape = shapeFrom(v, true);
          break;
        case 'input_dim':
          if (s.className !== 'Embedding') s.inputShape = [null, Number(toIndex(v, 'input_dim'))];
          break;
        case 'input_length':
          s.inputShape = [null, Number(toIndex(v, 'input_length'))];
          break;
        default:
          if (!allowAny && !BASE_KWARGS.includes(k)) raise('TypeError', 'py.unexpectedKwarg', { fn: s.className, name: k });
      }
    }
    if (s.name === '') s.name = this.uid(snakeCase(s.className));
  }

  // ── layers ──
  layerClass(name: string): ClassV | undefined {
    let cls = this.layerClasses.get(name);
    if (cls) return cls;
    const layerDef = KERAS_LAYERS.get(name);
    if (layerDef) {
      cls = nativeClass(
        name,
        [this.classes.Layer],
        {
          __init__: builtin('__init__', (args, kwargs) => {
            const inst = args[0] as InstanceV;
            const b = bind(layerDef.sig, args.slice(1), kwargs);
            const values = new Map(b.values);
            if (name === 'Embedding' && b.extraKwargs.has('input_length')) values.set('input_length', b.extraKwargs.get('input_length')!);
            (inst.keras as { def?: KerasLayerDef }).def = layerDef;
            (inst.keras as { args?: LayerArgs }).args = new LayerArgs(name, values);
            this.configure(inst, name === 'LeakyReLU' ? without(b.extraKwargs, ['alpha']) : b.extraKwargs, false);
            return null;
          }),
        },
        'keras.Layer',
      );
    } else if (name === 'Bidirectional' || name === 'TimeDistributed') {
      cls = this.wrapperClass(name);
    } else if (name === 'Lambda') {
      cls = nativeClass(
        'Lambda',
        [this.classes.Layer],
        {
          __init__: def('__init__', 'self, function, output_shape=None, mask=None, arguments=None, **kwargs', (a, rest) => {
            const inst = a.get('self') as InstanceV;
            attrsOf(inst).set('function', a.get('function')!);
            attrsOf(inst).set('arguments', a.get('arguments')!);
            this.configure(inst, rest.kwargs, false);
            return null;
          }),
          call: builtin('call', (args) => {
            const inst = args[0] as InstanceV;
            const extra = inst.dict.get('arguments') ?? null;
            return this.rt.call(inst.dict.get('function')!, [args[1] ?? null], is(extra, 'dict') ? new Map([...extra.map.values()].map((e) => [String(e.key), e.value])) : new Map());
          }),
        },
        'keras.Layer',
      );
    } else return undefined;
    this.layerClasses.set(name, cls);
    return cls;
  }

  private wrapperClass(name: 'Bidirectional' | 'TimeDistributed'): ClassV {
    return nativeClass(
      name,
      [this.classes.Layer],
      {
        __init__: def('__init__', name === 'Bidirectional' ? "self, layer, merge_mode='concat', weights=None, backward_layer=None, **kwargs" : 'self, layer, **kwargs', (a, rest) => {
          const inst = a.get('self') as InstanceV;
          const inner = a.get('layer')!;
          // Keras wraps any layer, a model too; the reader wraps the layers it knows, and says so for the rest
          if (is(inner, 'instance') && inner.keras !== undefined && !inner.keras.def) return refuse('keras.wrapperModel', { call: name, type: inner.cls.name });
          if (!is(inner, 'instance') || !inner.keras?.def) return raise('ValueError', 'keras.wrapperLayer', { call: name, type: typeName(inner) });
          if (name === 'Bidirectional' && !inner.keras.def.recurrent) raise('ValueError', 'keras.wrapperLayer', { call: name, type: inner.cls.name });
          attrsOf(inst).set('layer', inner);
          attrsOf(inst).set('merge_mode', a.get('merge_mode') ?? 'concat');
          this.configure(inst, rest.kwargs, false);
          return null;
        }),
      },
      'keras.Layer',
    );
  }

  private add(model: InstanceV, layer: Value): void {
    const m = model.keras!.model;
    if (m?.t !== 'sequential') return raise('TypeError', 'keras.notSequential');
    if (is(layer, 'ktensor')) {
      // keras.Input(...) as the first item of a Sequential
      m.inputShape = layer.shape;
      return;
    }
    if (is(layer, 'opaque')) refuse('torch.opaqueModule', { origin: layer.origin, line: String(layer.line) });
    if (!is(layer, 'instance') || !layer.keras) return raise('TypeError', 'keras.addLayer', { type: typeName(layer) });
    if (layer.cls === this.classes.InputLayer) {
      m.inputShape = layer.keras.outputShape ?? null;
      return;
    }
    // a first layer that knows its input (input_shape=, or a built model used as a layer) starts the model
    if (m.layers.length === 0 && m.inputShape === null) m.inputShape = layer.keras.inputShape ?? modelInput(layer.keras.model) ?? null;
    m.layers.push(layer);
    model.keras!.built = false;
  }

  /** A symbolic tensor a library model's call produces (keras.applications). */
  symbolic(shape: Shape): KerasTensorV {
    return this.tensorOut('application', [], shape);
  }

  /** keras.Input(shape=(28, 28, 1)): a symbolic tensor with the batch axis (None) first. */
  input(shape: Shape): KerasTensorV {
    return { t: 'ktensor', shape, state: { layer: null, inputs: [], serial: this.tensorSerial++ } };
  }

  /**
   * keras.layers.add(inputs, **kwargs) and its kin: the merge layer made with the keywords and
   * called on the inputs at once, as Keras defines them (`Add(**kwargs)(inputs)`).
   */
  private mergeFunction(name: string): Value | undefined {
    const layer = MERGE_FUNCTIONS[name];
    if (layer === undefined) return undefined;
    const own = MERGE_OPTIONS[layer] ?? [];
    const sig = signature(`keras.layers.${name}`, ['inputs', ...own, '**kwargs'].join(', '));
    return builtin(name, (args, kwargs) => {
      const b = bind(sig, args, kwargs);
      const options = new Map(b.extraKwargs);
      for (const o of own) {
        const key = o.split('=')[0]!;
        options.set(key, b.values.get(key)!);
      }
      const made = this.rt.call(this.layerClass(layer)!, [], options);
      return this.rt.call(made, [b.values.get('inputs')!]);
    });
  }

  inputFunction(): Value {
    return def('Input', 'shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None, tensor=None, optional=False, **kwargs', (a, rest) => {
      const batch = a.get('batch_shape') !== null ? a.get('batch_shape')! : (rest.kwargs.get('batch_input_shape') ?? null);
      if (batch !== null) return this.input(shapeFrom(batch, true));
      if (a.get('shape') === null) return raise('ValueError', 'keras.inputShape');
      this.used = true;
      return this.input(shapeFrom(a.get('shape')!, false));
    });
  }

  private tensorOut(layer: InstanceV | string, inputs: readonly KerasTensorV[], shape: Shape): KerasTensorV {
    return { t: 'ktensor', shape, state: { layer: typeof layer === 'string' ? null : layer, inputs, serial: this.tensorSerial++ } };
  }

  /** A layer called on symbolic tensors: built on the first call, then applied. */
  call(inst: InstanceV, args: Value[], kwargs: Kwargs): Value {
    const out = this.callOn(inst, args, kwargs);
    // tensors given besides the input (an LSTM's initial_state=[h, c], a mask) feed the layer too:
    // Keras's graph reaches the layers that made them, so the model counts those layers
    const given = kerasTensors(args[0] ?? kwargs.get('inputs') ?? null) ?? [];
    const others = [...args.slice(1), ...kwargs.values()].flatMap((v) => kerasTensors(v) ?? []).filter((t) => !given.includes(t));
    if (others.length > 0) {
      for (const o of kerasTensors(out) ?? []) {
        if (o.state.layer !== inst) continue;
        this.rt.charge(o.state.inputs.length + others.length);
        o.state.inputs = [...o.state.inputs, ...others.filter((t) => !o.state.inputs.includes(t))];
      }
    }
    return out;
  }

  private callOn(inst: InstanceV, args: Value[], kwargs: Kwargs): Value {
    const s = inst.keras!;
    // layer(x), layer(inputs=x), or a pasted layer called by its own parameter names (layer(source=x, ...))
    const x = args[0] ?? kwargs.get('inputs') ?? [...kwargs.values()].find((v) => kerasTensors(v) !== null) ?? null;
    const inputs = kerasTensors(x);
    if (inputs === null) {
      // a layer's weights come from its first call: one on a value the reader lacks leaves them unknown
      if (is(x, 'opaque')) {
        s.opaqueInput ??= { origin: x.origin, line: x.line };
        // what the layer gives is as unknown as what it was given: the refusal names where that came from
        return { t: 'opaque', origin: x.origin, line: x.line };
      }
      return this.rt.opaque(`${s.name}(…)`);
    }
    s.calls++;
    if (s.model) return this.callModel(inst, s.model, x!, inputs);
    if (s.def) return this.callLibrary(inst, s, s.def, inputs, args, kwargs);
    if (inst.dict.has('layer') && (inst.cls.name === 'Bidirectional' || inst.cls.name === 'TimeDistributed')) return this.callWrapper(inst, s, inputs[0]!);
    // a pasted layer or model: build(input_shape) once, then its call()
    if (!s.built) {
      s.built = true;
      const build = classAttr(inst.cls, 'build');
      const shapeValue = inputs.length === 1 ? shapeValueOf(inputs[0]!.shape) : list(inputs.map((t) => shapeValueOf(t.shape)));
      if (build !== undefined && build !== classAttr(this.classes.Layer, 'build')) this.rt.call(bindTo(build, inst, inst.cls), [shapeValue]);
    }
    const callFn = classAttr(inst.cls, 'call');
    if (callFn === undefined) return raise('NotImplementedError', 'keras.noCall', { cls: inst.cls.name });
    const out = this.rt.call(bindTo(callFn, inst, inst.cls), args, kwargs);
    if (s.inputShape === undefined) s.inputShape = inputs[0]!.shape;
    return this.produced(inst, inputs, out);
  }

  /** A pasted layer's or a nested model's outputs, as produced by it (one node of a functional graph). */
  private produced(inst: InstanceV, inputs: readonly KerasTensorV[], out: Value): Value {
    const s = inst.keras!;
    const outs = kerasTensors(out);
    if (!outs || outs.length === 0) return out;
    s.outputShape ??= outs[0]!.shape;
    const mine = outs.map((o) => this.tensorOut(inst, inputs, o.shape));
    return is(out, 'ktensor') ? mine[0]! : list(mine);
  }

  private callLibrary(inst: InstanceV, s: KerasLayerState, layerDef: KerasLayerDef, inputs: KerasTensorV[], args: Value[], kwargs: Kwargs): Value {
    const a = s.args!;
    if (layerDef.merge) {
      const out = layerDef.merge(
        a,
        inputs.map((t) => t.shape),
      );
      const body = inputs[0]!.shape.slice(1);
      this.built(s, layerDef.build(a, body), body, out, { ...layerDef.build(a, body).evaluate(body, 'keras'), outputShape: out.slice(1) });
      return this.tensorOut(inst, inputs, out);
    }
    if (s.className === 'MultiHeadAttention') return this.callAttention(inst, s, inputs, args, kwargs);
    if (inputs.length !== 1) raise('ValueError', 'keras.oneInput', { call: s.name, got: String(inputs.length) });
    const x = inputs[0]!;
    const body = x.shape.slice(1);
    const layer = s.layer ?? layerDef.build(a, body);
    const record = layer.evaluate(body, 'keras');
    const shape = [null, ...(layerDef.output ? layerDef.output(a, body) : record.outputShape)];
    this.built(s, layer, body, shape, record);
    if (layerDef.recurrent && a.flag('return_state')) {
      const units = a.int('units');
      const states = s.className === 'LSTM' ? 2 : 1;
      return list([this.tensorOut(inst, inputs, shape), ...Array.from({ length: states }, () => this.tensorOut(inst, inputs, [null, units]))]);
    }
    return this.tensorOut(inst, inputs, shape);
  }

  /** layers.MultiHeadAttention(num_heads, key_dim)(query, value, key): key and value sizes from their tensors. */
  private callAttention(inst: InstanceV, s: KerasLayerState, inputs: KerasTensorV[], args: Value[], kwargs: Kwargs): Value {
    const query = inputs[0]!;
    let value = kerasTensors(args[1] ?? kwargs.get('value') ?? null)?.[0];
    if (value === undefined) {
      // Keras requires `value`; the weights are those of self-attention either way, so it is read as layer(x, x) and said
      this.notes.push({ ref: msg('note.mhaOneInput', { call: s.name }), line: this.rt.line });
      value = query;
    }
    const key = kerasTensors(args[2] ?? kwargs.get('key') ?? null)?.[0] ?? value;
    const a = s.args!;
    const d = query.shape[query.shape.length - 1] ?? null;
    const kdim = key.shape[key.shape.length - 1] ?? null;
    const vdim = value.shape[value.shape.length - 1] ?? null;
    if (d === null || kdim === null || vdim === null) return refuse('keras.unknownFeatures', { call: s.name });
    const layer = s.layer ?? engineLayer('mha', [a.size('num_heads'), String(d)], { ...mhaOptions(a), kdim: kdim === d ? undefined : String(kdim), vdim: vdim === d ? undefined : String(vdim) });
    const body = query.shape.slice(1);
    const record = layer.evaluate(body.length === 2 ? body : [null, d], 'keras');
    // the query's shape, its features those of the output projection (output_shape=, else D)
    const shape = [...query.shape.slice(0, -1), record.outputShape[record.outputShape.length - 1] ?? d];
    this.built(s, layer, body, shape, record);
    const out = this.tensorOut(inst, [query, value, key], shape);
    if (truthy(this.rt, kwargs.get('return_attention_scores') ?? false)) return tuple([out, this.tensorOut(inst, [query], [null, a.int('num_heads'), body[0] ?? null, value.shape[1] ?? null])]);
    return out;
  }

  private callWrapper(inst: InstanceV, s: KerasLayerState, x: KerasTensorV): Value {
    const inner = inst.dict.get('layer') as InstanceV;
    const innerState = inner.keras!;
    const a = innerState.args!;
    const body = x.shape.slice(1);
    if (inst.cls.name === 'TimeDistributed') {
      const step = body.slice(1);
      const layer = s.layer ?? innerState.def!.build(a, step);
      const r = layer.evaluate(step, 'keras');
      const steps = body[0] ?? null;
      const record = { ...r, outputShape: [steps, ...r.outputShape], macs: r.macs === null || steps === null ? null : r.macs * BigInt(steps) };
      const shape = [null, steps, ...r.outputShape];
      this.built(s, layer, body, shape, record);
      return this.tensorOut(inst, [x], shape);
    }
    const units = a.int('units');
    const mode = inst.dict.get('merge_mode') ?? 'concat';
    const layer =
      s.layer ??
      engineLayer(innerState.def!.recurrent ? ({ SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' } as Record<string, string>)[inner.cls.name]! : 'lstm', [String(units)], {
        bidirectional: 'true',
        bias: !a.flag('use_bias') && 'false',
        seq: a.flag('return_sequences') && 'true',
        reset_after: inner.cls.name === 'GRU' && !a.flag('reset_after') && 'false',
      });
    const record = layer.evaluate(body, 'keras');
    const out = record.outputShape;
    const width = mode === 'concat' ? out[out.length - 1]! : units;
    const shape = [null, ...out.slice(0, -1), width];
    this.built(s, layer, body, shape, { ...record, outputShape: shape.slice(1) });
    return this.tensorOut(inst, [x], shape);
  }

  private built(s: KerasLayerState, layer: NonNullable<KerasLayerState['layer']>, input: Shape, output: Shape, record = layer.evaluate(input, 'keras')): void {
    if (s.record) {
      const before = s.record.tensors.map((t) => t.shape.join('x')).join(',');
      const now = record.tensors.map((t) => t.shape.join('x')).join(',');
      if (before !== now) raise('ValueError', 'keras.incompatible', { name: s.name, before: show(s.inputShape ?? []), now: show([null, ...input]) });
      return;
    }
    s.layer = layer;
    s.record = record;
    s.inputShape = [null, ...input];
    s.outputShape = output;
    s.built = true;
  }

  private callModel(inst: InstanceV, model: KerasModel, x: Value, inputs: KerasTensorV[]): Value {
    const s = inst.keras!;
    if (model.t === 'sequential') {
      let out: Value = x;
      for (const layer of model.layers) out = this.rt.call(layer, [out]);
      s.built = true;
      if (s.inputShape === undefined) s.inputShape = inputs[0]!.shape;
      return this.produced(inst, inputs, out);
    }
    // a functional model used as a layer: its outputs, for these inputs
    if (inputs.length !== model.inputs.length) raise('ValueError', 'keras.modelInputs', { expected: String(model.inputs.length), got: String(inputs.length) });
    const outs = model.outputs.map((o) => this.tensorOut(inst, inputs, o.shape));
    return outs.length === 1 ? outs[0]! : list(outs);
  }

  private functional(inputs: Value, outputs: Value): Extract<KerasModel, { t: 'functional' }> {
    const ins = kerasTensors(inputs) ?? raise('ValueError', 'keras.functionalInputs');
    // outputs made from a value the reader lacks (an unknown op): refused naming it
    const unknown = (is(outputs, 'list') || is(outputs, 'tuple') ? outputs.items : [outputs]).find((o) => is(o, 'opaque'));
    if (unknown !== undefined) needValue(unknown);
    const outs = kerasTensors(outputs) ?? raise('ValueError', 'keras.functionalOutputs');
    const seen = new Set<InstanceV>();
    const visited = new Set<KerasTensorV>();
    const visit = (t: KerasTensorV): void => {
      if (visited.has(t)) return;
      visited.add(t);
      this.rt.tick();
      if (t.state.layer === null && t.state.inputs.length === 0) {
        if (!ins.includes(t)) raise('ValueError', 'keras.disconnected');
        return;
      }
      if (t.state.layer) seen.add(t.state.layer);
      t.state.inputs.forEach(visit);
    };
    outs.forEach(visit);
    const layers = [...seen].sort((a, b) => a.keras!.serial - b.keras!.serial);
    return { t: 'functional', inputs: ins, outputs: outs, layers };
  }

  /** Builds a Sequential whose input is known; a model still unbuilt has no Keras count. */
  ensureBuilt(inst: InstanceV, input?: Shape): void {
    const s = inst.keras!;
    const m = s.model;
    if (m?.t === 'sequential') {
      const shape = input ?? m.inputShape;
      if (!s.built && shape !== null) this.call(inst, [this.input(shape)], new Map());
      return;
    }
    if (!s.built && input !== undefined) this.call(inst, [this.input(input)], new Map());
  }

  private addWeight(inst: InstanceV, args: Value[], kwargs: Kwargs): Value {
    const b = bind(
      {
        name: 'add_weight',
        params: [
          { name: 'shape', default: null },
          { name: 'initializer', default: null },
          { name: 'dtype', default: null },
          { name: 'trainable', default: true },
        ],
        kwargs: 'rest',
      },
      args,
      kwargs,
    ).values;
    const shapeValue = b.get('shape')!;
    const name = kwargs.get('name') ?? args.find((x) => typeof x === 'string') ?? `weight_${inst.keras!.weights.length}`;
    const shape = shapeValue === null ? [] : iterate(this.rt, shapeValue).map((d) => (d === null ? refuse('keras.weightShape', { name: String(name) }) : Number(toIndex(d, 'shape'))));
    const t: TensorV = { t: 'tensor', shape, dtype: 'float', param: paramState(truthy(this.rt, b.get('trainable')!)) };
    inst.keras!.weights.push({ name: String(name), tensor: t });
    return t;
  }

  countParams(inst: InstanceV): Value {
    let n = 0n;
    for (const layer of this.layersOf(inst)) {
      for (const t of layer.keras!.record?.tensors ?? []) n += t.shape.reduce((p, d) => p * BigInt(d), 1n);
      for (const w of layer.keras!.weights) n += (w.tensor.shape ?? []).reduce<bigint>((p, d) => p * BigInt(d ?? 0), 1n);
    }
    return n;
  }

  /** Every layer under a model or layer, itself included, each once. */
  layersOf(root: InstanceV): InstanceV[] {
    const out: InstanceV[] = [];
    const visit = (l: InstanceV) => {
      if (out.includes(l)) return;
      out.push(l);
      const m = l.keras!.model;
      const children = m ? m.layers : [];
      for (const c of [...children, ...trackedLayers(l)]) visit(c);
      const inner = l.dict.get('layer');
      if (is(inner ?? null, 'instance') && (inner as InstanceV).keras) visit(inner as InstanceV);
    };
    visit(root);
    return out;
  }

  // ── attributes ──
  getAttr(inst: InstanceV, name: string): Value | undefined {
    const s = inst.keras;
    if (!s) return undefined;
    const inner = applicationInner(inst, name);
    if (inner !== undefined) return inner;
    switch (name) {
      case 'name':
        return s.name;
      case 'trainable':
        return s.trainable;
      case 'built':
        return s.built;
      case 'layers': {
        const m = s.model;
        return list(m ? [...m.layers] : [...trackedLayers(inst)]);
      }
      case 'input_shape':
        return s.inputShape ? shapeValueOf(s.inputShape) : raise('AttributeError', 'keras.notCalled', { name: s.name });
      case 'output_shape':
        return s.outputShape ? shapeValueOf(s.outputShape) : raise('AttributeError', 'keras.notCalled', { name: s.name });
      case 'input':
        return s.model?.t === 'functional' ? (s.model.inputs.length === 1 ? s.model.inputs[0]! : list([...s.model.inputs])) : undefined;
      case 'output':
        return s.model?.t === 'functional' ? (s.model.outputs.length === 1 ? s.model.outputs[0]! : list([...s.model.outputs])) : undefined;
      case 'weights':
      case 'variables':
      case 'trainable_weights':
      case 'non_trainable_weights':
      case 'trainable_variables':
        return list(this.layersOf(inst).flatMap((l) => l.keras!.weights.map((w) => w.tensor)));
      default:
        return undefined;
    }
  }

  setAttr(inst: InstanceV, name: string, value: Value): boolean {
    const s = inst.keras;
    if (!s) return false;
    if (name === 'trainable') {
      s.trainable = truthy(this.rt, value);
      return true;
    }
    if (name === 'name' && typeof value === 'string') {
      s.name = value;
      return true;
    }
    for (const layer of layersIn(value)) if (!s.tracked.includes(layer)) s.tracked.push(layer);
    attrsOf(inst).set(name, value);
    return true;
  }

  /** Keras tensors in arithmetic (`x + y` in a functional model): no weights, a broadcast shape. */
  binary(op: BinOp, a: Value, b: Value): Value | undefined {
    if (!is(a, 'ktensor') && !is(b, 'ktensor')) return undefined;
    // a value the reader does not have (a random draw it could not shape): the result is not known either
    if (is(a, 'opaque') || is(b, 'opaque')) return this.rt.opaque(`(… ${op} …)`);
    // a weight (add_weight) has a shape without the batch axis
    const shapeOf = (v: Value): readonly Dim[] =>
      is(v, 'ktensor')
        ? v.shape
        : is(v, 'tensor')
          ? (v.shape ?? [])
          : typeof v === 'bigint' || typeof v === 'number'
            ? []
            : raise('TypeError', 'py.operands', { op, left: typeName(a), right: typeName(b) });
    const sa = shapeOf(a);
    const sb = shapeOf(b);
    const n = Math.max(sa.length, sb.length);
    const shape: Dim[] = [];
    for (let i = 0; i < n; i++) {
      const x = sa[sa.length - n + i] ?? 1;
      const y = sb[sb.length - n + i] ?? 1;
      if (x !== null && y !== null && x !== y && x !== 1 && y !== 1) raise('ValueError', 'keras.mergeShapes', { call: op, shapes: `${show(sa)}, ${show(sb)}` });
      shape.push(x === 1 ? y : y === 1 ? x : (x ?? y));
    }
    return this.tensorOut(
      op,
      [a, b].filter((v): v is KerasTensorV => is(v, 'ktensor')),
      shape,
    );
  }

  tensorAttr(t: KerasTensorV, name: string): Value | undefined {
    if (name === 'shape') return shapeValueOf(t.shape);
    if (name === 'dtype') return 'float32';
    if (name === 'ndim') return BigInt(t.shape.length);
    return undefined;
  }

  // ── namespaces ──
  readonly namespace = cachedNamespaces((name) => this.makeNamespace(name));

  private makeNamespace(name: string): NamespaceV | undefined {
    const rt = this.rt;
    const c = this.classes;
    const opaqueSpace = (n: string) => opaqueNamespace(rt, n);
    const layersSpace = () =>
      namespace(
        'keras.layers',
        { Layer: c.Layer, InputLayer: c.InputLayer, Input: this.inputFunction() },
        (attr) => this.layerClass(attr) ?? this.mergeFunction(attr) ?? (attr === 'experimental' ? this.namespace('keras.layers') : undefined),
      );
    switch (name) {
      case 'keras':
      case 'tensorflow.keras':
        return namespace(name, { Sequential: c.Sequential, Model: c.Model, Input: this.inputFunction(), Layer: c.Layer }, (attr) => this.namespace(`keras.${attr}`));
      case 'keras.layers':
        return layersSpace();
      case 'keras.models':
        return namespace('keras.models', { Sequential: c.Sequential, Model: c.Model }, (attr) => (attr === 'load_model' ? builtin(attr, () => refuse('keras.loadModel')) : undefined));
      case 'keras.applications':
        return applicationsNamespace(rt, this, 'keras.applications');
      case 'keras.activations':
      case 'keras.ops':
        return namespace(name, {}, (attr) => this.op(attr));
      case 'keras.random':
        return namespace(name, {}, (attr) => this.random(attr));
      case 'keras.backend':
      case 'keras.optimizers':
      case 'keras.losses':
      case 'keras.metrics':
      case 'keras.callbacks':
      case 'keras.datasets':
      case 'keras.utils':
      case 'keras.preprocessing':
      case 'keras.regularizers':
      case 'keras.initializers':
      case 'keras.constraints':
      case 'keras.mixed_precision':
        return opaqueSpace(name);
      case 'tensorflow':
        return namespace(
          'tensorflow',
          {
            keras: this.namespace('keras')!,
            // tf.range(start, limit, delta) is keras.ops.arange; tf.random.* are keras.random's
            range: def('range', 'start, limit=None, delta=1, dtype=None, name=None', (a) => rt.call(this.op('arange')!, [a.get('start')!, a.get('limit')!, a.get('delta')!])),
            random: namespace('tensorflow.random', {}, (attr) => this.random(attr) ?? rt.opaque(`tensorflow.random.${attr}`)),
          },
          (attr) => (attr === 'nn' || attr === 'math' ? namespace(`tf.${attr}`, {}, (op) => this.op(op)) : (this.op(attr) ?? rt.opaque(`tensorflow.${attr}`))),
        );
      default:
        if (name.startsWith('keras.applications.')) return applicationsNamespace(rt, this, name);
        if (name.startsWith('tensorflow.keras.')) return this.namespace(name.slice('tensorflow.'.length));
        if (name.startsWith('tf.keras.')) return this.namespace(name.slice('tf.'.length));
        return undefined;
    }
  }

  /** keras.ops / tf functions on symbolic tensors: the shape-preserving ones and a few that reshape. */
  /**
   * keras.random.normal(shape=(batch, dim)) and its kin: a tensor of that shape (a dimension the
   * reader does not know, like the batch from ops.shape, stays unknown); SeedGenerator holds no weights.
   */
  private random(name: string): Value | undefined {
    if (name === 'SeedGenerator') return builtin(name, () => this.rt.opaque('keras.random.SeedGenerator(…)'));
    if (!['normal', 'uniform', 'truncated_normal', 'randint', 'dropout', 'shuffle', 'categorical', 'gamma', 'binomial', 'beta'].includes(name)) return undefined;
    return builtin(name, (args, kwargs) => {
      const shape = args[0] ?? kwargs.get('shape') ?? null;
      if (name === 'dropout' || name === 'shuffle') return is(shape, 'ktensor') ? this.tensorOut(name, [shape], shape.shape) : this.rt.opaque(`keras.random.${name}(…)`);
      if (!is(shape, 'tuple') && !is(shape, 'list')) return this.rt.opaque(`keras.random.${name}(…)`);
      return this.tensorOut(
        name,
        [],
        shape.items.map((d) => (typeof d === 'bigint' ? Number(d) : null)),
      );
    });
  }

  private op(name: string): Value | undefined {
    const rt = this.rt;
    const keep = (x: Value): Value => (is(x, 'ktensor') ? this.tensorOut(name, [x], x.shape) : is(x, 'opaque') ? x : rt.opaque(`${name}(…)`));
    const elementwise = [
      'relu',
      'sigmoid',
      'tanh',
      'softmax',
      'gelu',
      'silu',
      'swish',
      'elu',
      'selu',
      'softplus',
      'exp',
      'log',
      'sqrt',
      'square',
      'abs',
      'negative',
      'leaky_relu',
      'relu6',
      'log_softmax',
      'cast',
      'identity',
      'stop_gradient',
    ];
    if (elementwise.includes(name)) return builtin(name, (args) => keep(args[0] ?? null));
    switch (name) {
      case 'concat':
      case 'concatenate':
        return builtin(name, (args, kwargs) => {
          const ts = kerasTensors(args[0] ?? null);
          if (!ts) return rt.opaque(`${name}(…)`);
          const axis = Number(toIndex(args[1] ?? kwargs.get('axis') ?? -1n));
          const merged = KERAS_LAYERS.get('Concatenate')!.merge!(
            new LayerArgs('concatenate', new Map([['axis', BigInt(axis)]])),
            ts.map((t) => t.shape),
          );
          return this.tensorOut(name, ts, merged);
        });
      case 'zeros':
      case 'ones':
        // a concrete array of that shape (batch included), as code calls a subclassed model on it
        return builtin(name, (args, kwargs) => {
          const shape = args[0] ?? kwargs.get('shape') ?? null;
          const dims = is(shape, 'tuple') || is(shape, 'list') ? shape.items : typeof shape === 'bigint' ? [shape] : null;
          if (dims === null || !dims.every((d) => typeof d === 'bigint')) return rt.opaque(`keras.ops.${name}(…)`);
          rt.charge(dims.length);
          return this.input(dims.map((d) => Number(d)));
        });
      case 'matmul':
        return builtin(name, (args) => {
          const [a, b] = [args[0] ?? null, args[1] ?? null];
          const dims = (v: Value): readonly Dim[] | null => (is(v, 'ktensor') ? v.shape : is(v, 'tensor') ? v.shape : null);
          const [sa, sb] = [dims(a), dims(b)];
          if (sa === null || sb === null || sa.length < 1 || sb.length < 2) return rt.opaque(`keras.ops.${name}(…)`);
          const k = sa[sa.length - 1] ?? null;
          const kb = sb[sb.length - 2] ?? null;
          if (k !== null && kb !== null && k !== kb) raise('ValueError', 'keras.mergeShapes', { call: 'matmul', shapes: `${show(sa)}, ${show(sb)}` });
          return this.tensorOut(
            name,
            [a, b].filter((v): v is KerasTensorV => is(v, 'ktensor')),
            [...sa.slice(0, -1), sb[sb.length - 1]!],
          );
        });
      case 'transpose':
        return builtin(name, (args, kwargs) => {
          const x = args[0] ?? null;
          if (!is(x, 'ktensor')) return rt.opaque(`keras.ops.${name}(…)`);
          const axesValue = args[1] ?? kwargs.get('axes') ?? null;
          const axes = axesValue === null ? x.shape.map((_, i) => x.shape.length - 1 - i) : iterate(rt, axesValue).map((d) => Number(toIndex(d)));
          if (axes.length !== x.shape.length || new Set(axes).size !== axes.length || axes.some((a) => a < 0 || a >= x.shape.length))
            raise('ValueError', 'keras.mergeShapes', { call: 'transpose', shapes: show(x.shape) });
          return this.tensorOut(
            name,
            [x],
            axes.map((a) => x.shape[a]!),
          );
        });
      case 'reshape':
        return builtin(name, (args, kwargs) => {
          const x = args[0] ?? null;
          if (!is(x, 'ktensor')) return rt.opaque(`${name}(…)`);
          const target = iterate(rt, args[1] ?? kwargs.get('shape') ?? kwargs.get('newshape') ?? tuple([])).map((d) => (d === null ? -1 : Number(toIndex(d))));
          const body = target[0] === -1 && target.length === x.shape.length ? target.slice(1) : target.slice(target[0] === -1 ? 1 : 0);
          return this.tensorOut(name, [x], [null, ...body.map((d) => (d === -1 ? null : d))]);
        });
      case 'expand_dims':
        return builtin(name, (args, kwargs) => {
          const x = args[0] ?? null;
          if (!is(x, 'ktensor')) return rt.opaque(`${name}(…)`);
          const axis = Number(toIndex(args[1] ?? kwargs.get('axis') ?? -1n));
          const ax = axis < 0 ? axis + x.shape.length + 1 : axis;
          return this.tensorOut(name, [x], [...x.shape.slice(0, ax), 1, ...x.shape.slice(ax)]);
        });
      case 'shape':
        // the batch axis (None) is a value the reader does not have: an opaque int
        return builtin(name, (args) => {
          const x = args[0] ?? null;
          if (!is(x, 'ktensor')) return rt.opaque(`${name}(…)`);
          return tuple(x.shape.map((d) => (d === null ? rt.opaque('ops.shape(…)[None]') : BigInt(d))));
        });
      case 'arange':
        return builtin(name, (args, kwargs) => {
          const b = bind(signature(name, 'start, stop=None, step=1, dtype=None'), args, kwargs).values;
          const [lo, hi] = b.get('stop') === null ? [0n, b.get('start')!] : [b.get('start')!, b.get('stop')!];
          const step = b.get('step')!;
          const known = typeof lo === 'bigint' && typeof hi === 'bigint' && typeof step === 'bigint' && step !== 0n;
          const n = known ? Number((hi - lo + step - (step > 0n ? 1n : -1n)) / step) : null;
          return this.tensorOut(name, [], [n === null ? null : Math.max(0, n)]);
        });
      case 'reduce_mean':
      case 'reduce_sum':
      case 'mean':
      case 'sum':
        return builtin(name, (args, kwargs) => {
          const x = args[0] ?? null;
          if (!is(x, 'ktensor')) return rt.opaque(`${name}(…)`);
          const axis = args[1] ?? kwargs.get('axis') ?? null;
          if (axis === null) return this.tensorOut(name, [x], []);
          const axes = (is(axis, 'tuple') || is(axis, 'list') ? axis.items : [axis]).map((d) => Number(toIndex(d))).map((d) => (d < 0 ? d + x.shape.length : d));
          const keepdims = truthy(rt, kwargs.get('keepdims') ?? false);
          return this.tensorOut(name, [x], keepdims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i)));
        });
      default:
        return undefined;
    }
  }
}

/** The input shape a built Sequential or functional model declares, if any. */
function modelInput(m: KerasModel | undefined): Shape | undefined {
  if (m === undefined) return undefined;
  if (m.t === 'sequential') return m.inputShape ?? undefined;
  return m.inputs.length === 1 ? m.inputs[0]!.shape : undefined;
}

/** The Keras tensors in a call's input: one, or a list/tuple of them; null when there are none. */
function kerasTensors(v: Value): KerasTensorV[] | null {
  if (is(v, 'ktensor')) return [v];
  if (is(v, 'list') || is(v, 'tuple')) {
    const items: readonly Value[] = v.items;
    const ts = items.filter((x): x is KerasTensorV => is(x, 'ktensor'));
    return ts.length === items.length && ts.length > 0 ? ts : null;
  }
  if (is(v, 'dict')) {
    const ts = [...v.map.values()].map((e) => e.value).filter((x: Value): x is KerasTensorV => is(x, 'ktensor'));
    return ts.length > 0 ? ts : null;
  }
  return null;
}

/**
 * The layers a subclassed layer or model tracks: those assigned to its attributes, and those its
 * list and dict attributes hold now (Keras tracks `self.blocks = []` and what is appended to it
 * later, so a scan at assignment alone would miss them).
 */
export function trackedLayers(inst: InstanceV): InstanceV[] {
  const s = inst.keras!;
  for (const v of inst.dict.values()) {
    if (!is(v, 'list') && !is(v, 'tuple') && !is(v, 'dict')) continue;
    for (const layer of layersIn(v)) if (layer !== inst && !s.tracked.includes(layer)) s.tracked.push(layer);
  }
  return s.tracked;
}

function layersIn(v: Value, depth = 0): InstanceV[] {
  if (depth > 4) return [];
  if (is(v, 'instance') && v.keras) return [v];
  if (is(v, 'list') || is(v, 'tuple')) return v.items.flatMap((x) => layersIn(x, depth + 1));
  if (is(v, 'dict')) return [...v.map.values()].flatMap((e) => layersIn(e.value, depth + 1));
  return [];
}

/** A Keras shape argument: (28, 28, 1) without the batch (or with it, for batch_shape). */
export function shapeFrom(v: Value, withBatch: boolean): Shape {
  if (typeof v === 'bigint') return withBatch ? [Number(v)] : [null, Number(v)];
  if (is(v, 'opaque')) return refuse('code.needsValue', { origin: v.origin, line: String(v.line) });
  if (!is(v, 'tuple') && !is(v, 'list')) return raise('TypeError', 'keras.shapeType', { type: typeName(v) });
  const dims = v.items.map((d) => (d === null ? null : is(d, 'opaque') ? refuse('code.needsValue', { origin: d.origin, line: String(d.line) }) : Number(toIndex(d, 'shape'))));
  return withBatch ? dims.map((d, i) => (i === 0 ? null : d)) : [null, ...dims];
}

const shapeValueOf = (s: Shape): Value => tuple(s.map((d) => (d === null ? null : BigInt(d))));
const show = (s: Shape) => `(${s.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;

/** The lowercase merge helpers of keras.layers and the layer each one makes. */
const MERGE_FUNCTIONS: Readonly<Record<string, string>> = {
  add: 'Add',
  subtract: 'Subtract',
  multiply: 'Multiply',
  average: 'Average',
  maximum: 'Maximum',
  minimum: 'Minimum',
  concatenate: 'Concatenate',
  dot: 'Dot',
};

/** The merge functions' own parameters after `inputs` (keras.layers.concatenate(inputs, axis=-1), dot(inputs, axes, normalize=False)). */
const MERGE_OPTIONS: Readonly<Record<string, readonly string[]>> = { Concatenate: ['axis=-1'], Dot: ['axes', 'normalize=False'] };

/** The keywords but `names`, in a map of their own: a call's keywords are never changed. */
function without(kwargs: Kwargs, names: readonly string[]): Kwargs {
  const rest = new Map(kwargs);
  for (const k of names) rest.delete(k);
  return rest;
}
