/** 繁體中文訊息：測驗題目、提示、計算過程與作答。`v` 選擇說法；'' 代表該選項用預設值。鍵與參數必須與 en/quiz.ts 一致。 */
import type { P } from '../params.js';
import type { quiz as En } from '../en/quiz.js';

const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;
/** Python 程式碼裡的數字：1024，不寫成文字裡的 1,024。 */
const py = (n: string) => n.replace(/,/g, '');
/** `padding 'valid'`、`padding 'same'`、`padding 1`：一律寫出，題目不讓人猜補零方式。 */
const padding = (pad: string) => (pad === 'valid' || pad === 'same' ? `padding '${pad}'` : `padding ${pad}`);
/** `、stride 2、padding 'valid'、dilation 2、groups=2`：padding 一律列出，其餘只列非預設值。 */
const convOptions = (p: P<'stride' | 'pad' | 'dilation' | 'groups'>) =>
  [p.stride && `stride ${p.stride}`, padding(p.pad), p.dilation && `dilation ${p.dilation}`, p.groups && `groups=${p.groups}`]
    .filter(Boolean)
    .map((s) => `、${s}`)
    .join('');
const it = (of: string) => (of === 'model' ? '這個模型' : of === 'block' ? '這組層' : '它');
const bias = (b: string) => (b === 'no' ? '不含偏差' : '含偏差');

type Conv = P<'v' | 'cin' | 'cout' | 'k' | 'size' | 'stride' | 'pad' | 'dilation' | 'groups' | 'bias'>;
type Ask = P<'v' | 'of'>;

