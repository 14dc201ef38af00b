/** English messages: the counting engine (errors, kinds, mistakes, conventions, rendering, --help). */
import type { P } from '../params.js';

export const engine = {
  // ── errors: one line naming the bad token and the expected form ──
  'err.notANumber': (p: P<'token' | 'what'>) => `\`${p.token}\` is not a valid ${p.what}: expected a whole number such as 64.`,
  'err.fractional': (p: P<'token' | 'what'>) => `\`${p.token}\` is not a valid ${p.what}: sizes are whole numbers, not fractions.`,
  'err.tooSmall': (p: P<'token' | 'what' | 'min'>) => `\`${p.token}\` is not a valid ${p.what}: it must be at least ${p.min}.`,
  'err.tooLarge': (p: P<'token' | 'what' | 'max'>) => `\`${p.token}\` is too large for ${p.what}: the largest size accepted is ${p.max}.`,
  'err.tupleRank': (p: P<'token' | 'what' | 'rank'>) => `\`${p.token}\` does not fit ${p.what}: give one number or ${p.rank} joined by x (e.g. 3x3).`,
  'err.notAFunctional': (p: P<'token'>) => `\`functional=${p.token}\`: expected true, false or the call as forward writes it (\`functional=x.mean\`).`,
  'err.notABool': (p: P<'token' | 'what'>) => `\`${p.token}\` is not a valid ${p.what}: expected true or false.`,
  'err.notARate': (p: P<'token' | 'what'>) => `\`${p.token}\` is not a valid ${p.what}: expected a rate from 0 up to (not including) 1, e.g. 0.5.`,
  'err.notAChoice': (p: P<'token' | 'what' | 'choices'>) => `\`${p.token}\` is not a valid ${p.what}: expected one of ${p.choices}.`,
  'err.argCount': (p: P<'kind' | 'usage' | 'example' | 'got' | 'expected'>) => `\`${p.kind}\` takes ${p.expected} argument(s), got ${p.got}: expected \`${p.usage}\`, e.g. \`${p.example}\`.`,
  'err.unknownOption': (p: P<'kind' | 'key' | 'allowed'>) => `\`${p.key}=\` is not an option of \`${p.kind}\`; it takes: ${p.allowed}.`,
  'err.badOptionToken': (p: P<'token' | 'kind'>) => `\`${p.token}\` in \`${p.kind}\` is not a valid option: expected key=value, e.g. stride=2.`,
  'err.duplicateOption': (p: P<'key' | 'kind'>) => `\`${p.key}=\` is given twice in \`${p.kind}\`: give each option once.`,
  'err.inRank': (p: P<'kind' | 'token' | 'expected'>) => `\`${p.token}\` does not fit \`${p.kind}\`: expected in=${p.expected}.`,
  'err.shapeChain': (p: P<'kind' | 'expected' | 'got'>) => `\`${p.kind}\` expects an input of shape ${p.expected}, but receives ${p.got}: the shapes do not chain.`,
  'err.channelMismatch': (p: P<'kind' | 'arg' | 'declared' | 'actual'>) => `\`${p.kind}\` declares ${p.arg}=${p.declared} but its input has ${p.actual}: leave ${p.arg} out inside a model, or fix it.`,
  'err.needsArg': (p: P<'kind' | 'arg' | 'missing' | 'given' | 'usage' | 'example'>) =>
    `\`${p.kind}\` on its own takes every number of \`${p.usage}\`; with ${p.given}, ${p.missing} (the last) is missing: e.g. \`${p.example}\` (after an \`input\`, ${p.arg} may be left out).`,
  'err.unknownChannels': (p: P<'kind' | 'arg'>) =>
    `\`${p.kind}\` cannot tell its ${p.arg}: the layer before it does not say how many channels it outputs. Give ${p.arg}, or start with \`input HxWxC\`.`,
  'err.needsIn': (p: P<'kind' | 'form'>) => `\`${p.kind}\` needs the input size to count its parameters: add in=${p.form} or use it inside a model.`,
  'err.convNotExact': (p: P<'kind' | 'size' | 'kernel' | 'stride' | 'left'>) =>
    `\`${p.kind}\` with exact=true: windows of ${p.kernel} every ${p.stride} do not tile the side ${p.size} (${p.left} left over), and the model refuses such an input (ViT's patches: the image side must be a multiple of the patch size).`,
  'err.kernelTooLarge': (p: P<'kind' | 'kernel' | 'size' | 'padded'>) =>
    `\`${p.kind}\`: the kernel (${p.kernel}) is larger than the input (${p.size}, ${p.padded} after padding): use pad=same, a smaller kernel or a larger input.`,
  'err.samePaddingStride': (p: P<'kind'>) => `\`${p.kind}\`: PyTorch does not allow padding='same' with stride > 1: give pad=N, or use --framework keras.`,
  'err.noSameTorch': (p: P<'kind'>) => `\`${p.kind}\`: PyTorch has no padding='same' here: give pad=N, or use --framework keras.`,
  'err.poolPadding': (p: P<'kind' | 'pad' | 'kernel'>) => `\`${p.kind}\`: pad=${p.pad} is more than half the pool size ${p.kernel}: a window would hold only padding.`,
  'err.outputPadding': (p: P<'outpad' | 'stride'>) => `outpad=${p.outpad} must be smaller than the stride (${p.stride}).`,
  'err.groups': (p: P<'kind' | 'cin' | 'cout' | 'groups'>) => `\`${p.kind}\`: channels not divisible by groups: C_in=${p.cin} and C_out=${p.cout} must both be multiples of groups=${p.groups}.`,
  'err.groupNorm': (p: P<'c' | 'groups'>) => `\`gn\`: ${p.c} channels cannot be split into ${p.groups} groups: C must be a multiple of G.`,
  'err.resetAfterTorch': () => `reset_after=false is a Keras GRU option; PyTorch's GRU always keeps two bias vectors. Use --framework keras.`,
  'err.mhaDivisible': (p: P<'d' | 'heads'>) => `\`mha\`: PyTorch needs DMODEL divisible by HEADS (${p.d} / ${p.heads}): change one, or use --framework keras with key_dim=.`,
  'err.mhaTorchHeadSize': (p: P<'d' | 'heads' | 'size'>) => `\`mha\`: PyTorch's head size is DMODEL/HEADS = ${p.size}; key_dim/value_dim other than that need --framework keras.`,
  'err.mhaKeyDim': (p: P<'d' | 'heads'>) => `\`mha\`: ${p.d} does not divide into ${p.heads} heads: give key_dim=K (Keras).`,
  'err.tooLargeShape': (p: P<'shape'>) => `the shape ${p.shape} has more elements than can be counted exactly here.`,
  'err.reshape': (p: P<'from' | 'to'>) => `\`reshape\`: ${p.from} cannot become ${p.to}: the number of elements differs.`,
  'err.inInModel': (p: P<'layer'>) => `\`${p.layer}\`: in= is for a single layer; inside a model the input comes from the previous layer.`,
  'err.residual': (p: P<'main' | 'shortcut'>) => `a residual branch gives ${p.main} but its shortcut gives ${p.shortcut}: they must match to be added.`,
  'err.empty': () => `Nothing to count: give a layer such as \`conv 3 64 3\`.`,
  'err.flagValue': (p: P<'flag' | 'expected'>) => `\`${p.flag}\` needs a value: ${p.flag} ${p.expected}.`,
  'err.unknownFlag': (p: P<'flag'>) => `\`${p.flag}\` is not a known flag: use --framework keras|pytorch, --json, --lang en|zh-TW, --layers, --log, --memory, --seq N or --batch N.`,
  'err.tooLong': (p: P<'max'>) => `The spec is too long: the limit is ${p.max} characters.`,
  'err.codeTooLong': (p: P<'max'>) => `The pasted code is too long: the limit is ${p.max} characters.`,
  'count.cutLines': (p: P<'n' | 'max'>) => `… ${p.n} more lines left out: one answer shows at most ${p.max} characters (use --json for every row).`,
  'count.cut': (p: P<'max'>) => `… the rest is cut: one answer shows at most ${p.max} characters (use --json, or fewer layers).`,
  'err.tooManyAxes': (p: P<'what' | 'max'>) => `The ${p.what} shape has too many axes: at most ${p.max}.`,
  'err.tooManyLayers': (p: P<'max'>) => `Too many layers: a model may have at most ${p.max} once expanded, counting every repetition.`,
  'err.inputFirst': () => `\`input\` must come first: \`input 224x224x3 > conv 64 3 > ...\`.`,
  'err.presetFirst': (p: P<'preset'>) => `\`${p.preset}\` is a whole model: it can only come first, e.g. \`${p.preset} top=false > flatten > dense 10\`.`,
  'err.unknownKind': (p: P<'token'>) => `\`${p.token}\` is not a layer kind: try conv, dense, bn, lstm, maxpool, ...`,
  'err.unknownKindSuggest': (p: P<'token' | 'suggestion'>) => `\`${p.token}\` is not a layer kind: did you mean \`${p.suggestion}\`?`,

  'help.pointCli': () => `(see \`paramquiz count --help\`)`,

  // ── layer kinds (for --help) ──
  'kind.conv': (p: P<'rank'>) => `${p.rank}D convolution: (k×…×C_in/groups + 1)×C_out.`,
  'kind.deconv': (p: P<'rank'>) => `${p.rank}D transposed convolution: same count as a convolution, larger output.`,
  'kind.dwconv': () => `Depthwise 2D convolution: one k×k filter per input channel (×mult).`,
  'kind.sepconv': () => `Separable 2D convolution: depthwise k×k, then a 1×1 pointwise convolution.`,
  'kind.bilinear': () => `Bilinear layer (PyTorch Bilinear: y = x₁ᵀA x₂ + b, two inputs): OUT×IN1×IN2 + OUT.`,
  'kind.dense': () => `Fully connected layer (Keras Dense, PyTorch Linear): (IN + 1)×OUT.`,
  'kind.embedding': () => `Embedding table: V×D, no bias.`,
  'kind.bn': () => `Batch normalization: γ, β per channel (+ moving mean/variance in Keras).`,
  'kind.ln': () => `Layer normalization over the last axis: γ, β per feature.`,
  'kind.gn': () => `Group normalization: G groups, γ, β per channel.`,
  'kind.rnn': () => `Simple RNN: IN×H + H×H + bias(es).`,
  'kind.lstm': () => `LSTM: 4 gates × (IN×H + H×H + bias(es)).`,
  'kind.gru': () => `GRU: 3 gates × (IN×H + H×H + bias(es)).`,
  'kind.mha': () => `Multi-head self-attention: query, key, value and output projections.`,
  'kind.prelu': () => `PReLU: learned negative slopes (per element in Keras, one in PyTorch by default).`,
  'kind.activation': () => `Activation: no parameters.`,
  'kind.pool': (p: P<'rank'>) => `${p.rank}D pooling: no parameters; stride defaults to K.`,
  'kind.globalPool': () => `Global pooling: H×W×C becomes C; no parameters.`,
  'kind.adaptivepool': (p: P<'rank' | 'pooling'>) => `${p.rank}D adaptive ${p.pooling} pooling (PyTorch) to a fixed size; no parameters.`,
  'kind.flatten': () => `Flatten: H×W×C becomes one axis; no parameters.`,
  'kind.dropout': () => `Dropout: no parameters, shape unchanged.`,
  'kind.reshape': () => `Reshape: same elements, new shape; no parameters.`,
  'kind.permute': () => `Permute (torchvision): 0,2,3,1 holds an image channels last (N×H×W×C), 0,3,1,2 channels first again; same elements, no parameters.`,
  'kind.zeropad': () => `Zero padding: N on every side, HxW (rows, columns), B:A (before:after) or T:BxL:R; no parameters.`,

  // ── common mistakes, one per kind ──
  'mistake.conv': () => `each filter spans all input channels (k×k×C_in, not k×k), and there is one bias per filter, not per weight.`,
  'mistake.deconv': () => `a transposed convolution has exactly the parameters of the matching convolution; only the output grows.`,
  'mistake.dwconv': () => `a depthwise filter sees one channel: k×k×C, not k×k×C×C.`,
  'mistake.sepconv': () => `count both parts: the depthwise k×k×C_in and the pointwise C_in×C_out (plus C_out biases).`,
  'mistake.bilinear': () => `counting it as a Linear on the two inputs side by side, (IN1 + IN2 + 1)×OUT: each output has a whole IN1×IN2 matrix.`,
  'mistake.dense': () => `forgetting the OUT biases, or using the wrong IN after a flatten (H×W×C of the layer before).`,
  'mistake.embedding': () => `an embedding has no bias and no input channels: just V×D.`,
  'mistake.bn': () => `only γ and β are trainable (2 per channel); the moving mean and variance are not trained.`,
  'mistake.ln': () => `layer norm learns γ and β per feature of the last axis, not per position.`,
  'mistake.gn': () => `γ and β are per channel, not per group.`,
  'mistake.rnn': () => `the recurrent weights are H×H and come on top of the IN×H input weights.`,
  'mistake.lstm': () => `an LSTM has 4 gates, each with input, recurrent and bias weights: multiply by 4.`,
  'mistake.gru': () => `a GRU has 3 gates; Keras (reset_after=True) and PyTorch both keep two bias vectors.`,
  'mistake.mha': () => `there are four projections (query, key, value, output), each with a bias.`,
  'mistake.prelu': () => `Keras learns one slope per input element unless shared_axes is set; PyTorch learns one in total by default.`,
  'mistake.activation': () => `activations have no parameters.`,
  'mistake.pool': () => `pooling has no parameters; it only shrinks H and W (by the stride, which defaults to the pool size).`,
  'mistake.globalPool': () => `global pooling has no parameters and leaves only the channels.`,
  'mistake.flatten': () => `flatten has no parameters, but its output size H×W×C decides the next dense layer's count.`,
  'mistake.dropout': () => `dropout has no parameters and does not change the shape.`,
  'mistake.shape': () => `this layer has no parameters; it only changes the shape.`,

  // ── notes on conventions ──
  'note.bnKeras': (p: P<'c' | 'torch'>) =>
    `Keras convention: γ and β are trainable; the moving mean and variance (2×${p.c}) are non-trainable weights. PyTorch counts ${p.torch} parameters (its running statistics are buffers).`,
  'note.bnTorch': (p: P<'c' | 'keras'>) => `PyTorch convention: running_mean and running_var are buffers, not parameters. Keras's summary shows ${p.keras} (moving statistics as non-trainable).`,
  'note.rnnKeras': (p: P<'torch'>) => `Keras convention: one bias vector per gate. PyTorch keeps two (b_ih and b_hh): ${p.torch} parameters.`,
  'note.gruKeras': (p: P<'torch'>) => `Keras convention (reset_after=True, the TF2 default, keeps two bias vectors; reset_after=false keeps one). PyTorch: ${p.torch}.`,
  'note.rnnTorch': (p: P<'keras'>) => `PyTorch convention: two bias vectors per gate (b_ih and b_hh). Keras: ${p.keras}.`,
  'note.preluKeras': () => `Keras PReLU() learns one alpha per input element; per=channel is PReLU(shared_axes=[1, 2]). PyTorch's nn.PReLU() learns 1.`,
  'note.preluTorch': () => `PyTorch nn.PReLU() learns a single alpha; nn.PReLU(C) learns one per channel (per=channel). Keras PReLU() learns one per element.`,
  'note.depthwiseTorch': (p: P<'c' | 'cout'>) => `In PyTorch this is nn.Conv2d(${p.c}, ${p.cout}, k, groups=${p.c}).`,
  'note.separableTorch': () => `PyTorch has no separable layer: it is a depthwise Conv2d(groups=C_in, bias=False) followed by a 1×1 Conv2d.`,
  'note.separableSaving': (p: P<'standard' | 'ratio'>) => `A standard convolution with the same sizes has ${p.standard} parameters (${p.ratio}× as many).`,

  // ── rendering ──
  'fw.keras': () => 'Keras',
  'fw.pytorch': () => 'PyTorch',
  'role.weight': () => 'weights',
  'role.bias': () => 'biases',
  'role.scale': () => 'γ',
  'role.shift': () => 'β',
  'role.statistic': () => 'moving statistics (non-trainable)',
  'count.layerHeader': (p: P<'type' | 'spec' | 'total'>) => `${p.type} (${p.spec}): ${p.total} parameters`,
  'count.trainableSplit': (p: P<'trainable' | 'nonTrainable'>) => `(trainable ${p.trainable}, non-trainable ${p.nonTrainable})`,
  'count.noParams': () => `no parameters.`,
  'count.output': (p: P<'shape'>) => `Output shape: ${p.shape}`,
  'count.addIn': (p: P<'form'>) => `(add in=${p.form} for the full shape and MACs)`,
  'torchinfo.title': (p: P<'input'>) =>
    `torchinfo's summary(model, input_size=${p.input}) would end with (fp32; sizes in decimal units, 1 MB = 10^6 bytes, where the total above is in MiB = 2^20; its mult-adds include the biases):`,
  'count.macs': (p: P<'macs' | 'flops'>) => `MACs: ${p.macs}; FLOPs = 2×MACs = ${p.flops} (bias excluded: the fvcore/thop convention)`,
  'count.macsUnknown': () => `MACs: unknown without the input size.`,
  'count.note': (p: P<'text'>) => `Note: ${p.text}`,
  'count.agree': () => `Keras and PyTorch count this the same way.`,
  'count.convention': (p: P<'framework' | 'other' | 'total'>) => `Counted with ${p.framework} conventions; ${p.other} conventions give ${p.total} in total.`,
  'count.mistake': (p: P<'text'>) => `Common mistake: ${p.text}`,
  'count.mistakes': () => `Common mistakes (the count each gives, and why it is wrong):`,
  'summary.model': (p: P<'framework'>) => `Model summary (${p.framework} conventions)`,
  'summary.kerasConnected': () => `Where the model branches (a residual, a concatenation), Keras's table also has a "Connected to" column, each layer's inputs: it is left out here.`,
  'summary.preset': (p: P<'name' | 'source' | 'framework'>) => `${p.name}: ${p.source} (${p.framework} conventions)`,
  'summary.presetBorrowed': (p: P<'name' | 'sources' | 'framework'>) => `${p.name}: the architecture of ${p.sources}, counted with ${p.framework} conventions`,
  'summary.layer': () => 'Layer (type)',
  'summary.shape': () => 'Output Shape',
  'summary.params': () => 'Param #',
  'summary.block': () => 'Block',
  'summary.share': () => 'Share',
  'summary.total': (p: P<'total' | 'memory'>) => `Total params: ${p.total} (${p.memory} at fp32)`,
  'summary.trainable': (p: P<'n'>) => `Trainable params: ${p.n}`,
  'summary.nonTrainable': (p: P<'n'>) => `Non-trainable params: ${p.n}`,
  'summary.formulas': () => `Formulas:`,
  // ── --help ──
  'help.usage': () => `Usage: paramquiz count SPEC [--framework keras|pytorch] [--json] [--lang en|zh-TW] [--layers] [--log] [--chart FILE.png] [--memory] [--seq N] [--batch N]`,
  'help.usageChat': () => `Usage: /count SPEC [--framework keras|pytorch] [--lang en|zh-TW] [--layers] [--log] [--memory] [--seq N] [--batch N]   (share:true posts the answer in the channel)`,
  'help.language': () =>
    `A layer is KIND ARGS... [key=value ...]. Chain layers with > and start a model with input HxWxC (or input T D, input N);\n` +
    `inside a model the input channels (CIN, IN, C) may be left out. Framework code works too: nn.Conv2d(3, 64, 3), layers.Dense(10),\n` +
    `or a whole pasted model (a class, a Sequential), with in=1x28x28 before it for shapes and MACs.`,
  'help.options': () => `Options (key=value; each kind lists the ones it takes):`,
  'help.presets': () => `Presets (published architectures, each a data file citing its source; the count matches the library's):`,
  'help.flags': () =>
    `Flags:\n` +
    `  --framework keras|pytorch  whose convention where they differ (BatchNorm statistics, RNN biases, PReLU); Keras by default\n` +
    `  --json                     machine-readable output: {framework, total, trainable, nonTrainable, macs, layers: [...]}\n` +
    `  --lang en|zh-TW            language of the explanation (also PARAMQUIZ_LANG)\n` +
    `  --layers                   every layer of a preset, not only the per-block table\n` +
    `  --chart FILE.png           also draw where a model's parameters are, as a PNG (the CLI; chats attach it)\n` +
    `  --log                      that chart on a log scale\n` +
    `  --memory                   memory: weights by precision, training with Adam, the KV cache\n` +
    `  --seq N, --batch N         a sequence model's length (MACs, KV cache) and the batch of the KV cache\n` +
    `  --depth N                  the nested module tree to depth N (3 when N is left out): torchinfo's summary(depth=N)\n` +
    `                             under PyTorch, Keras's summary(expand_nested=True) under Keras`,
  'help.examples': () =>
    `Examples:\n` +
    `  paramquiz count conv 3 64 3\n` +
    `  paramquiz count bn 64 --framework pytorch\n` +
    `  paramquiz count "input 224x224x3 > conv 64 3 pad=same > maxpool 2 > flatten > dense 10"\n` +
    `  paramquiz count vgg16 classes=2\n` +
    `  paramquiz count "nn.LSTM(128, 256, num_layers=2, bidirectional=True)"\n` +
    `  paramquiz count "input 32x32x3 > conv 16 3 pad=same > { residual { conv 16 3 pad=same > bn > relu > conv 16 3 pad=same > bn } > relu } x3"\n` +
    `  paramquiz count gpt2 --layers\n` +
    `  paramquiz count "llama-2-7b > lora r=8 targets=q_proj,v_proj" --memory\n` +
    `  paramquiz count "encoder_layer 512 8 dim_feedforward=2048 norm_first=true"\n` +
    `  paramquiz count explain-preset resnet50`,
  'help.code': () =>
    `Framework code (read, never run: a small reader of the Python that model files use):\n` +
    `  nn.Conv2d(3, 64, 3), layers.Dense(10), nn.LSTM(128, 256, num_layers=2)   one layer, as the framework writes it\n` +
    `  a whole model: a class with __init__ and forward, an nn.Sequential, a Keras Sequential or functional script\n` +
    `  in=1x28x28 before the code                 the input, for shapes and MACs\n` +
    `  a Hugging Face config.json                 counted as its architecture family builds it\n` +
    `  VGG16(weights=None, classes=2), resnet18(num_classes=10)   a published model by its constructor (weights= changes no count)\n` +
    `  a file                                     on the command line, on standard input (< net.py); in a chat, /count file: or pasted after /count`,
  'help.topics': () => `Topics:`,
  'helpTopic.layers': () => `every layer kind, by family, with an example`,
  'helpTopic.options': () => `key=value options (stride, pad, groups, bias, in, …)`,
  'helpTopic.models': () => `writing a model: groups, repeats, residual, concat, def`,
  'helpTopic.presets': () => `published architectures (vgg16, resnet50, gpt2, …) and their options`,
  'helpTopic.code': () => `pasting PyTorch or Keras code, or a config.json`,
  'helpTopic.memory': () => `fine-tuning, LoRA and memory (weights, training, KV cache)`,
  'helpTopic.flags': () => `--framework, --json, --layers, --memory, … and more examples`,
  'help.quickExamples': () =>
    `Examples:\n` +
    `  paramquiz count conv 3 64 3\n` +
    `  paramquiz count "input 224x224x3 > conv 64 3 pad=same > maxpool 2 > flatten > dense 10"\n` +
    `  paramquiz count vgg16 classes=2\n` +
    `  paramquiz count "nn.LSTM(128, 256, num_layers=2, bidirectional=True)"`,
  'family.conv': () => `Convolutions`,
  'family.dense': () => `Dense and embedding`,
  'family.norm': () => `Normalization`,
  'family.recurrent': () => `Recurrent`,
  'family.attention': () => `Attention`,
  'family.activation': () => `Activations`,
  'family.shape': () => `Pooling and shape (no parameters)`,
  'opt.bias': () => `bias=false leaves out the bias (PyTorch bias=False, Keras use_bias=False)`,
  'opt.stride': () => `stride=S or SxT; pooling defaults to the pool size`,
  'opt.pad': () => `pad=valid (default), same, N or NxM (zeros added on each side)`,
  'opt.dilation': () => `dilation=D spreads the kernel; parameters unchanged`,
  'opt.groups': () => `groups=G splits channels into G groups: weights ÷ G`,
  'opt.mult': () => `mult=M depth multiplier of dwconv and sepconv`,
  'opt.exact': () => `exact=true refuses an input the windows do not tile exactly, as a model that requires it does (ViT's patches)`,
  'opt.outpad': () => `outpad=N output padding of a transposed convolution`,
  'opt.in': () => `in=HxW input size of a single layer, for the output shape and MACs`,
  'opt.trainable': () => `trainable=false freezes the layer: its weights become non-trainable (Keras)`,
  'opt.layers': () => `layers=N stacked recurrent layers (PyTorch num_layers)`,
  'opt.bidirectional': () => `bidirectional=true doubles the recurrent layer and its output`,
  'opt.seq': () => `seq=true returns every time step (Keras return_sequences); PyTorch always does`,
  'opt.reset_after': () => `reset_after=false Keras GRU with one bias vector (TF1 style)`,
  'opt.key_dim': () => `key_dim=K size of each attention head (Keras); default DMODEL/HEADS`,
  'opt.value_dim': () => `value_dim=V size of each value head (Keras); default key_dim`,
  'opt.affine': () => `affine=false no γ and β (PyTorch affine=False)`,
  'opt.scale': () => `scale=false no γ (Keras)`,
  'opt.center': () => `center=false no β (Keras)`,
  'opt.per': () => `per=element|channel|one how many PReLU slopes`,
  'opt.keepdims': () => `keepdims=true global pooling keeps 1×1 spatial axes`,
  'opt.top': () => `top=false a preset without its classifier (Keras include_top=False)`,
  'opt.classes': () => `classes=N a preset's number of classes (default 1000)`,
};
