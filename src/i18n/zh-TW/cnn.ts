/** 繁體中文訊息：torchvision 分類模型用到的卷積網路元件（通道洗牌與切塊、ceil_mode 池化）。 */
import type { P } from '../params.js';

export const cnn = {
  'err.ceilSame': (p: P<'kind'>) => `\`${p.kind}\`：ceil=true 會保留最後一個不完整的視窗，但 pad=same 不會留下這種視窗：請給 pad=N（即 PyTorch 的 ceil_mode=True），或不要寫 ceil。`,
  'err.chunk': (p: P<'kind' | 'channels' | 'n'>) => `\`${p.kind}\`：${p.channels} 個通道無法平分成 ${p.n} 份：通道數必須是 ${p.n} 的倍數。`,

  'kind.chunk': () => `把通道平分成 N 份、取其中一份（torch.chunk(x, N, dim=1)）：C 變成 C/N；沒有參數。`,
  'kind.shuffle': () => `通道洗牌（ShuffleNet；nn.ChannelShuffle(G)）：把通道在 G 組之間交錯重排；沒有參數，形狀不變。`,

  'mistake.chunk': () => `切塊只是取出一部分通道：沒有參數，但下一層看到的是 C/N 個通道，不是 C 個。`,
  'mistake.shuffle': () => `通道洗牌只是重新排列通道：沒有參數，下一層看到的通道數和原來一樣。`,

  'why.floorNotCeil': (_p: P<'k' | 's' | 'p' | 'd'>) => `ceil_mode=True 時公式是無條件進位：⌈(H + 2p − k)/s⌉ + 1；最後一個不完整的視窗也要算。`,

  'opt.aux_logits': () => `aux_logits=false GoogLeNet 與 Inception-v3 不含輔助分類器（torchvision 的 aux_logits；預設為 true）`,
  'opt.ceil': () => `ceil=true 池化的輸出大小無條件進位（PyTorch 的 ceil_mode=True）：保留最後一個不完整的視窗`,
};
