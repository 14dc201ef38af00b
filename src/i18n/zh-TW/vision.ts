/** 繁體中文訊息：視覺模型的層（視窗注意力、層縮放、空間轉深度）與常見錯誤。鍵與參數必須與 en/vision.ts 一致。 */
import type { P } from '../params.js';
import type { vision as En } from '../en/vision.js';

export const vision: typeof En = {
  'err.notTiled': (p: P<'kind' | 'size' | 'block'>) => `\`${p.kind}\`：邊長 ${p.size} 不是 ${p.block} 的倍數：請加 ceil=true 先補齊（Swin 的做法），或換一個輸入大小。`,
  'err.cpbWithoutV2': (p: P<'token'>) => `\`windowattn\`：\`${p.token}\` 設定的是 Swin V2 位置偏差 MLP 的寬度：請加上 v2=true。`,
  'err.windowHeads': (p: P<'d' | 'heads'>) => `\`windowattn\`：${p.d} 個通道無法平均分給 ${p.heads} 個頭。`,

  'kind.windowattn': () => `M×M 視窗內的注意力（Swin、MaxViT）：3×(D+1)×D + (D+1)×D，加上 (2M−1)²×h 的相對位置偏差（V2：改為 MLP 與 logit 縮放）。`,
  'kind.layerscale': () => `層縮放（CaiT、ConvNeXt）：每個通道一個學習的 γ，縮放區塊的輸出：C。`,
  'kind.spacetodepth': () => `空間轉深度：把 B×B 的相鄰位置疊到通道上，H×W×C → H/B×W/B×B²C；沒有參數。`,

  'mistake.windowattn': () => `相對位置偏差表是視窗內兩個位置之間的每一種相對位移一列，共 (2M−1)² 列，再乘上 h 個頭：不是 M²，也不是 M⁴（那是索引緩衝區，不是參數）；所有視窗共用同一組權重。`,
  'mistake.layerscale': () => `γ 的初始值是很小的常數（ConvNeXt 是 1e-6），但它是學出來的：C 個參數，每個通道一個。`,
  'mistake.spacetodepth': () => `沒有學習任何東西，但通道數變成 B² 倍：Swin 的 patch merging 對 4C 個通道做正規化，再投影 4C → 2C。`,

  'note.windowattn': (p: P<'m' | 'tokens' | 'heads'>) => `在 ${p.m}×${p.m} 的視窗內做注意力（每個視窗 ${p.tokens} 個詞元，${p.heads} 個頭）：不論有沒有平移，每個視窗的 Q/K/V 與輸出權重都相同。`,
  'note.windowTable': (p: P<'rows' | 'heads' | 'cpb' | 'index'>) => `相對位置偏差：學習的表有 ${p.rows} 種相對位移 × ${p.heads} 個頭；從表中取值的 ${p.index} 個索引是緩衝區，不是參數。`,
  'note.windowCpb': (p: P<'rows' | 'heads' | 'cpb' | 'index'>) =>
    `Swin V2：${p.rows} 種相對位移的偏差由一個 MLP（2 → ${p.cpb} → ${p.heads}，第二層沒有偏差）從對數間距的座標（緩衝區）算出，每個頭還為餘弦注意力學一個 logit 縮放。`,
  'note.layerscale': (p: P<'c'>) => `層縮放：${p.c} 個學習的 γ，每個通道一個，在與捷徑相加之前乘上區塊的輸出。`,

  'why.tableWindowArea': (p: P<'m' | 'h'>) => `偏差表是每種相對位移一列，${p.m}×${p.m} 的視窗有 (2M−1)² 種，不是視窗內每個位置一列；再乘上 ${p.h} 個頭。`,
  'why.countedIndexBuffer': (p: P<'m'>) => `relative_position_index（${p.m}×${p.m} 的視窗有 (M²)² 個元素）是緩衝區：它只是從表中挑列，不是學出來的。`,
  'why.forgotPositionBias': (p: P<'h'>) => `相對位置偏差表也是參數：(2M−1)² 列，每個頭一行（${p.h} 個頭）。`,
  'why.forgotCpb': (p: P<'h'>) => `Swin V2 的位置偏差也是學出來的：MLP 2 → 512 → ${p.h}（cpb_mlp），以及每個頭一個 logit 縮放。`,
  'why.forgotLogitScale': (p: P<'h'>) => `餘弦注意力每個頭學一個 logit 縮放：還有 ${p.h} 個參數。`,
  'why.perWindow': () => `每個視窗都用同一組 Q/K/V 與輸出權重：只算一次，不是每個視窗算一次。`,
  'why.layerScaleConstant': (p: P<'c'>) => `層縮放的初始值是常數，但它是學出來的：${p.c} 個參數，每個通道一個。`,
  'why.layerScaleScalar': (p: P<'c'>) => `每個通道一個 γ（${p.c} 個），不是整個區塊共用一個。`,
  'why.layerScalePerPosition': (p: P<'c'>) => `γ 是每個通道一個（${p.c} 個），所有位置共用。`,
  'why.keptChannels': (p: P<'b'>) => `空間轉深度不丟任何值：${p.b}×${p.b} 的相鄰位置都疊到通道上，共 ${p.b}²×C 個通道。`,
  'why.keptSize': (p: P<'b'>) => `${p.b}×${p.b} 的相鄰位置變成通道，所以每邊縮小為 1/${p.b}。`,

  'opt.window': () => `window=M 或 MxN windowattn 的注意力視窗（預設 7）`,
  'opt.v2': () => `v2=true Swin V2 的視窗注意力：以連續位置偏差 MLP 與 logit 縮放取代偏差表`,
  'opt.cpb': () => `cpb=N Swin V2 位置偏差 MLP 的隱藏寬度（預設 512）`,
  'opt.proj_bias': () => `proj_bias=false windowattn 的輸出投影不含偏差（qkv_bias=false：Q/K/V 的）`,
  'opt.ceil': () => `ceil=true 先把 H 與 W 補齊到視窗或區塊大小的倍數（Swin）`,
};
