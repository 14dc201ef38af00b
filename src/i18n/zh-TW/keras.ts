/** 繁體中文訊息：Keras Applications 模型用到的層（前處理、LayerScale、裁切）與 `from` 分支。 */
import type { P } from '../params.js';
import type { keras as En } from '../en/keras.js';

export const keras: typeof En = {
  'kind.rescaling': () => `Rescaling：x·scale + offset（Keras 前處理）；兩個常數，沒有參數。`,
  'kind.normalization': () => `Keras Normalization：每個通道 (x − mean)/√variance；經 adapt() 後，mean、variance 與 count 是 2·C + 1 個不可訓練的權重。`,
  'kind.crop': () => `裁切 H 與 W（Keras Cropping2D）；沒有參數。`,

  'mistake.rescaling': () => `scale 與 offset 是這一層的常數，不是權重：Rescaling 沒有參數。`,
  'mistake.normalization': () => `adapt() 過的 Normalization 保存每個通道的平均與變異數，以及看過的樣本數：2·C + 1，全部不可訓練；若直接給定 mean= 與 variance=，它們是常數（0）。`,

  'note.normalizationKeras': (p: P<'c'>) => `Keras 慣例：adapt() 之後，mean（${p.c}）、variance（${p.c}）與 count（1）是不可訓練的權重；都不參與訓練。`,
  'note.normalizationTorch': (p: P<'c'>) => `PyTorch 慣例：存在模組裡的 mean 與 std 是緩衝區，不是參數（torchvision 在 transforms 裡做正規化）。Keras 的摘要會列出 2×${p.c} + 1 個不可訓練參數。`,
  'note.normalizationFixed': () => `mean= 與 variance= 直接給定數值：是這一層的常數，不是權重（EfficientNetV2、ConvNeXt）。`,

  'why.rescalingConstants': () => `Rescaling 的 scale 與 offset 是建立這一層時就給定的數，不是權重。`,
  'why.normalizationNoAffine': () => `Normalization 不學任何東西：不像 BatchNorm 有 γ 與 β，只有 adapt() 量到的統計量（給定時則一個也沒有）。`,
  'why.normalizationCount': () => `adapt() 過的 Keras Normalization 還保存看過的樣本數：多一個權重。`,
  'why.normalizationConstants': () => `給定 mean= 與 variance= 時，統計量是這一層的常數，不是權重：0 個參數。`,
  'why.layerscaleNoShift': () => `LayerScale 只做乘法：有 γ，沒有 β。`,
  'why.cropOneSide': (p: P<'p'>) => `裁切 ${p.p} 會從兩側各去掉 ${p.p}：H − 2·${p.p}。`,

  'err.edges': (p: P<'token' | 'what'>) => `\`${p.token}\` 不是有效的 ${p.what}：應為 N、NxM、B:A（前:後）或 B:AxB:A。`,
  'err.cropTooLarge': (p: P<'kind' | 'shape' | 'crop'>) => `\`${p.kind} ${p.crop}\` 會把 ${p.shape} 的輸入裁得一點不剩。`,
  'err.fromBefore': (p: P<'name'>) => `\`from ${p.name}\`：在它之前沒有名為 \`${p.name}\` 的層或群組被計算過。`,
  'err.fromName': (p: P<'token'>) => `\`${p.token}\`：\`from\` 只接一個名稱：from NAME。`,

  'opt.fixed': () => `fixed=true 直接給定 mean= 與 variance= 的 Normalization：常數，沒有權重`,
  'opt.preprocessing': () => `preprocessing=false 不含 Rescaling/Normalization 的 Keras 內建模型（include_preprocessing=False）`,
};