export const quiz: typeof En = {
  // ── 層的描述 ──
  'd.dense': (p: P<'v' | 'in' | 'out' | 'bias'>) =>
    pick(p.v, `一個 Dense 層有 ${p.in} 個輸入、${p.out} 個神經元，${bias(p.bias)}。`, `${p.in} 個輸入接到一個有 ${p.out} 個神經元的全連接層（${bias(p.bias)}）。`),
  'd.denseSequence': (p: P<'v' | 't' | 'in' | 'out' | 'bias'>) =>
    pick(
      p.v,
      `把 Keras 的 Dense(${py(p.out)}${p.bias === 'no' ? ', use_bias=False' : ''})（${bias(p.bias)}）套用在形狀為 (${py(p.t)}, ${py(p.in)}) 的序列上。`,
      `序列有 ${p.t} 個時間步，每步 ${p.in} 個特徵，接著套用一個 ${p.out} 個神經元的 Dense 層（${bias(p.bias)}）。`,
    ),
  'd.embedding': (p: P<'v' | 'vocab' | 'd' | 't'>) =>
    pick(p.v, `一個 Embedding 層把 ${p.vocab} 個詞的詞彙表對應到 ${p.d} 維的向量；輸入是長度 ${p.t} 的序列。`, `長度 ${p.t} 的詞編號序列（詞彙量 ${p.vocab}）經過一個 ${p.d} 維的嵌入層。`),
  'd.conv': (p: Conv) =>
    pick(
      p.v,
      `一個 Conv2D 層：${p.cout} 個 ${p.k} 的濾波器${convOptions(p)}，${bias(p.bias)}，輸入為 ${p.size}、${p.cin} 個通道。`,
      `在 ${p.size}、${p.cin} 個通道的輸入上，卷積層套用 ${p.cout} 個 ${p.k} 的濾波器${convOptions(p)}（${bias(p.bias)}）。`,
    ),
  'd.conv1d': (p: Conv) =>
    pick(
      p.v,
      `一個 Conv1D 層：${p.cout} 個大小為 ${p.k} 的濾波器${convOptions(p)}，${bias(p.bias)}，輸入是 ${p.size} 步、${p.cin} 個通道的序列。`,
      `一個 ${p.size} 步、${p.cin} 個通道的序列經過一維卷積：${p.cout} 個濾波器，卷積核大小 ${p.k}${convOptions(p)}（${bias(p.bias)}）。`,
    ),
  'd.deconv': (p: P<'v' | 'cin' | 'cout' | 'k' | 'stride' | 'size'>) =>
    pick(
      p.v,
      `一個 Conv2DTranspose 層：${p.cout} 個 ${p.k} 的濾波器、stride ${p.stride}，含偏差，輸入為 ${p.size}、${p.cin} 個通道。`,
      `轉置卷積用 ${p.cout} 個 ${p.k} 的濾波器、stride ${p.stride}，把 ${p.size}×${p.cin} 的輸入放大（含偏差）。`,
    ),
  'd.bn': (p: P<'v' | 'shape' | 'framework'>) =>
    pick(p.v, `在形狀為 ${p.shape} 的特徵圖上做 BatchNormalization（${p.framework}）。`, `在 ${p.framework} 中，一個卷積層輸出 ${p.shape}，後面接一個批次正規化層。`),
  'd.bnPartial': (p: P<'v' | 'shape' | 'off'>) =>
    pick(p.v, `在形狀為 ${p.shape} 的特徵圖上做 Keras 的 BatchNormalization(${p.off}=False)。`, `用 ${p.off}=False 的批次正規化（Keras）正規化 ${p.shape} 的特徵圖。`),
  'd.ln': (p: P<'v' | 't' | 'd'>) =>
    pick(p.v, `在形狀為 (${py(p.t)}, ${py(p.d)}) 的序列的最後一軸上做 LayerNormalization。`, `層正規化會對 ${p.t} 個 token 各自做正規化，每個 token 是 ${p.d} 維的向量。`),
  'd.gn': (p: P<'v' | 'g' | 'shape'>) => pick(p.v, `在形狀為 ${p.shape} 的特徵圖上做分成 ${p.g} 組的 GroupNormalization。`, `群組正規化把 ${p.shape} 特徵圖的通道分成 ${p.g} 組。`),
  'd.pool': (p: P<'v' | 'k' | 'stride' | 'shape' | 'avg'>) =>
    pick(
      p.v,
      `在 ${p.shape} 的輸入上做 ${p.avg === 'yes' ? 'AveragePooling2D' : 'MaxPooling2D'}：視窗 ${p.k}、stride ${p.stride}（padding 'valid'）。`,
      `${p.shape} 的特徵圖經過${p.avg === 'yes' ? '平均' : '最大'}池化：視窗 ${p.k}、stride ${p.stride}，不補零。`,
    ),
  'd.dwconv': (p: P<'v' | 'c' | 'k' | 'mult' | 'size' | 'stride' | 'pad' | 'bias'>) =>
    pick(
      p.v,
      `一個卷積核 ${p.k} 的 DepthwiseConv2D${p.mult === '1' ? '' : `（深度倍數 ${p.mult}）`}${p.stride ? `，stride ${p.stride}` : ''}，${padding(p.pad)}，${bias(p.bias)}，輸入為 ${p.size}×${p.c}。`,
      `深度卷積（${p.k}${p.mult === '1' ? '' : `、depth_multiplier=${p.mult}`}${p.stride ? `、stride ${p.stride}` : ''}、${padding(p.pad)}，${bias(p.bias)}）作用在 ${p.size}、${p.c} 個通道的輸入上。`,
    ),
  'd.sepconv': (p: P<'v' | 'cin' | 'cout' | 'k' | 'mult' | 'size' | 'stride' | 'pad'>) =>
    pick(
      p.v,
      `Keras 的 SeparableConv2D(${py(p.cout)}, ${p.k}${p.mult === '1' ? '' : `, depth_multiplier=${p.mult}`})（含偏差${p.stride ? `，stride ${p.stride}` : ''}，${padding(p.pad)}），輸入為 ${p.size}、${p.cin} 個通道。`,
      `可分離卷積有 ${p.cout} 個輸出通道、${p.k} 的深度卷積核${p.mult === '1' ? '' : `（深度倍數 ${p.mult}）`}${p.stride ? `、stride ${p.stride}` : ''}、${padding(p.pad)}，作用在 ${p.size}×${p.cin} 的輸入上，含偏差。`,
    ),
  'd.recurrent': (p: P<'v' | 'type' | 'in' | 'h' | 't' | 'framework' | 'layers' | 'bidirectional' | 'resetAfter'>) => {
    const extra = [p.layers && `${p.layers} 層堆疊`, p.bidirectional && '雙向', p.resetAfter === 'no' && 'reset_after=False'].filter(Boolean).join('、');
    return pick(
      p.v,
      `一個 ${p.framework} 的 ${p.type} 層，隱藏單元 ${p.h} 個${extra ? `（${extra}）` : ''}，讀入 ${p.t} 個時間步、每步 ${p.in} 個特徵的序列。`,
      `${p.t} 個時間步、每步 ${p.in} 個特徵的序列輸入 ${p.framework} 的 ${p.type}，隱藏大小 ${p.h}${extra ? `，${extra}` : ''}。`,
    );
  },
  'd.mha': (p: P<'v' | 'heads' | 'd' | 't' | 'key'>) =>
    pick(
      p.v,
      `在 (${py(p.t)}, ${py(p.d)}) 的序列上做自注意力：MultiHeadAttention 有 ${p.heads} 個頭，每個頭大小 ${p.key}（key_dim=${p.key}），含偏差。`,
      `一個多頭注意力層在 ${p.t} 個 ${p.d} 維的 token 上運作，共 ${p.heads} 個頭（每個 ${p.key} 維，含偏差）。`,
    ),

  // ── 問題本身 ──
  'ask.params': (p: Ask) => pick(p.v, `${it(p.of)}有多少個參數？`, `權重加上偏差，${it(p.of)}總共有多少個參數？`, `${it(p.of)}的參數量是多少？`),
  'ask.trainable': (p: Ask) => pick(p.v, `${it(p.of)}有多少個「可訓練」參數？`, `${it(p.of)}的參數中有多少個可訓練？`),
  'ask.nonTrainable': (p: Ask) => pick(p.v, `${it(p.of)}有多少個「不可訓練」參數？`, `${it(p.of)}的權重中有多少個不可訓練？`),
  'ask.summary': (p: Ask) => pick(p.v, `Keras 的摘要（summary）會把${it(p.of)}的參數量印成多少（可訓練與不可訓練合計）？`),
  'ask.torchParams': (p: Ask) => pick(p.v, `sum(p.numel() for p in ${p.of === 'layer' ? 'layer' : 'model'}.parameters()) 會得到多少？`),
  'ask.macs': (p: Ask) => pick(p.v, `${it(p.of)}需要多少 MACs（乘加運算，不含偏差）？`, `${it(p.of)}做一次前向傳播需要多少次乘加運算（偏差的加法不算）？`),
  'ask.height': (p: Ask) => pick(p.v, `${p.of === 'layer' ? '它的' : '最後一層的'}輸出高度是多少？`, `最後輸出的特徵圖高度（H_out）是多少？`),
  'ask.size': (p: Ask) => pick(p.v, `最後一層每個樣本輸出幾個數值？`, `最後一層的輸出（每個樣本）總共有多少個值？`),
  'ask.largest': () => `哪一層的參數最多？請回答它的編號：輸入之後的第一層是 1。`,

  // ── 完整的題目 ──
  'q.code': (p: P<'code'>) => `\`\`\`python\n${p.code}\n\`\`\``,
  'q.inverseUnits': (p: P<'v' | 'in' | 'target'>) =>
    pick(p.v, `一個有 ${p.in} 個輸入的 Dense 層（含偏差）共有 ${p.target} 個參數。它有幾個神經元？`, `有 ${p.in} 個輸入、含偏差的 Dense 層要有幾個神經元，參數量才會剛好是 ${p.target}？`),
  'q.inverseInputs': (p: P<'v' | 'out' | 'target'>) =>
    pick(p.v, `一個 ${p.out} 個神經元的 Dense 層（含偏差）共有 ${p.target} 個參數。它有幾個輸入？`, `含偏差的 Dense(${p.out}) 若有 ${p.target} 個參數，它讀入幾個輸入？`),
  'q.inverseFilters': (p: P<'v' | 'cin' | 'k' | 'target'>) =>
    pick(
      p.v,
      `一個 Conv2D 層用 ${p.k} 的濾波器（含偏差），輸入 ${p.cin} 個通道，共有 ${p.target} 個參數。它有幾個濾波器？`,
      `輸入 ${p.cin} 個通道、含偏差的卷積要幾個 ${p.k} 的濾波器，參數量才會剛好是 ${p.target}？`,
    ),
  'q.inverseChannels': (p: P<'v' | 'cout' | 'k' | 'target'>) =>
    pick(
      p.v,
      `一個 Conv2D 層有 ${p.cout} 個 ${p.k} 的濾波器（含偏差），共有 ${p.target} 個參數。它的輸入有幾個通道？`,
      `${p.cout} 個 ${p.k} 濾波器、含偏差的卷積若有 ${p.target} 個參數，它讀入幾個通道？`,
    ),
  'q.separableSaving': (p: P<'v' | 'cin' | 'cout' | 'k'>) =>
    pick(
      p.v,
      `SeparableConv2D(${py(p.cout)}, ${py(p.k)}) 比一般的 Conv2D(${py(p.cout)}, ${py(p.k)}) 少多少個參數？兩者都輸入 ${p.cin} 個通道、含偏差。`,
      `把輸入 ${p.cin} 個通道、${p.cout} 個 ${p.k} 濾波器的 Conv2D 換成相同大小的 SeparableConv2D（都含偏差），參數會少幾個？`,
    ),
  'lead.keras': () => `這段 Keras 程式碼建立了一層：`,
  'lead.torch': () => `這段 PyTorch 程式碼建立了一層：`,
  'lead.model': () => `一個 Keras 模型，逐層列出：`,
  'lead.frozenModel': () => `一個 Keras 模型，前面幾層已凍結（trainable=False），後面接上新的分類層：`,
  'lead.block': () => `一組連續的層：`,
  'lead.kerasModel': () => `這段 Keras 程式碼建立了一個模型：`,
  'lead.torchModel': () => `這段 PyTorch 程式碼建立了一個模型：`,
  'lead.kernelNote': () => `（Conv2D(16, 3) 表示 16 個 3×3 的濾波器；沒寫 padding="same" 的都是 'valid'；除非寫了 use_bias=False，每一層都含偏差。）`,

  // ── 提示：答錯又對不上常見錯誤時，該回頭檢查的地方 ──
  'hint.dense': () => `Dense 層有 IN×OUT 個權重和 OUT 個偏差：(IN + 1)×OUT。`,
  'hint.embedding': () => `嵌入層就是一張 V×D 的表，沒有別的。`,
  'hint.conv': () => `每個濾波器有 k×k×C_in 個權重和一個偏差：(k×k×C_in + 1)×C_out。`,
  'hint.inverse': () => `把未知數寫成 x 列出參數量，令它等於題目給的數字，再解出 x。`,
  'hint.batchnorm': () => `BatchNorm 每個通道學 γ 和 β，另外保留移動平均與移動變異數（Keras 列為不可訓練，PyTorch 放在緩衝區）。`,
  'hint.height': () => `每一邊都用 H_out = ⌊(H + 2p − k)/s⌋ + 1 逐層算（池化沒指定 stride 時，stride 等於池化大小）。`,
  'hint.separable': () => `深度卷積的濾波器只涵蓋一個通道（每個通道 k×k）；可分離卷積再加上 1×1 的逐點卷積（C_in×C_out）和它的偏差。`,
  'hint.recurrent': () => `每個閘有 IN×H 的輸入權重、H×H 的遞迴權重和偏差；LSTM 有 4 個閘、GRU 有 3 個，SimpleRNN 沒有閘。`,
  'hint.model': () => `逐層計算，也逐層算出輸出形狀：Flatten 的大小決定了後面 Dense 層的參數量。`,
  'hint.attention': () => `四個 D×D 的投影（query、key、value、輸出），各有 D 個偏差：4·(D×D + D)。`,
  'hint.macs': () => `MACs = 輸出位置數（H_out×W_out）× 每個位置的乘加次數（k×k×C_in×C_out）；偏差不算。`,

  // ── 計算過程 ──
  'work.part': (p: P<'size' | 'role'>) => `${p.size} 個${p.role}`,
  'work.weight': () => `權重`,
  'work.bias': () => `偏差`,
  'work.scale': () => ` γ`,
  'work.shift': () => ` β`,
  'work.statistic': () => `移動平均統計量`,
  'work.trainableTag': () => `（可訓練）`,
  'work.nonTrainableTag': () => `（不可訓練）`,
  'work.total': () => `合計`,
  'work.trainable': (p: P<'total' | 'nonTrainable' | 'result'>) => `可訓練 = 總數 − 不可訓練 = ${p.total} − ${p.nonTrainable} = ${p.result}`,
  'work.nonTrainable': (p: P<'total' | 'nonTrainable' | 'result'>) => `不可訓練 = ${p.result}（總數 ${p.total}）`,
  'work.difference': (p: P<'from' | 'minus' | 'result'>) => `少了 ${p.from} − ${p.minus} = ${p.result} 個參數`,
  'work.solve': (p: P<'slope' | 'offset' | 'target' | 'result'>) => `${p.slope}·x + ${p.offset} = ${p.target}，所以 x = (${p.target} − ${p.offset}) / ${p.slope} = ${p.result}`,
  'work.solveLinear': (p: P<'slope' | 'target' | 'result'>) => `${p.slope}·x = ${p.target}，所以 x = ${p.target} / ${p.slope} = ${p.result}`,
  'work.largest': (p: P<'layer' | 'index'>) => `參數最多的是第 ${p.index} 層：${p.layer}`,

  // ── 作答 ──
  'answer.notANumber': (p: P<'token'>) => `\`${p.token}\` 不是一個數量：請用整數作答，例如 1792、1,792、1.792k 或 (3×3×3 + 1)×64。`,
  'answer.notWhole': (p: P<'token'>) => `\`${p.token}\` 不是整數個參數：請給精確的數字。`,
  'answer.badChoice': (p: P<'token' | 'last'>) => `\`${p.token}\` 不是選項之一：請回答 A 到 ${p.last}，或直接回答數字。`,
  'answer.hint': (p: P<'hint'>) => `沒有常見錯誤會得到這個數字；請檢查：${p.hint}`,
};
