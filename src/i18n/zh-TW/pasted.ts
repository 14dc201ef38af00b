/** 繁體中文訊息：讀取學生實際貼上的專案程式碼（issue 20）。鍵與參數必須與 en/pasted.ts 一致。 */
import type { P } from '../params.js';
import type { pasted as En } from '../en/pasted.js';

export const pasted: typeof En = {
  'torch.argNotRead': (p: P<'call' | 'name' | 'value'>) =>
    `\`${p.call}\` 收到了 \`${p.name}=\`（${p.value}），讀取器不會處理這個參數：算出來的數字可能是錯的，所以不予計算。如果模型用不到 \`${p.name}=\`，請把它拿掉。`,
  'torch.sizeType': (p: P<'call' | 'type'>) => `${p.call}()：size 必須是整數的 tuple，而不是 ${p.type}`,
  'py.attrName': (p: P<'type'>) => `屬性名稱必須是字串，而不是 '${p.type}'`,
  'code.methodNotRead': (p: P<'type' | 'name'>) =>
    `\`${p.type}.${p.name}\` 是 Python ${p.type} 的方法，但讀取器沒有實作它（Python 本身可以執行）：請直接寫出它算出的值，或在程式碼前給定（\`/count name=VALUE <code>\`）。`,
  'std.needClass': (p: P<'fn' | 'type'>) => `${p.fn}() 必須用在類別上，而不是 ${p.type}`,
  'std.notDataclass': (p: P<'fn' | 'type'>) => `${p.fn}() 必須用在 dataclass 的實例上，而不是 ${p.type}`,
  'std.noMember': (p: P<'cls' | 'key'>) => `${p.key} 不是 ${p.cls} 的成員`,
  'std.fieldName': (p: P<'type'>) => `型別名稱與欄位名稱必須是字串，而不是 ${p.type}`,
  'std.tooManyDefaults': () => `預設值比欄位名稱還多`,
  'torch.publishedMismatch': (p: P<'name' | 'built' | 'total'>) =>
    `無法從預設模型精確重建 \`torchvision.models.${p.name}\`（${p.built} 個參數，預設為 ${p.total}）：請用 \`/count ${p.name} --framework pytorch\` 計算。`,
  'torch.publishedForward': (p: P<'name'>) => `\`torchvision.models.${p.name}\` 的前向傳遞沒有被追蹤（參數量取自預設模型）：\`/count ${p.name} --framework pytorch in=...\` 可以看到各層形狀`,
  'torch.publishedAttr': (p: P<'name' | 'attr' | 'known'>) =>
    `\`torchvision.models.${p.name}\` 取自本產品的預設模型，它的區塊是 ${p.known}；\`${p.attr}\` 不在其中（無論 torchvision 的模型有沒有，讀取器都沒有）：請改用這些區塊，或貼上模型的類別定義。`,
  'torch.publishedIndex': (p: P<'name'>) => `\`torchvision.models.${p.name}\` 的區塊是整個取自預設模型：無法追蹤對它的索引（\`[…]\`）；請替換整個區塊，或貼上模型的類別定義。`,
  'keras.noLayer': (p: P<'name'>) => `沒有這個層：${p.name}。`,
  'keras.applicationInner': (p: P<'name' | 'what'>) =>
    `\`${p.name}\` 取自本產品的預設模型，視為單一層：它的 \`${p.what}\`（內部的 Keras 層）在這裡無法追蹤（Keras 有，但讀取器沒有）。請整個凍結或訓練它（\`base.trainable = False\`），或用 \`/count ${p.name.toLowerCase()}\` 計算。`,
  'torch.publishedWalk': (p: P<'name' | 'what'>) =>
    `\`${p.what}\` 會走到 \`torchvision.models.${p.name}\`，而讀取器是用本產品的預設模型把它建成整個區塊，不是 torchvision 自己的層與名稱：迴圈對它們做的事只能用猜的。\`parameters()\`、替換區塊（\`model.fc = ...\`）以及凍結某個區塊的 \`parameters()\` 都能追蹤。`,
  'torch.shapesStopped': (p: P<'name'>) => `讀取器不認得 \`${p.name}\`，所以形狀追蹤停在這裡；參數量與它無關。`,
  'keras.opaqueCall': (p: P<'name' | 'origin' | 'line'>) =>
    `層 \`${p.name}\` 的權重在第一次被呼叫時才建立，而它被呼叫時收到的是 \`${p.origin}\`（第 ${p.line} 行），讀取器沒有這個值，因此權重未知，算出的數字會是錯的。請給模型一般的張量輸入（\`in=...\`），或在程式碼中用 \`keras.Input(...)\` 張量呼叫它。`,
};
