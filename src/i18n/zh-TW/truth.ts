/** 繁體中文訊息：測驗不能用猜的時候說的話。鍵與參數必須與 en/truth.ts 一致。 */
import type { P } from '../params.js';
import type { truth as En } from '../en/truth.js';

const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;

export const truth: typeof En = {
  'd.parametersStated': (p: P<'v' | 'n'>) => pick(p.v, `這個模型共有 ${p.n} 個參數。`, `它總共有 ${p.n} 個參數。`),

  'hint.modelGap': () => `一層一層算：全域平均池化每個通道只留一個值，所以後面的 Dense 讀入 C 個輸入，與 H、W 無關。`,
  'hint.modelChain': () => `一層一層算：每一層的輸入就是前一層的輸出。`,

  // ── 題目裡的層，照題目呈現的樣子稱呼 ──
  'label.code': (p: P<'code'>) => `\`${p.code}\``,
  'label.codeAt': (p: P<'code' | 'index'>) => `\`${p.code}\`（第 ${p.index} 層）`,
  'label.layer': (p: P<'index' | 'type'>) => `第 ${p.index} 層（${p.type}）`,
  'label.repeated': (p: P<'type'>) => `各個 ${p.type} 層`,
  'label.the': (p: P<'noun'>) => p.noun,
  'label.nth': (p: P<'noun' | 'index'>) => `第 ${p.index} 個${p.noun}`,
  'noun.attention': () => `注意力層`,
  'noun.ln': () => `LayerNorm`,
  'noun.rmsnorm': () => `RMSNorm`,
  'noun.mlp': () => `前饋區塊`,
  'noun.gated': () => `門控 MLP`,
  'noun.tokens': () => `詞元嵌入`,
  'noun.positions': () => `位置表`,
  'noun.layer': () => `這一層`,
  'noun.lmHead': () => `LM head`,

  // ── 差距：只說它剛好等於什麼，不猜原因 ──
  'diff.vectorMore': (p: P<'n' | 'layer'>) => `多了 ${p.n} 個：剛好是 ${p.layer} 一個輸出向量的長度（${p.n}）。`,
  'diff.vectorFewer': (p: P<'n' | 'layer'>) => `少了 ${p.n} 個：剛好是 ${p.layer} 一個輸出向量的長度（${p.n}）。`,
  'diff.vectorMoreOne': (p: P<'n'>) => `多了 ${p.n} 個：剛好是這一層一個輸出向量的長度（${p.n}）。`,
  'diff.vectorFewerOne': (p: P<'n'>) => `少了 ${p.n} 個：剛好是這一層一個輸出向量的長度（${p.n}）。`,
  'diff.vectorMoreAny': (p: P<'n'>) => `多了 ${p.n} 個：剛好是一個長度 ${p.n} 的向量，這裡不只一層的輸出是這個寬度。`,
  'diff.vectorFewerAny': (p: P<'n'>) => `少了 ${p.n} 個：剛好是一個長度 ${p.n} 的向量，這裡不只一層的輸出是這個寬度。`,
  'diff.filterFewer': (p: P<'layer' | 'n'>) => `剛好少了 ${p.layer} 的一個濾波器：每個濾波器（神經元）有 ${p.n} 個參數。`,
  'diff.filterMore': (p: P<'layer' | 'n'>) => `剛好多了 ${p.layer} 的一個濾波器：每個濾波器（神經元）有 ${p.n} 個參數。`,
  'diff.filterFewerOne': (p: P<'n'>) => `剛好少了一個濾波器（神經元）：每個濾波器有 ${p.n} 個參數。`,
  'diff.filterMoreOne': (p: P<'n'>) => `剛好多了一個濾波器（神經元）：每個濾波器有 ${p.n} 個參數。`,
  'diff.positionMore': () => `多了一個位置。`,
  'diff.positionFewer': () => `少了一個位置。`,
  'diff.layerTimesHeads': (p: P<'layer' | 'h'>) => `這是把 ${p.layer} 算了 ${p.h} 次（每個頭一次）的總數。`,
  'diff.layerPerHead': (p: P<'layer' | 'h'>) => `這是把 ${p.layer} 只算成一個頭的份量（除以 ${p.h} 個頭）的總數。`,
  'diff.projectionFewer': (p: P<'layer' | 'n'>) => `剛好少了 ${p.layer} 的一個投影：它有好幾個投影都是 ${p.n} 個參數。`,
  'diff.projectionFewerOne': (p: P<'n'>) => `剛好少了一個投影：好幾個投影都是 ${p.n} 個參數。`,
  'diff.inputOff': (p: P<'layer' | 'cin'>) => `這是 ${p.layer} 讀入 ${p.cin} 個輸入通道時的數字。`,
  'diff.kernelOff': (p: P<'layer' | 'k'>) => `這是 ${p.layer} 用 ${p.k} 卷積核時的數字。`,
  'diff.times': (p: P<'f'>) => `剛好是正確數字的 ${p.f} 倍。`,
  'diff.fraction': (p: P<'f'>) => (p.f === '1/2' ? `剛好是正確數字的一半。` : `剛好是正確數字的 ${p.f}。`),
  'diff.perHead': (p: P<'h'>) => `剛好是正確數字除以頭數 ${p.h}。`,
  'diff.timesHeads': (p: P<'h'>) => `剛好是正確數字的 ${p.h} 倍：每個頭各算了一次。`,
  'diff.layerAgain': (p: P<'layer'>) => `剛好多了 ${p.layer} 自己的參數量：總數再加上一次 ${p.layer}。`,
  'diff.layerMissing': (p: P<'layer'>) => `剛好是總數扣掉 ${p.layer}。`,
  'diff.swapped': (p: P<'layer' | 'cin' | 'cout'>) => `這是把 ${p.layer} 的輸入與輸出通道對調後的數字（讀入 ${p.cin} 個通道、輸出 ${p.cout} 個）。`,
  'diff.swappedOne': (p: P<'cin' | 'cout'>) => `這是把這一層的輸入與輸出通道對調後的數字（讀入 ${p.cin} 個通道、輸出 ${p.cout} 個）。`,
  'diff.possibly': (p: P<'difference' | 'why'>) => `${p.difference}其中一種可能：${p.why}`,
  'diff.several': (p: P<'list'>) => `有好幾種錯誤都會得到這個數字：${p.list}`,

  // ── 隨本檔加入錯誤庫的類型 ──
  'why.stackedReadsBoth': (p: P<'h' | 'both'>) => `雙向層交給下一層的是兩個方向的輸出：下一層讀入 2H = ${p.both} 個特徵，不是 H = ${p.h}。`,
  'why.bnNoScale': (p: P<'c'>) => `scale=False 就沒有 γ：只學 β，每個通道一個（${p.c}）。`,
  'why.bnNoShift': (p: P<'c'>) => `center=False 就沒有 β：只學 γ，每個通道一個（${p.c}）。`,
  'why.embeddingRows': (p: P<'v'>) => `嵌入表每個詞編號一列，共 ${p.v} 列，沒有多出來的一列。`,

  // ── /settings ──
  'settings.languageName': (p: P<'lang'>) => (p.lang === 'zh-TW' ? `繁體中文（zh-TW）` : `英文（en）`),

  // ── /count：重複區塊的其餘副本，每份一行 ──
  'summary.function': () => '函式',
  'summary.sameAgain': (p: P<'first' | 'last' | 'n'>) => `${p.first} … ${p.last}：同樣的 ${p.n} 層再一次`,

  // ── 教師報表 ──
  'export.mistakeWords': () => `錯誤說明`,
  'web.report.commonValue': (p: P<'n' | 'value' | 'share' | 'why'>) => `${p.n} 位學生（${p.share}）答 ${p.value}：${p.why}`,

  // ── /review misses 與 /export misses ──
  'misses.question': () => `題目`,
  'misses.working': () => `計算過程`,
  'misses.progress': (p: P<'n'>) => `換數字後答對（共需 ${p.n} 次）`,
  'misses.cleared': () => `已完成`,
  'cmdopt.reviewFrom': () => `skills（最該複習的技能，預設）或 misses（答錯過的題目，換新數字）`,
  'review.missTitle': (p: P<'topic' | 'level'>) => `再練一次答錯的題目（新數字）：${p.topic} · ${p.level}`,
  'review.missFooter': (p: P<'when' | 'right' | 'n' | 'open'>) => `你在 ${p.when} 答錯過這類題目。換新數字答對 ${p.n} 次就算完成（目前 ${p.right} / ${p.n}）；還有 ${p.open} 題答錯的題目待複習。`,
  'review.noMisses': () => `沒有要複習的錯題：每一題答錯的題目之後都已換數字答對兩次。/review 會出最該複習的技能。`,
  'export.noMisses': () => `沒有可以匯出的錯題：你還沒有答錯過。`,
  'export.missesDone': (p: P<'rows' | 'name'>) => `你的錯題共 ${p.rows} 列，附計算過程：${p.name}`,
  'export.adminOnly': () => `全班的成績與作答只有管理員能匯出；沒有任何變更。你自己的錯題：/export misses`,
};
