/**
 * torchvision.models.resnet18(weights=None, num_classes=2) inside pasted code: the transfer-learning
 * paste. The model is built from the product's own preset (the same one `/count resnet18` counts),
 * as a module whose children are the preset's named blocks (layer1 ... layer4, fc) holding its
 * parameters, so what the paste does next is followed exactly: `model.fc = nn.Linear(
 * model.fc.in_features, 2)` replaces a child, and `p.requires_grad = False` freezes a parameter.
 * A last Linear is a real nn.Linear (its in_features is read). What the preset does not name
 * (torchvision's `bn1`, `classifier[6]`) is refused by name, never guessed, and the forward pass
 * is not followed (the count does not need it).
 */
import { refuse } from '../errors.js';
import type { Interpreter } from '../interpreter.js';
import { nativeClass } from '../builtins.js';
import { bind, signature } from '../signature.js';
import { typeName } from '../python.js';
import { builtin, type ClassV, type InstanceV, type Kwargs, type Value, NO_ATTRS } from '../values.js';
import { tensor } from './tensor.js';
import type { Torch } from './library.js';
import { childrenOf } from './module.js';
import { findPreset, VOCABULARY } from '../../presets/index.js';
import { evaluateModel, type Report } from '../../model.js';
import { groupBy } from '../../../group.js';

/** Keyword arguments of torchvision's builders that change no count. */
const HARMLESS = new Set(['progress', 'zero_init_residual', 'init_weights', 'transform_input']);

/** torchvision's model classes by builder prefix (for the module's name in the table). */
const CLASS_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['resnet', 'ResNet'],
  ['resnext', 'ResNet'],
  ['wide_resnet', 'ResNet'],
  ['vgg', 'VGG'],
  ['alexnet', 'AlexNet'],
  ['densenet', 'DenseNet'],
  ['mobilenet_v2', 'MobileNetV2'],
  ['mobilenetv2', 'MobileNetV2'],
  ['mobilenet_v3', 'MobileNetV3'],
  ['efficientnet', 'EfficientNet'],
  ['convnext', 'ConvNeXt'],
  ['regnet', 'RegNet'],
  ['mnasnet', 'MNASNet'],
  ['squeezenet', 'SqueezeNet'],
  ['shufflenet', 'ShuffleNetV2'],
  ['googlenet', 'GoogLeNet'],
  ['inception', 'Inception3'],
  ['vit', 'VisionTransformer'],
  ['swin', 'SwinTransformer'],
  ['maxvit', 'MaxVit'],
];

const className = (name: string): string => CLASS_NAMES.find(([p]) => name.startsWith(p))?.[1] ?? name;

/** The builder `torchvision.models.<name>`, or undefined when the product has no PyTorch preset of it. */
export function publishedBuilder(rt: Interpreter, torch: Torch, name: string): Value | undefined {
  const preset = findPreset(name);
  if (preset === undefined || preset.files.pytorch === undefined) return undefined;
  const call = `torchvision.models.${name}`;
  const sig = signature(call, 'pretrained=False, *, weights=None, num_classes=None, aux_logits=None, **kwargs');
  return builtin(name, (args, kwargs) => {
    const b = bind(sig, args, kwargs);
    for (const [k, v] of b.extraKwargs) if (!HARMLESS.has(k)) refuse('torch.argNotRead', { call, name: k, value: typeName(v) });
    const options = new Map<string, string>();
    const classes = b.values.get('num_classes')!;
    if (classes !== null) options.set('classes', String(typeof classes === 'bigint' ? classes : refuse('torch.argNotRead', { call, name: 'num_classes', value: typeName(classes) })));
    const aux = b.values.get('aux_logits')!;
    if (aux !== null) options.set('aux_logits', aux === true ? 'true' : aux === false ? 'false' : refuse('torch.argNotRead', { call, name: 'aux_logits', value: typeName(aux) }));
    const built = preset.build(preset.parseOptions(options), 'pytorch', VOCABULARY);
    return buildModule(rt, torch, name, evaluateModel(built.nodes, built.input, 'pytorch'));
  });
}

