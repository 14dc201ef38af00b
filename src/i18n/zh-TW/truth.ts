/** 繁體中文訊息：測驗不能用猜的時候說的話。鍵與參數必須與 en/truth.ts 一致。 */
import type { P } from '../params.js';
import type { truth as En } from '../en/truth.js';

const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;

export const truth: typeof En = {
  'd.parametersStated': (p: P<'v' | 'n'>) => pick(p.v, `這個模型共有 ${p.n} 個參數。`, `它總共有 ${p.n} 個參數。`),
};
