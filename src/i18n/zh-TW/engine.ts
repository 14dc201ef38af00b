/** 繁體中文訊息：計數引擎。鍵與參數必須與 en/engine.ts 一致（由型別檢查保證）。 */
import type { P } from '../params.js';
import type { engine as En } from '../en/engine.js';

export const engine: typeof En = {
  // ── 錯誤訊息 ──
  'err.notANumber': (p: P<'token' | 'what'>) => `\`${p.token}\` 不是有效的 ${p.what}：請給整數，例如 64。`,
  'err.fractional': (p: P<'token' | 'what'>) => `\`${p.token}\` 不是有效的 ${p.what}：大小必須是整數，不能是小數。`,
  'err.tooSmall': (p: P<'token' | 'what' | 'min'>) => `\`${p.token}\` 不是有效的 ${p.what}：至少要是 ${p.min}。`,
  'err.tooLarge': (p: P<'token' | 'what' | 'max'>) => `\`${p.token}\` 對 ${p.what} 來說太大了：上限是 ${p.max}。`,
  'err.tupleRank': (p: P<'token' | 'what' | 'rank'>) => `\`${p.token}\` 不符合 ${p.what}：請給一個數字，或用 x 連接的 ${p.rank} 個數字（例如 3x3）。`,
  'err.notAFunctional': (p: P<'token'>) => `\`functional=${p.token}\`：請給 true、false，或 forward 裡呼叫的寫法（\`functional=x.mean\`）。`,
  'err.notABool': (p: P<'token' | 'what'>) => `\`${p.token}\` 不是有效的 ${p.what}：請給 true 或 false。`,
  'err.notARate': (p: P<'token' | 'what'>) => `\`${p.token}\` 不是有效的 ${p.what}：請給 0 到 1 之間（不含 1）的比例，例如 0.5。`,
  'err.notAChoice': (p: P<'token' | 'what' | 'choices'>) => `\`${p.token}\` 不是有效的 ${p.what}：可用的值為 ${p.choices}。`,
  'err.argCount': (p: P<'kind' | 'usage' | 'example' | 'got' | 'expected'>) => `\`${p.kind}\` 需要 ${p.expected} 個引數，卻收到 ${p.got} 個：格式為 \`${p.usage}\`，例如 \`${p.example}\`。`,
  'err.unknownOption': (p: P<'kind' | 'key' | 'allowed'>) => `\`${p.key}=\` 不是 \`${p.kind}\` 的選項；可用的選項：${p.allowed}。`,
  'err.badOptionToken': (p: P<'token' | 'kind'>) => `\`${p.kind}\` 中的 \`${p.token}\` 不是有效的選項：格式為 key=value，例如 stride=2。`,
  'err.duplicateOption': (p: P<'key' | 'kind'>) => `\`${p.kind}\` 重複給了 \`${p.key}=\`：每個選項只能給一次。`,
  'err.inRank': (p: P<'kind' | 'token' | 'expected'>) => `\`${p.token}\` 不符合 \`${p.kind}\`：格式應為 in=${p.expected}。`,
  'err.shapeChain': (p: P<'kind' | 'expected' | 'got'>) => `\`${p.kind}\` 需要形狀為 ${p.expected} 的輸入，卻收到 ${p.got}：前後層的形狀接不起來。`,
  'err.channelMismatch': (p: P<'kind' | 'arg' | 'declared' | 'actual'>) => `\`${p.kind}\` 宣告 ${p.arg}=${p.declared}，但輸入有 ${p.actual}：在模型中可以省略 ${p.arg}，或改正它。`,
  'err.needsArg': (p: P<'kind' | 'arg' | 'missing' | 'given' | 'usage' | 'example'>) =>
    `單獨一層的 \`${p.kind}\` 要給齊 \`${p.usage}\` 的每個數字；只給了 ${p.given} 個，缺少最後的 ${p.missing}：例如 \`${p.example}\`（在 \`input\` 之後可以省略 ${p.arg}）。`,
  'err.unknownChannels': (p: P<'kind' | 'arg'>) => `\`${p.kind}\` 無法得知 ${p.arg}：前一層沒有說明輸出幾個通道。請給 ${p.arg}，或以 \`input HxWxC\` 開頭。`,
  'err.needsIn': (p: P<'kind' | 'form'>) => `\`${p.kind}\` 需要輸入大小才能計算參數量：請加上 in=${p.form}，或放在模型中。`,
  'err.convNotExact': (p: P<'kind' | 'size' | 'kernel' | 'stride' | 'left'>) =>
    `\`${p.kind}\`（exact=true）：大小 ${p.kernel}、步幅 ${p.stride} 的視窗無法剛好鋪滿邊長 ${p.size}（剩下 ${p.left}），模型不接受這樣的輸入（ViT 的區塊：影像邊長必須是區塊大小的倍數）。`,
  'err.kernelTooLarge': (p: P<'kind' | 'kernel' | 'size' | 'padded'>) => `\`${p.kind}\`：卷積核（${p.kernel}）比輸入（${p.size}，填充後 ${p.padded}）還大：請用 pad=same、較小的卷積核或較大的輸入。`,
  'err.samePaddingStride': (p: P<'kind'>) => `\`${p.kind}\`：PyTorch 不允許 padding='same' 搭配 stride > 1：請給 pad=N，或改用 --framework keras。`,
  'err.noSameTorch': (p: P<'kind'>) => `\`${p.kind}\`：PyTorch 在這裡沒有 padding='same'：請給 pad=N，或改用 --framework keras。`,
  'err.poolPadding': (p: P<'kind' | 'pad' | 'kernel'>) => `\`${p.kind}\`：pad=${p.pad} 超過池化大小 ${p.kernel} 的一半：有的視窗會只包含填充。`,
  'err.outputPadding': (p: P<'outpad' | 'stride'>) => `outpad=${p.outpad} 必須小於 stride（${p.stride}）。`,
  'err.groups': (p: P<'kind' | 'cin' | 'cout' | 'groups'>) => `\`${p.kind}\`：通道數無法被 groups 整除：C_in=${p.cin} 與 C_out=${p.cout} 都必須是 groups=${p.groups} 的倍數。`,
  'err.groupNorm': (p: P<'c' | 'groups'>) => `\`gn\`：${p.c} 個通道無法分成 ${p.groups} 組：C 必須是 G 的倍數。`,
  'err.resetAfterTorch': () => `reset_after=false 是 Keras GRU 的選項；PyTorch 的 GRU 一律有兩組偏差。請改用 --framework keras。`,
  'err.mhaDivisible': (p: P<'d' | 'heads'>) => `\`mha\`：PyTorch 要求 DMODEL 能被 HEADS 整除（${p.d} / ${p.heads}）：請修改其一，或用 --framework keras 並給 key_dim=。`,
  'err.mhaTorchHeadSize': (p: P<'d' | 'heads' | 'size'>) => `\`mha\`：PyTorch 每個頭的大小固定為 DMODEL/HEADS = ${p.size}；其他的 key_dim/value_dim 需要 --framework keras。`,
  'err.mhaKeyDim': (p: P<'d' | 'heads'>) => `\`mha\`：${p.d} 無法平均分給 ${p.heads} 個頭：請給 key_dim=K（Keras）。`,
  'err.tooLargeShape': (p: P<'shape'>) => `形狀 ${p.shape} 的元素太多，無法在這裡精確計算。`,
  'err.reshape': (p: P<'from' | 'to'>) => `\`reshape\`：${p.from} 無法變成 ${p.to}：元素個數不同。`,
  'err.inInModel': (p: P<'layer'>) => `\`${p.layer}\`：in= 只用於單一層；在模型中，輸入來自前一層。`,
  'err.residual': (p: P<'main' | 'shortcut'>) => `殘差分支輸出 ${p.main}，捷徑卻輸出 ${p.shortcut}：兩者必須相同才能相加。`,
  'err.empty': () => `沒有可計算的東西：請給一層，例如 \`conv 3 64 3\`。`,
  'err.flagValue': (p: P<'flag' | 'expected'>) => `\`${p.flag}\` 需要一個值：${p.flag} ${p.expected}。`,
  'err.unknownFlag': (p: P<'flag'>) => `\`${p.flag}\` 不是已知的旗標：可用 --framework keras|pytorch、--json、--lang en|zh-TW、--layers、--log、--memory、--seq N 或 --batch N。`,
  'err.tooLong': (p: P<'max'>) => `規格太長：上限為 ${p.max} 個字元。`,
  'err.codeTooLong': (p: P<'max'>) => `貼上的程式碼太長了：上限是 ${p.max} 個字元。`,
  'count.cutLines': (p: P<'n' | 'max'>) => `……另有 ${p.n} 行省略：一次回答最多顯示 ${p.max} 個字元（要看每一列請用 --json）。`,
  'count.cut': (p: P<'max'>) => `……其餘省略：一次回答最多顯示 ${p.max} 個字元（請用 --json，或減少層數）。`,
  'err.tooManyAxes': (p: P<'what' | 'max'>) => `${p.what} 的形狀軸數太多：最多 ${p.max} 個軸。`,
  'err.tooManyLayers': (p: P<'max'>) => `層數太多：一個模型展開後（每次重複都算）最多 ${p.max} 層。`,
  'err.inputFirst': () => `\`input\` 必須放在最前面：\`input 224x224x3 > conv 64 3 > ...\`。`,
  'err.presetFirst': (p: P<'preset'>) => `\`${p.preset}\` 是完整的模型：只能放在最前面，例如 \`${p.preset} top=false > flatten > dense 10\`。`,
  'err.unknownKind': (p: P<'token'>) => `\`${p.token}\` 不是層的種類：試試 conv、dense、bn、lstm、maxpool……`,
  'err.unknownKindSuggest': (p: P<'token' | 'suggestion'>) => `\`${p.token}\` 不是層的種類：你是指 \`${p.suggestion}\` 嗎？`,

  'help.pointCli': () => `（見 \`paramquiz count --help\`）`,

  // ── 層的種類 ──
  'kind.conv': (p: P<'rank'>) => `${p.rank}D 卷積：(k×…×C_in/groups + 1)×C_out。`,
  'kind.deconv': (p: P<'rank'>) => `${p.rank}D 轉置卷積：參數量與卷積相同，輸出較大。`,
  'kind.dwconv': () => `深度（depthwise）2D 卷積：每個輸入通道一個 k×k 濾波器（×mult）。`,
  'kind.sepconv': () => `可分離 2D 卷積：先做深度 k×k 卷積，再做 1×1 逐點卷積。`,
  'kind.bilinear': () => `雙線性層（PyTorch Bilinear：y = x₁ᵀA x₂ + b，兩個輸入）：OUT×IN1×IN2 + OUT。`,
  'kind.dense': () => `全連接層（Keras Dense、PyTorch Linear）：(IN + 1)×OUT。`,
  'kind.embedding': () => `嵌入表：V×D，沒有偏差。`,
  'kind.bn': () => `批次正規化：每個通道 γ、β（Keras 另有移動平均與移動變異數）。`,
  'kind.ln': () => `層正規化（最後一軸）：每個特徵 γ、β。`,
  'kind.gn': () => `群組正規化：分成 G 組，每個通道 γ、β。`,
  'kind.rnn': () => `簡單遞迴神經網路（SimpleRNN）：IN×H + H×H + 偏差。`,
  'kind.lstm': () => `LSTM：4 個閘 × (IN×H + H×H + 偏差)。`,
  'kind.gru': () => `GRU：3 個閘 × (IN×H + H×H + 偏差)。`,
  'kind.mha': () => `多頭自注意力：query、key、value 與輸出投影。`,
  'kind.prelu': () => `PReLU：可學習的負斜率（Keras 預設每個元素一個，PyTorch 預設只有一個）。`,
  'kind.activation': () => `激勵函數：沒有參數。`,
  'kind.pool': (p: P<'rank'>) => `${p.rank}D 池化：沒有參數；stride 預設等於 K。`,
  'kind.globalPool': () => `全域池化：H×W×C 變成 C；沒有參數。`,
  'kind.adaptivepool': (p: P<'rank' | 'pooling'>) => `${p.rank}D 自適應${p.pooling === 'max' ? '最大' : '平均'}池化（PyTorch），輸出固定大小；沒有參數。`,
  'kind.flatten': () => `攤平：H×W×C 變成一維；沒有參數。`,
  'kind.dropout': () => `Dropout：沒有參數，形狀不變。`,
  'kind.reshape': () => `重塑：元素不變、形狀改變；沒有參數。`,
  'kind.permute': () => `重排維度（torchvision 的 Permute）：0,2,3,1 把影像改成通道在後（N×H×W×C），0,3,1,2 改回通道在前；元素不變，沒有參數。`,
  'kind.zeropad': () => `補零：每邊 N、HxW（上下、左右）、B:A（前:後）或 T:BxL:R（上:下x左:右）；沒有參數。`,

  // ── 常見錯誤 ──
  'mistake.conv': () => `每個濾波器涵蓋所有輸入通道（k×k×C_in，不是 k×k），而且每個濾波器只有一個偏差，不是每個權重一個。`,
  'mistake.deconv': () => `轉置卷積的參數量和對應的卷積完全相同；只有輸出變大。`,
  'mistake.dwconv': () => `深度卷積的每個濾波器只看一個通道：k×k×C，不是 k×k×C×C。`,
  'mistake.sepconv': () => `兩部分都要算：深度的 k×k×C_in，加上逐點的 C_in×C_out（再加 C_out 個偏差）。`,
  'mistake.bilinear': () => `把它當成兩個輸入並排的 Linear，(IN1 + IN2 + 1)×OUT：其實每個輸出都有一整個 IN1×IN2 矩陣。`,
  'mistake.dense': () => `忘了 OUT 個偏差，或攤平後用錯 IN（應為前一層的 H×W×C）。`,
  'mistake.embedding': () => `嵌入層沒有偏差，也沒有輸入通道：就是 V×D。`,
  'mistake.bn': () => `只有 γ 和 β 可訓練（每個通道 2 個）；移動平均與變異數不參與訓練。`,
  'mistake.ln': () => `層正規化的 γ、β 是針對最後一軸的每個特徵，不是每個位置。`,
  'mistake.gn': () => `γ 和 β 是每個通道一組，不是每個群組一組。`,
  'mistake.rnn': () => `遞迴權重 H×H 要加在輸入權重 IN×H 之外。`,
  'mistake.lstm': () => `LSTM 有 4 個閘，每個閘都有輸入權重、遞迴權重與偏差：要乘以 4。`,
  'mistake.gru': () => `GRU 有 3 個閘；Keras（reset_after=True）和 PyTorch 都有兩組偏差。`,
  'mistake.mha': () => `共有四個投影（query、key、value、輸出），每個都有偏差。`,
  'mistake.prelu': () => `Keras 預設每個輸入元素一個斜率（除非設定 shared_axes）；PyTorch 預設全部只有一個。`,
  'mistake.activation': () => `激勵函數沒有參數。`,
  'mistake.pool': () => `池化沒有參數；它只會依 stride（預設等於池化大小）縮小 H 與 W。`,
  'mistake.globalPool': () => `全域池化沒有參數，只留下通道。`,
  'mistake.flatten': () => `攤平沒有參數，但它的輸出大小 H×W×C 決定了下一個全連接層的參數量。`,
  'mistake.dropout': () => `Dropout 沒有參數，也不改變形狀。`,
  'mistake.shape': () => `這一層沒有參數；它只改變形狀。`,

  // ── 框架慣例說明 ──
  'note.bnKeras': (p: P<'c' | 'torch'>) => `Keras 的慣例：γ 與 β 可訓練；移動平均與移動變異數（2×${p.c}）列為不可訓練的權重。PyTorch 只算 ${p.torch} 個參數（它把移動平均統計量放在緩衝區）。`,
  'note.bnTorch': (p: P<'c' | 'keras'>) => `PyTorch 的慣例：running_mean 與 running_var 是緩衝區，不是參數。Keras 的摘要會顯示 ${p.keras}（移動平均統計量算作不可訓練的權重）。`,
  'note.rnnKeras': (p: P<'torch'>) => `Keras 的慣例：每個閘一組偏差。PyTorch 每個閘有兩組（b_ih 與 b_hh）：共 ${p.torch} 個參數。`,
  'note.gruKeras': (p: P<'torch'>) => `Keras 的慣例（reset_after=True 是 TF 2 的預設，有兩組偏差；reset_after=false 只有一組）。PyTorch：${p.torch}。`,
  'note.rnnTorch': (p: P<'keras'>) => `PyTorch 的慣例：每個閘兩組偏差（b_ih 與 b_hh）。Keras：${p.keras}。`,
  'note.preluKeras': () => `Keras 的 PReLU() 每個輸入元素學一個 alpha；per=channel 相當於 PReLU(shared_axes=[1, 2])。PyTorch 的 nn.PReLU() 只學 1 個。`,
  'note.preluTorch': () => `PyTorch 的 nn.PReLU() 只學一個 alpha；nn.PReLU(C) 每個通道一個（per=channel）。Keras 的 PReLU() 每個元素一個。`,
  'note.depthwiseTorch': (p: P<'c' | 'cout'>) => `在 PyTorch 中這是 nn.Conv2d(${p.c}, ${p.cout}, k, groups=${p.c})。`,
  'note.separableTorch': () => `PyTorch 沒有可分離卷積層：它是深度 Conv2d(groups=C_in, bias=False) 接一個 1×1 Conv2d。`,
  'note.separableSaving': (p: P<'standard' | 'ratio'>) => `相同大小的一般卷積有 ${p.standard} 個參數（是 ${p.ratio} 倍）。`,

  // ── 輸出 ──
  'fw.keras': () => 'Keras',
  'fw.pytorch': () => 'PyTorch',
  'role.weight': () => '權重',
  'role.bias': () => '偏差',
  'role.scale': () => 'γ',
  'role.shift': () => 'β',
  'role.statistic': () => '移動統計量（不可訓練）',
  'count.layerHeader': (p: P<'type' | 'spec' | 'total'>) => `${p.type}（${p.spec}）：${p.total} 個參數`,
  'count.trainableSplit': (p: P<'trainable' | 'nonTrainable'>) => `（可訓練 ${p.trainable}，不可訓練 ${p.nonTrainable}）`,
  'count.noParams': () => `沒有參數。`,
  'count.output': (p: P<'shape'>) => `輸出形狀：${p.shape}`,
  'count.addIn': (p: P<'form'>) => `（加上 in=${p.form} 即可得到完整形狀與 MACs）`,
  'torchinfo.title': (p: P<'input'>) =>
    `torchinfo 的 summary(model, input_size=${p.input}) 會以這幾行結尾（fp32；大小用十進位單位，1 MB = 10^6 位元組，上面的總計則是 MiB = 2^20；它的 mult-adds 含偏差）：`,
  'count.macs': (p: P<'macs' | 'flops'>) => `MACs：${p.macs}；FLOPs = 2×MACs = ${p.flops}（不含偏差：fvcore/thop 慣例）`,
  'count.macsUnknown': () => `MACs：沒有輸入大小，無法計算。`,
  'count.note': (p: P<'text'>) => `說明：${p.text}`,
  'count.agree': () => `Keras 與 PyTorch 的計算方式相同。`,
  'count.convention': (p: P<'framework' | 'other' | 'total'>) => `依 ${p.framework} 的慣例計算；依 ${p.other} 的慣例總共是 ${p.total}。`,
  'count.mistake': (p: P<'text'>) => `常見錯誤：${p.text}`,
  'count.mistakes': () => `常見錯誤（各自會算出的數字，以及錯在哪裡）：`,
  'summary.model': (p: P<'framework'>) => `模型摘要（${p.framework} 慣例）`,
  'summary.kerasConnected': () => `模型有分支（殘差、串接）時，Keras 的表格還有一欄「Connected to」，列出每層的輸入：這裡沒有列出。`,
  'summary.preset': (p: P<'name' | 'source' | 'framework'>) => `${p.name}：${p.source}（${p.framework} 慣例）`,
  'summary.presetBorrowed': (p: P<'name' | 'sources' | 'framework'>) => `${p.name}：${p.sources} 的架構，依 ${p.framework} 慣例計算`,
  'summary.layer': () => '層（類型）',
  'summary.shape': () => '輸出形狀',
  'summary.params': () => '參數量',
  'summary.block': () => '區塊',
  'summary.share': () => '佔比',
  'summary.total': (p: P<'total' | 'memory'>) => `總參數量：${p.total}（fp32 佔 ${p.memory}）`,
  'summary.trainable': (p: P<'n'>) => `可訓練參數：${p.n}`,
  'summary.nonTrainable': (p: P<'n'>) => `不可訓練參數：${p.n}`,
  'summary.formulas': () => `公式：`,
  // ── --help ──
  'help.usage': () => `用法：paramquiz count 規格 [--framework keras|pytorch] [--json] [--lang en|zh-TW] [--layers] [--log] [--chart 檔案.png] [--memory] [--seq N] [--batch N]`,
  'help.usageChat': () => `用法：/count 規格 [--framework keras|pytorch] [--lang en|zh-TW] [--layers] [--log] [--memory] [--seq N] [--batch N]   （加上 share:true 會把結果貼到頻道）`,
  'help.language': () =>
    `一層寫成 種類 引數... [key=value ...]。用 > 串接各層，模型以 input HxWxC（或 input T D、input N）開頭；\n` +
    `在模型中可以省略輸入通道（CIN、IN、C）。也可以直接貼框架程式碼：nn.Conv2d(3, 64, 3)、layers.Dense(10)。`,
  'help.options': () => `選項（key=value；每種層會列出它接受的選項）：`,
  'help.presets': () => `內建模型（已發表的架構，每個都是註明出處的資料檔；參數量與原函式庫一致）：`,
  'help.flags': () =>
    `旗標：\n` +
    `  --framework keras|pytorch  兩者計算方式不同時依誰的慣例（BatchNorm 統計量、RNN 偏差、PReLU）；預設 Keras\n` +
    `  --json                     機器可讀的輸出：{framework, total, trainable, nonTrainable, macs, layers: [...]}\n` +
    `  --lang en|zh-TW            說明的語言（也可用 PARAMQUIZ_LANG）\n` +
    `  --layers                   內建模型列出每一層，而不只是各區塊的表\n` +
    `  --chart 檔案.png           另外把模型的參數分布畫成 PNG（命令列；聊天室會附上圖片）\n` +
    `  --log                      該圖改用對數刻度\n` +
    `  --memory                   記憶體：各精度的權重、用 Adam 訓練、KV 快取\n` +
    `  --seq N、--batch N         序列模型的長度（MACs、KV 快取）與 KV 快取的批次大小\n` +
    `  --depth N                  巢狀模組樹，展開到第 N 層（省略 N 時為 3）：PyTorch 照 torchinfo 的 summary(depth=N)，\n` +
    `                             Keras 照 summary(expand_nested=True)`,
  'help.examples': () =>
    `範例：\n` +
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
    `框架程式碼（只讀不執行：用一個小型的讀取器讀模型檔常用的 Python）：\n` +
    `  nn.Conv2d(3, 64, 3)、layers.Dense(10)、nn.LSTM(128, 256, num_layers=2)   單一層，照框架的寫法\n` +
    `  整個模型：有 __init__ 和 forward 的類別、nn.Sequential、Keras 的 Sequential 或函數式腳本\n` +
    `  程式碼前加 in=1x28x28                      輸入大小，用來算形狀和 MACs\n` +
    `  Hugging Face 的 config.json                依它的架構家族建出來計算\n` +
    `  VGG16(weights=None, classes=2)、resnet18(num_classes=10)   用建構函式指定已發表的模型（weights= 不影響參數量）\n` +
    `  一個檔案                                   命令列上從標準輸入讀（< net.py）；在聊天室用 /count file:，或貼在 /count 後面`,
  'help.topics': () => `主題：`,
  'helpTopic.layers': () => `所有層的種類，依類別列出，附範例`,
  'helpTopic.options': () => `key=value 選項（stride、pad、groups、bias、in……）`,
  'helpTopic.models': () => `怎麼寫模型：群組、重複、殘差、concat、def`,
  'helpTopic.presets': () => `內建的已發表架構（vgg16、resnet50、gpt2……）與它們的選項`,
  'helpTopic.code': () => `貼上 PyTorch 或 Keras 程式碼，或 config.json`,
  'helpTopic.memory': () => `微調、LoRA 與記憶體（權重、訓練、KV 快取）`,
  'helpTopic.flags': () => `--framework、--json、--layers、--memory 等旗標，以及更多範例`,
  'help.quickExamples': () =>
    `範例：\n` +
    `  paramquiz count conv 3 64 3\n` +
    `  paramquiz count "input 224x224x3 > conv 64 3 pad=same > maxpool 2 > flatten > dense 10"\n` +
    `  paramquiz count vgg16 classes=2\n` +
    `  paramquiz count "nn.LSTM(128, 256, num_layers=2, bidirectional=True)"`,
  'family.conv': () => `卷積`,
  'family.dense': () => `全連接與嵌入`,
  'family.norm': () => `正規化`,
  'family.recurrent': () => `遞迴神經網路`,
  'family.attention': () => `注意力`,
  'family.activation': () => `激勵函數`,
  'family.shape': () => `池化與形狀（沒有參數）`,
  'opt.bias': () => `bias=false 不含偏差（PyTorch bias=False、Keras use_bias=False）`,
  'opt.stride': () => `stride=S 或 SxT；池化預設等於池化大小`,
  'opt.pad': () => `pad=valid（預設）、same、N 或 NxM（每邊補零）`,
  'opt.dilation': () => `dilation=D 擴張卷積核；參數量不變`,
  'opt.groups': () => `groups=G 把通道分成 G 組：權重 ÷ G`,
  'opt.mult': () => `mult=M dwconv 與 sepconv 的深度倍數`,
  'opt.exact': () => `exact=true 視窗無法剛好鋪滿輸入時拒絕計算，如同要求整除的模型（ViT 的區塊）`,
  'opt.outpad': () => `outpad=N 轉置卷積的輸出填充`,
  'opt.in': () => `in=HxW 單一層的輸入大小，用來算輸出形狀與 MACs`,
  'opt.trainable': () => `trainable=false 凍結這一層：權重變成不可訓練（Keras）`,
  'opt.layers': () => `layers=N 堆疊的遞迴層數（PyTorch num_layers）`,
  'opt.bidirectional': () => `bidirectional=true 雙向：遞迴層與輸出加倍`,
  'opt.seq': () => `seq=true 輸出每個時間步（Keras return_sequences）；PyTorch 一律如此`,
  'opt.reset_after': () => `reset_after=false 只有一組偏差的 Keras GRU（TF1 風格）`,
  'opt.key_dim': () => `key_dim=K 每個注意力頭的大小（Keras）；預設 DMODEL/HEADS`,
  'opt.value_dim': () => `value_dim=V 每個 value 頭的大小（Keras）；預設等於 key_dim`,
  'opt.affine': () => `affine=false 沒有 γ 與 β（PyTorch affine=False）`,
  'opt.scale': () => `scale=false 沒有 γ（Keras）`,
  'opt.center': () => `center=false 沒有 β（Keras）`,
  'opt.per': () => `per=element|channel|one PReLU 斜率的數量`,
  'opt.keepdims': () => `keepdims=true 全域池化保留 1×1 的空間軸`,
  'opt.top': () => `top=false 不含分類器的內建模型（Keras include_top=False）`,
  'opt.classes': () => `classes=N 內建模型的類別數（預設 1000）`,
};
