/** English messages: what the reader of pasted code does with real projects' code (issue 20). */
import type { P } from '../params.js';

export const pasted = {
  'torch.argNotRead': (p: P<'call' | 'name' | 'value'>) =>
    `\`${p.call}\` got \`${p.name}=\` (${p.value}), which the reader does not read: the count could be wrong, so it is refused. Remove \`${p.name}=\` if the model does not need it.`,
  'torch.sizeType': (p: P<'call' | 'type'>) => `${p.call}(): size must be a tuple of ints, not ${p.type}`,
  'py.attrName': (p: P<'type'>) => `attribute name must be string, not '${p.type}'`,
  'code.methodNotRead': (p: P<'type' | 'name'>) =>
    `\`${p.type}.${p.name}\` is a method of Python's ${p.type} that the reader does not have (Python itself would run it): write the value it gives, or give it before the code (\`/count name=VALUE <code>\`).`,
  'std.needClass': (p: P<'fn' | 'type'>) => `${p.fn}() should be called on a class, not ${p.type}`,
  'std.notDataclass': (p: P<'fn' | 'type'>) => `${p.fn}() should be called on dataclass instances, not ${p.type}`,
  'std.noMember': (p: P<'cls' | 'key'>) => `${p.key} is not a valid ${p.cls}`,
  'std.fieldName': (p: P<'type'>) => `Type names and field names must be strings, not ${p.type}`,
  'std.tooManyDefaults': () => `Got more default values than field names`,
  'torch.publishedMismatch': (p: P<'name' | 'built' | 'total'>) =>
    `\`torchvision.models.${p.name}\` could not be rebuilt from its preset exactly (${p.built} parameters against ${p.total}): count it with \`/count ${p.name} --framework pytorch\`.`,
  'torch.publishedForward': (p: P<'name'>) =>
    `the forward pass of \`torchvision.models.${p.name}\` is not followed (it is counted from the preset): \`/count ${p.name} --framework pytorch in=...\` shows its shapes`,
  'torch.publishedAttr': (p: P<'name' | 'attr' | 'known'>) =>
    `\`torchvision.models.${p.name}\` is read from the product's preset, whose blocks are ${p.known}; \`${p.attr}\` is not one of them (whether or not torchvision's model has it, the reader does not): use those blocks or paste the model's classes.`,
  'torch.publishedIndex': (p: P<'name'>) =>
    `a block of \`torchvision.models.${p.name}\` is read from the product's preset as a whole: indexing into it (\`[…]\`) is not followed; replace the whole block, or paste the model's classes.`,
  'keras.noLayer': (p: P<'name'>) => `No such layer: ${p.name}.`,
  'keras.applicationInner': (p: P<'name' | 'what'>) =>
    `\`${p.name}\` is read from the product's preset as one layer: its \`${p.what}\` (its inner Keras layers) is not followed here (Keras has it, the reader does not). Freeze or train it whole (\`base.trainable = False\`), or count it with \`/count ${p.name.toLowerCase()}\`.`,
  'torch.publishedWalk': (p: P<'name' | 'what'>) =>
    `\`${p.what}\` reaches \`torchvision.models.${p.name}\`, which the reader builds from the product's preset as whole blocks, not torchvision's own layers and names: what the loop does with them would be a guess. \`parameters()\`, replacing a block (\`model.fc = ...\`) and freezing a block's \`parameters()\` are followed.`,
  'torch.shapesStopped': (p: P<'name'>) => `\`${p.name}\` is not something the reader knows, so the shapes stop here; the count does not depend on it.`,
  'keras.opaqueCall': (p: P<'name' | 'origin' | 'line'>) =>
    `the layer \`${p.name}\` gets its weights from its first call, and it was called on \`${p.origin}\` (line ${p.line}), a value the reader does not have, so its weights are unknown and the count would be wrong. Give the model a plain tensor input (\`in=...\`), or call it on \`keras.Input(...)\` tensors in the code.`,
};
