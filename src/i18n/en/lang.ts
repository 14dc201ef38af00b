/** English messages: the /count language (groups, repetition, branches, defs, names), its errors and its help. */
import type { P } from '../params.js';

export const lang = {
  // ── errors of the grammar: each names the bad token and the expected form ──
  'err.langStray': (p: P<'token'>) => `\`${p.token}\` is out of place: a group is \`{ a > b }\`, branches \`residual { main | shortcut }\` (see \`--help\`).`,
  'err.langExpectedSeparator': (p: P<'token'>) => `\`${p.token}\` must be separated from what comes before it by \`>\`, \`;\` or a new line.`,
  'err.langUnclosed': () => `A \`{\` is never closed: add the matching \`}\`.`,
  'err.langDepth': (p: P<'max'>) => `The groups are nested too deeply: at most ${p.max} levels of \`{ }\`.`,
  'err.labelAlone': (p: P<'label'>) => `\`${p.label}:\` names nothing: write \`${p.label}: conv 64 3\` or \`${p.label}: { ... }\`.`,
  'err.labelBad': (p: P<'token'>) =>
    `\`${p.token}\` is not a valid name: use letters, digits, _ and - before the colon (. between parts of a module path; $ in a repeated group's name stands for its copy's number), e.g. \`block1:\` or \`features.1:\`.`,
  'err.labelTwice': (p: P<'label'>) => `The name \`${p.label}\` is given twice in the same group: give each layer or group its own name.`,
  'err.refBad': (p: P<'token'>) => `\`${p.token}\` is not a valid reference: write @ and a name given before, e.g. \`@encoder\`.`,
  'err.refUnknown': (p: P<'name'>) => `\`${p.name}\` names nothing before it here: name a layer or group first (\`${p.name}: conv 64 3\`), then use \`@${p.name}\` or \`tie=${p.name}\`.`,
  'err.refBefore': (p: P<'name'>) => `\`@${p.name}\` is used before \`${p.name}\` is: weights can be shared only after the layer that owns them.`,
  'err.tieNotLayer': (p: P<'name'>) => `\`tie=${p.name}\`: ${p.name} is a group; a weight can be tied only to one layer (e.g. the token embedding).`,
  'err.tieBefore': (p: P<'name'>) => `\`tie=${p.name}\` comes before \`${p.name}\`: a layer can tie its weight only to a layer before it.`,
  'err.tieNoWeight': (p: P<'name'>) => `\`tie=${p.name}\`: one of the two layers has no weight matrix to share.`,
  'err.tieShape': (p: P<'name' | 'mine' | 'theirs'>) => `\`tie=${p.name}\`: the weights differ in shape (${p.mine} here, ${p.theirs} in ${p.name}): a tied weight is one tensor.`,
  'err.mergeBrace': (p: P<'word'>) => `\`${p.word}\` needs its braces: e.g. \`residual { conv 64 3 > bn | conv 64 1 }\`, \`if top { dense 10 }\`.`,
  'err.mergeBranches': (p: P<'word'>) => `\`${p.word}\` needs at least two branches separated by \`|\` (an empty branch is the input itself): \`${p.word} { | conv 32 3 }\`.`,
  'err.residualBranches': (p: P<'count'>) => `\`residual\` takes a main branch and at most one shortcut, got ${p.count} branches: use \`add { a | b | c }\` to sum more.`,
  'err.mergeShapes': (p: P<'word' | 'shapes'>) => `\`${p.word}\` cannot merge ${p.shapes}: add and residual need equal shapes, concat equal shapes but the last axis, mul shapes that broadcast.`,
  'err.repeatBad': (p: P<'token'>) => `\`x${p.token}\` is not a valid repeat count: write a whole number after the closing brace, e.g. \`{ conv 64 3 } x3\`.`,
  'err.sectionTitle': () => `\`section\` needs a title before its brace: \`section normal cell 1 { ... }\`.`,
  'err.sectionBare': (p: P<'title'>) =>
    `\`section ${p.title}\` takes no name, repeat or option: it only heads a row of the block table (its layers keep their own names); use \`name: { ... }\` for a module.`,
  'err.elseAlone': () => `\`else\` must follow the \`}\` of an \`if\`: \`if top { dense 10 } else { gap }\`.`,
  'err.defPlace': () => `\`def\` must stand at the top level, not inside a group: \`def block(c) { conv c 3 > bn } > input 32x32x3 > block 64\`.`,
  'err.defSyntax': (p: P<'token'>) => `\`${p.token}\` is not a def header: expected \`def name(a, b=1) { ... }\`.`,
  'err.className': (p: P<'token'>) => `\`class=${p.token}\` is not a class name: expected a Python class name, e.g. \`class=BasicBlock\`.`,
  'err.defParam': (p: P<'token' | 'def'>) => `\`${p.token}\` is not a valid parameter of \`${p.def}\`: expected a name or name=default, e.g. \`s=1\`.`,
  'err.defParamTwice': (p: P<'name' | 'def'>) => `\`${p.def}\` names its parameter \`${p.name}\` twice.`,
  'err.defTwice': (p: P<'name'>) => `\`${p.name}\` is defined twice: give each def its own name.`,
  'err.defClash': (p: P<'name'>) => `\`${p.name}\` is already a layer kind, preset or keyword: a def needs another name.`,
  'err.defArgs': (p: P<'def' | 'usage' | 'got' | 'max'>) => `\`${p.def}\` takes at most ${p.max} argument(s), got ${p.got}: expected \`${p.usage}\`.`,
  'err.defMissing': (p: P<'def' | 'param' | 'usage'>) => `\`${p.def}\` needs its \`${p.param}\`: expected \`${p.usage}\`.`,
  'err.exprBad': (p: P<'expr' | 'near'>) => `\`${p.expr}\` is not a valid expression (near \`${p.near}\`): use whole numbers, parameters, + - * / // % and parentheses, e.g. \`c*4\`.`,
  'err.exprName': (p: P<'name' | 'expr'>) => `\`${p.name}\` in \`${p.expr}\` is not a parameter of this def.`,
  'err.exprValue': (p: P<'name' | 'value' | 'expr'>) => `\`${p.expr}\`: ${p.name} is \`${p.value}\`, not a whole number or true/false.`,
  'err.exprType': (p: P<'expr' | 'expected'>) => `\`${p.expr}\` does not give a ${p.expected} where one is needed.`,
  'err.exprLarge': (p: P<'expr'>) => `\`${p.expr}\` grows too large to be a size.`,
  'err.exprDivision': (p: P<'expr'>) => `\`${p.expr}\` divides by zero.`,
  'err.exprInexact': (p: P<'expr' | 'a' | 'b'>) => `\`${p.expr}\`: ${p.a} / ${p.b} is not a whole number; use // to round down.`,
  'err.tooManyUnits': (p: P<'max'>) => `The model is too large once expanded: at most ${p.max} layers and groups, counting every repetition.`,
  'err.explainUnknown': (p: P<'name'>) => `\`${p.name}\` is not a preset or a library def: \`explain-preset vgg16\`, \`explain-preset encoder_layer\` (see \`--help\`).`,
  'err.seqNotSequence': (p: P<'shape'>) => `--seq sets the length of a token sequence, but this model's input is ${p.shape}: use in=HxW for images.`,
  'err.loraLast': () => `\`lora\` adapts the model before it: put it last, e.g. \`llama-2-7b > lora r=8 targets=q_proj,v_proj\`.`,
  'err.loraNoTargets': () => `\`lora\` needs targets: e.g. targets=q,v (the attention's query and value projections) or targets=q_proj,v_proj.`,
  'err.loraNoMatch': (p: P<'targets' | 'available'>) => `No matrix matches targets=${p.targets} (PEFT: "Target modules not found in the base model"); this model has: ${p.available}.`,

  // ── --help: the grammar, with examples ──
  'help.grammar': () =>
    `Models are written in the same language (every preset is, see explain-preset):\n` +
    `  name: ITEM                 names a layer or group: shown in the tables, usable by @name and tie=name\n` +
    `  { a > b }  { ... } x12     a group; repeated 12 times (also ×12, *12), each time with its own weights\n` +
    `  residual { main }          main(x) + x;  residual { main | shortcut }: main(x) + shortcut(x)\n` +
    `  concat { | a | b }         the branches side by side on the last axis (an empty branch is x: DenseNet)\n` +
    `  add { a | b }  mul { | se }  sums or multiplies (broadcast) the branches (squeeze-and-excitation)\n` +
    `  side { aux }               an auxiliary head on x (GoogLeNet's aux1): its parameters count, x goes on\n` +
    `  @name                      the named layer or group again, weights shared: counted once\n` +
    `  from name                  continues from the named layer's or group's output (a cell with two inputs: NASNet)\n` +
    `  tie=name                   on a layer: its weight is the named layer's (a tied LM head): counted once\n` +
    `  section TITLE { ... }      one row of the block table (a NASNet cell); its layers keep their own names\n` +
    `  { ... } trainable=false    freezes a group; a preset takes trainable=false too\n` +
    `  def block(c, s=1) { conv c 3 stride=s > bn > relu }   then \`block 64 s=2\` like a kind; arithmetic c*4, (c+32)/2, c//2\n` +
    `  if top { ... } else { ... }  inside a def or preset: conditions like top, s != 1, not proj\n` +
    `  # comment                  to the end of the line\n` +
    `  e.g. def basic(c, s=1) { residual { conv c 3 stride=s pad=1 bias=false > bn > relu > conv c 3 pad=1 bias=false > bn } > relu }\n` +
    `       input 56x56x64 > { basic 64 } x2`,
  'help.presetOptions': () => `Every preset also takes in=HxW (or in=T) and trainable=false; explain-preset NAME shows its data file.`,
  'help.presetWords': () =>
    `In words too: vgg16 with 2 classes, vgg16 without the top, vgg16 frozen (trainable=false: the whole model), vgg16 2 類; or its constructor: VGG16(weights=None, classes=2), resnet18(num_classes=10).`,
  'help.library': () => `Library defs (written in the language; usable like kinds; explain-preset NAME shows one):`,
  'help.finetune': () =>
    `Fine-tuning and memory:\n` +
    `  vgg16 top=false trainable=false > flatten > dense 256 > dense 2     transfer learning: the backbone frozen\n` +
    `  llama-2-7b > lora r=8 targets=q_proj,v_proj    LoRA (PEFT's rule: a module whose name ends with a target; q,k,v,o name the projections)\n` +
    `  gpt2 --memory --seq 1024 --batch 8             weights at fp32/fp16/bf16/int8/int4, Adam training, KV cache`,
};