function buildModule(rt: Interpreter, torch: Torch, name: string, report: Report): InstanceV {
  const blockClass = publishedClass(torch, name, 'Block');
  const root = newModule(rt, torch, publishedClass(torch, name, className(name)));
  const groups = groupBy(report.rows, (row) => row.module.split('.')[0]!);
  let made = 0n;
  for (const [group, rows] of groups) {
    const only = rows.length === 1 ? rows[0]! : undefined;
    let child: InstanceV;
    if (only && only.module === group && only.record.kind === 'dense') {
      // a last Linear is PyTorch's own: `model.fc.in_features` reads it
      const out = BigInt(only.record.outputShape[only.record.outputShape.length - 1] ?? 0);
      const weight = only.record.tensors.find((t) => t.role === 'weight');
      const inputs = weight && out > 0n ? size(weight.shape) / out : 0n;
      child = rt.call(torch.leafClass('Linear')!, [inputs, out], new Map([['bias', only.record.tensors.some((t) => t.role === 'bias')]])) as InstanceV;
    } else {
      child = newModule(rt, torch, blockClass);
      for (const row of rows) {
        for (const t of row.record.tensors) {
          if (t.role === 'statistic') continue;
          const base = `${row.module.slice(group.length + 1) || row.name}.${t.name}`.replace(/\./g, '_');
          let key = base;
          for (let n = 2; child.module!.params.has(key); n++) key = `${base}_${n}`;
          child.module!.params.set(key, torch.parameter(tensor([...t.shape]), true));
        }
      }
      if (child.module!.params.size === 0) continue; // pooling, activations: nothing to hold
    }
    for (const p of child.module!.params.values()) made += p ? size(p.shape!) : 0n;
    childrenOf(root.module!).set(group, child);
  }
  // the preset's own total is the truth: a module that disagrees with it would be a wrong count
  if (made !== report.counts.total) refuse('torch.publishedMismatch', { name, built: made.toLocaleString('en-US'), total: report.counts.total.toLocaleString('en-US') });
  return root;
}

const size = (shape: readonly (number | null)[]): bigint => shape.reduce<bigint>((n, d) => n * BigInt(d ?? 0), 1n);

function newModule(rt: Interpreter, torch: Torch, cls: ClassV): InstanceV {
  const inst: InstanceV = { t: 'instance', cls, dict: NO_ATTRS };
  torch.initModule(rt, inst);
  inst.module!.initialized = true;
  return inst;
}

/** The classes of modules built from presets, with the builder they came from. */
const PUBLISHED = new WeakMap<ClassV, string>();

/**
 * Walks that name or test what is inside a module (named_parameters, modules(), apply) would see
 * the preset's blocks, not torchvision's layers (`'bn' in name`, `isinstance(m, nn.Conv2d)`): a
 * guess, so they are refused when they reach a model built from a preset. parameters() is exact.
 */
export function guardWalk(modules: readonly InstanceV[], what: string): void {
  for (const m of modules) {
    const name = PUBLISHED.get(m.cls);
    if (name !== undefined) refuse('torch.publishedWalk', { name, what });
  }
}

function publishedClass(torch: Torch, model: string, name: string): ClassV {
  const cls = makeClass(torch, model, name);
  PUBLISHED.set(cls, model);
  return cls;
}

function makeClass(torch: Torch, model: string, name: string): ClassV {
  return nativeClass(
    name,
    [torch.classes.Module],
    {
      forward: builtin('forward', () => refuse('torch.publishedForward', { name: model })),
      __getattr__: builtin('__getattr__', (args: Value[], _kwargs: Kwargs) => {
        const self = args[0] as InstanceV;
        const attr = String(args[1]);
        return refuse('torch.publishedAttr', { name: model, attr, known: [...self.module!.modules.keys()].join(', ') || '—' });
      }),
      // a block is the preset's whole group: its items (model.classifier[1]) are not modules here
      ...Object.fromEntries(['__getitem__', '__setitem__', '__delitem__', '__iter__', '__len__'].map((n) => [n, builtin(n, () => refuse('torch.publishedIndex', { name: model }))])),
    },
    'torch.Module',
  );
}
