/** 繁體中文訊息：讓一個請求不會拖累其他人的限制（超出範圍的題目檔），以及終端機顯示的時間。鍵與參數必須與 en/trust.ts 一致。 */
import type { P } from '../params.js';
import type { trust as En } from '../en/trust.js';

export const trust: typeof En = {
  'import.tokens': (p: P<'name' | 'max'>) => `\`${p.name}\` 含有超過 ${p.max} 個 YAML 語法單位（值、冒號、換行、註解）；100 題的檔案只有幾千個。沒有匯入任何題目。`,
  'import.values': (p: P<'name' | 'max'>) => `\`${p.name}\` 含有超過 ${p.max} 個值；100 題的檔案大約只需要一千個。沒有匯入任何題目。`,
  'import.keys': (p: P<'name' | 'line' | 'max'>) => `\`${p.name}\` 第 ${p.line} 行：一個對應有超過 ${p.max} 個鍵；一題只有 spec、ask、level 和 wording。沒有匯入任何題目。`,
  'import.depth': (p: P<'name' | 'line' | 'max'>) => `\`${p.name}\` 第 ${p.line} 行：巢狀超過 ${p.max} 層；題目檔是一串題目，每題只有幾個值。沒有匯入任何題目。`,
  'import.alias': (p: P<'name' | 'line'>) => `\`${p.name}\` 第 ${p.line} 行：題目檔不讀取別名（*名稱）；請把每一題完整寫出來。沒有匯入任何題目。`,
  'import.columns': (p: P<'name' | 'max'>) => `\`${p.name}\` 超過 ${p.max} 欄；題目檔的標題列是 spec,ask,level,wording。沒有匯入任何題目。`,
  'import.slow': (p: P<'seconds'>) => `這個檔案要超過 ${p.seconds} 秒才讀得完，所以已經停止讀取（其他人不受影響）：請拆成幾個較小的檔案。沒有匯入任何題目。`,
  'import.heavy': () => `讀取這個檔案需要的記憶體超過單次匯入的上限，所以已經停止：請拆成幾個較小的檔案。沒有匯入任何題目。`,
  'when.today': (p: P<'time' | 'wait'>) => `今天 ${p.time}（${p.wait}後）`,
  'when.tomorrow': (p: P<'time' | 'wait'>) => `明天 ${p.time}（${p.wait}後）`,
  'when.minutes': (p: P<'n'>) => `${p.n} 分鐘`,
  'when.hours': (p: P<'h'>) => `${p.h} 小時`,
  'when.hoursMinutes': (p: P<'h' | 'm'>) => `${p.h} 小時 ${p.m} 分鐘`,
};
