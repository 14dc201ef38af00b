/** 繁體中文訊息：讀取學生實際貼上的專案程式碼（issue 20）。鍵與參數必須與 en/pasted.ts 一致。 */
import type { P } from '../params.js';
import type { pasted as En } from '../en/pasted.js';

export const pasted: typeof En = {
  'torch.argNotRead': (p: P<'call' | 'name' | 'value'>) => `\`${p.call}\` 收到了 \`${p.name}=\`（${p.value}），讀取器不會處理這個參數：算出來的數字可能是錯的，所以不予計算。如果模型用不到 \`${p.name}=\`，請把它拿掉。`,
  'torch.sizeType': (p: P<'call' | 'type'>) => `${p.call}()：size 必須是整數的 tuple，而不是 ${p.type}`,
};
