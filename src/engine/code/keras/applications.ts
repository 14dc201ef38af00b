/**
 * keras.applications.ResNet50(include_top=False, weights=None, input_shape=(224, 224, 3)) inside
 * pasted code: the transfer-learning paste of a Keras class. The model is the product's own
 * preset (the one `/count resnet50` counts, checked against Keras 3), held as one built layer: it
 * can be called on a tensor, used as a Sequential's first layer, frozen with
 * `base.trainable = False`, and its `input`/`output` start a functional model. What needs its
 * inner layers (`base.layers[-20:]`, `get_layer`) is refused by name, never guessed.
 */
import { refuse } from '../errors.js';
import type { Interpreter } from '../interpreter.js';
import { nativeClass, namespace } from '../builtins.js';
import { bind, signature } from '../signature.js';
import { toIndex, typeName } from '../python.js';
import { builtin, is, type ClassV, type InstanceV, type NamespaceV, type Value, NO_ATTRS, attrsOf } from '../values.js';
import { findPreset, VOCABULARY } from '../../presets/index.js';
import { evaluateModel } from '../../model.js';
import type { LayerRecord, Shape } from '../../types.js';
import type { Keras } from './library.js';

/** The keyword arguments of keras.applications builders (keras.io/api/applications). */
const SIGNATURE = "include_top=True, weights='imagenet', input_tensor=None, input_shape=None, pooling=None, classes=1000, classifier_activation='softmax', name=None";

/** Keyword arguments some builders add that change no count. */
const HARMLESS = new Set(['include_preprocessing', 'dropout_rate', 'drop_connect_rate', 'depth_multiplier']);

/** keras.applications' class names (ResNet50, EfficientNetB0, ...) as the product's preset keys. */
const presetOf = (name: string) => {
  const preset = findPreset(name.toLowerCase());
  return preset?.files.keras !== undefined ? preset : undefined;
};

export function applicationsNamespace(rt: Interpreter, keras: Keras, name: string): NamespaceV {
  return namespace(name, {}, (attr) => {
    if (/^[a-z][a-z0-9_]*$/.test(attr)) {
      // keras.applications.vgg16 (the module): its class, preprocess_input and decode_predictions
      if (attr === 'preprocess_input') return builtin(attr, (args) => args[0] ?? null);
      if (attr === 'decode_predictions' || attr === 'imagenet_utils') return rt.opaque(`${name}.${attr}`);
      return applicationsNamespace(rt, keras, `${name}.${attr}`);
    }
    const preset = presetOf(attr);
    if (preset === undefined) return builtin(attr, () => refuse('keras.application', { name: attr }));
    return builder(rt, keras, attr, preset);
  });
}

function builder(rt: Interpreter, keras: Keras, className: string, preset: NonNullable<ReturnType<typeof presetOf>>): Value {
  const call = `keras.applications.${className}`;
  const sig = signature(call, `${SIGNATURE}, **kwargs`);
  return builtin(className, (args, kwargs) => {
    const b = bind(sig, args, kwargs);
    for (const [k, v] of b.extraKwargs) if (!HARMLESS.has(k)) refuse('torch.argNotRead', { call, name: k, value: typeName(v) });
    if (b.values.get('input_tensor') !== null) refuse('torch.argNotRead', { call, name: 'input_tensor', value: typeName(b.values.get('input_tensor')!) });
    const top =
      b.values.get('include_top') === true
        ? true
        : b.values.get('include_top') === false
          ? false
          : refuse('torch.argNotRead', { call, name: 'include_top', value: typeName(b.values.get('include_top')!) });
    const options = new Map<string, string>([['top', String(top)]]);
    const classes = b.values.get('classes')!;
    if (top) options.set('classes', String(toIndex(classes, 'classes')));
    const given = b.values.get('input_shape')!;
    if (given !== null) {
      if (!is(given, 'tuple') && !is(given, 'list')) return refuse('torch.argNotRead', { call, name: 'input_shape', value: typeName(given) });
      // an unknown height or width (None) is the preset's own: convolutions hold the same weights at any size
      if (given.items.every((d) => typeof d === 'bigint')) options.set('in', given.items.map(String).join('x'));
    }
    const built = preset.build(preset.parseOptions(options), 'keras', VOCABULARY);
    const report = evaluateModel(built.nodes, built.input, 'keras');
    const pooling = b.values.get('pooling')!;
    if (pooling !== null && pooling !== 'avg' && pooling !== 'max') refuse('torch.argNotRead', { call, name: 'pooling', value: String(pooling) });
    const out: Shape = !top && pooling !== null ? [report.output[report.output.length - 1] ?? null] : report.output;
    const last = report.rows[report.rows.length - 1]!.record;
    const total = Number(report.counts.total);
    const record: LayerRecord = {
      ...last,
      spec: () => preset.name,
      typeName: className,
      tensors: report.rows.flatMap((r) => r.record.tensors),
      formula: () => ({ op: 'lit', value: total, symbol: total.toLocaleString('en-US') }),
      outputShape: out,
      macs: report.macs,
      notes: () => [],
    };
    const name = typeof b.values.get('name') === 'string' ? (b.values.get('name') as string) : className.toLowerCase();
    return application(rt, keras, className, name, record, [null, ...report.input], [null, ...out]);
  });
}

function application(rt: Interpreter, keras: Keras, className: string, name: string, record: LayerRecord, input: Shape, output: Shape): InstanceV {
  const cls = applicationClass(keras, className);
  const inst: InstanceV = { t: 'instance', cls, dict: NO_ATTRS };
  keras.initLayer(inst);
  const s = inst.keras!;
  Object.assign(s, { name, record, built: true, inputShape: input, outputShape: output });
  // base.input / base.output start a functional model (Deep Learning with Python's feature extraction)
  const x = keras.input(input);
  attrsOf(inst).set('input', x);
  attrsOf(inst).set('output', rt.call(inst, [x]));
  return inst;
}

const APPLICATIONS = new WeakSet<ClassV>();

/**
 * An application's inner layers (`base.layers`, `base.get_layer`) are the preset's, not Keras
 * objects here: a loop over them would be a guess, so reading them is refused.
 */
export function applicationInner(inst: InstanceV, name: string): Value | undefined {
  if (!APPLICATIONS.has(inst.cls) || (name !== 'layers' && name !== 'get_layer')) return undefined;
  return refuse('keras.applicationInner', { name: inst.cls.name, what: name });
}

const CLASSES = new WeakMap<Keras, Map<string, ClassV>>();

function applicationClass(keras: Keras, className: string): ClassV {
  let made = CLASSES.get(keras);
  if (!made) CLASSES.set(keras, (made = new Map()));
  let cls = made.get(className);
  if (cls) return cls;
  const inner = (what: string) => builtin(what, () => refuse('keras.applicationInner', { name: className, what }));
  cls = nativeClass(
    className,
    [keras.classes.Model],
    {
      call: builtin('call', (args) => {
        const self = args[0] as InstanceV;
        const x = args[1] ?? null;
        return is(x, 'ktensor') ? keras.symbolic(self.keras!.outputShape!) : refuse('keras.applicationInner', { name: className, what: 'call' });
      }),
      get_layer: inner('get_layer'),
    },
    'keras.Layer',
  );
  APPLICATIONS.add(cls);
  made.set(className, cls);
  return cls;
}
