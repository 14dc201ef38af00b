/** 繁體中文訊息：指令附帶的檔案（/count file:、/questions action:import），各平台以同一種方式讀取。鍵與參數必須與 en/files.ts 一致。 */
import type { P } from '../params.js';
import type { files as En } from '../en/files.js';

export const files: typeof En = {
  'file.none': () => `這個指令沒有附帶檔案：請附上檔案（Slack：先在這個頻道分享檔案，再執行指令）。`,
  'file.notText': (p: P<'name'>) => `${p.name} 不是文字檔：請附上 UTF-8 文字檔（.py、.txt、.csv、.yaml）。`,
  'file.tooLarge': (p: P<'name' | 'max'>) => `${p.name} 太大了：指令最多讀取 ${p.max}。`,
  'file.unreadable': (p: P<'name'>) => `目前無法下載 ${p.name}，請再附加一次。`,
  'file.missing': (p: P<'name' | 'why'>) => `無法讀取 ${p.name}：${p.why}。`,
  'file.notListed': () => `目前無法列出這個頻道分享的檔案，請再試一次。`,
};
