/** 繁體中文訊息：/count 語言（群組、重複、分支、def、名稱）、它的錯誤與說明。鍵與參數必須與 en/lang.ts 一致。 */
import type { P } from '../params.js';
import type { lang as En } from '../en/lang.js';

export const lang: typeof En = {
  'err.langStray': (p: P<'token'>) => `\`${p.token}\` 放錯位置了：群組寫成 \`{ a > b }\`，分支寫成 \`residual { 主分支 | 捷徑 }\`（見 \`--help\`）。`,
  'err.langExpectedSeparator': (p: P<'token'>) => `\`${p.token}\` 與前面的內容之間要用 \`>\`、\`;\` 或換行隔開。`,
  'err.langUnclosed': () => `有一個 \`{\` 沒有關上：請補上對應的 \`}\`。`,
  'err.langDepth': (p: P<'max'>) => `群組巢狀太深：\`{ }\` 最多 ${p.max} 層。`,
  'err.labelAlone': (p: P<'label'>) => `\`${p.label}:\` 沒有命名任何東西：請寫成 \`${p.label}: conv 64 3\` 或 \`${p.label}: { ... }\`。`,
  'err.labelBad': (p: P<'token'>) =>
    `\`${p.token}\` 不是有效的名稱：冒號前請用英文字母、數字、_ 與 -（模組路徑的各段之間可用 .；重複群組名稱中的 $ 代表第幾份），例如 \`block1:\` 或 \`features.1:\`。`,
  'err.labelTwice': (p: P<'label'>) => `同一個群組裡名稱 \`${p.label}\` 出現了兩次：每一層或每個群組要有自己的名稱。`,
  'err.refBad': (p: P<'token'>) => `\`${p.token}\` 不是有效的參照：請寫 @ 加上前面給過的名稱，例如 \`@encoder\`。`,
  'err.refUnknown': (p: P<'name'>) => `這裡之前沒有名為 \`${p.name}\` 的東西：請先為一層或一個群組命名（\`${p.name}: conv 64 3\`），再用 \`@${p.name}\` 或 \`tie=${p.name}\`。`,
  'err.refBefore': (p: P<'name'>) => `\`@${p.name}\` 用在 \`${p.name}\` 之前：權重只能在擁有它的那一層之後共享。`,
  'err.tieNotLayer': (p: P<'name'>) => `\`tie=${p.name}\`：${p.name} 是一個群組；權重只能綁定到單一層（例如詞嵌入）。`,
  'err.tieBefore': (p: P<'name'>) => `\`tie=${p.name}\` 出現在 \`${p.name}\` 之前：一層只能把權重綁定到它前面的層。`,
  'err.tieNoWeight': (p: P<'name'>) => `\`tie=${p.name}\`：兩層之中有一層沒有可以共用的權重矩陣。`,
  'err.tieShape': (p: P<'name' | 'mine' | 'theirs'>) => `\`tie=${p.name}\`：兩邊權重的形狀不同（這裡是 ${p.mine}，${p.name} 是 ${p.theirs}）：綁定的權重是同一個張量。`,
  'err.mergeBrace': (p: P<'word'>) => `\`${p.word}\` 後面要接大括號：例如 \`residual { conv 64 3 > bn | conv 64 1 }\`、\`if top { dense 10 }\`。`,
  'err.mergeBranches': (p: P<'word'>) => `\`${p.word}\` 至少要有兩個以 \`|\` 分開的分支（空分支就是輸入本身）：\`${p.word} { | conv 32 3 }\`。`,
  'err.residualBranches': (p: P<'count'>) => `\`residual\` 只接一個主分支與至多一個捷徑，卻收到 ${p.count} 個分支：要加總更多分支請用 \`add { a | b | c }\`。`,
  'err.mergeShapes': (p: P<'word' | 'shapes'>) => `\`${p.word}\` 無法合併 ${p.shapes}：add 與 residual 要形狀相同，concat 除了最後一軸都要相同，mul 要能廣播。`,
  'err.repeatBad': (p: P<'token'>) => `\`x${p.token}\` 不是有效的重複次數：請在右大括號後寫整數，例如 \`{ conv 64 3 } x3\`。`,
  'err.sectionTitle': () => `\`section\` 的大括號前要有標題：\`section normal cell 1 { ... }\`。`,
  'err.sectionBare': (p: P<'title'>) => `\`section ${p.title}\` 不能命名、重複或加選項：它只是區塊表中的一列（裡面各層保留自己的名稱）；要當成模組請寫 \`name: { ... }\`。`,
  'err.elseAlone': () => `\`else\` 必須接在 \`if\` 的 \`}\` 之後：\`if top { dense 10 } else { gap }\`。`,
  'err.defPlace': () => `\`def\` 必須寫在最外層，不能放在群組裡：\`def block(c) { conv c 3 > bn } > input 32x32x3 > block 64\`。`,
  'err.defSyntax': (p: P<'token'>) => `\`${p.token}\` 不是 def 的開頭：格式為 \`def name(a, b=1) { ... }\`。`,
  'err.className': (p: P<'token'>) => `\`class=${p.token}\` 不是類別名稱：請寫 Python 的類別名稱，例如 \`class=BasicBlock\`。`,
  'err.defParam': (p: P<'token' | 'def'>) => `\`${p.token}\` 不是 \`${p.def}\` 的有效引數：請寫名稱或「名稱=預設值」，例如 \`s=1\`。`,
  'err.defParamTwice': (p: P<'name' | 'def'>) => `\`${p.def}\` 的引數 \`${p.name}\` 出現了兩次。`,
  'err.defTwice': (p: P<'name'>) => `\`${p.name}\` 被定義了兩次：每個 def 要有自己的名稱。`,
  'err.defClash': (p: P<'name'>) => `\`${p.name}\` 已經是層的種類、內建模型或關鍵字：def 請換個名稱。`,
  'err.defArgs': (p: P<'def' | 'usage' | 'got' | 'max'>) => `\`${p.def}\` 最多接 ${p.max} 個引數，卻收到 ${p.got} 個：格式為 \`${p.usage}\`。`,
  'err.defMissing': (p: P<'def' | 'param' | 'usage'>) => `\`${p.def}\` 需要引數 \`${p.param}\`：格式為 \`${p.usage}\`。`,
  'err.exprBad': (p: P<'expr' | 'near'>) => `\`${p.expr}\` 不是有效的算式（在 \`${p.near}\` 附近）：請用整數、引數、+ - * / // % 與括號，例如 \`c*4\`。`,
  'err.exprName': (p: P<'name' | 'expr'>) => `\`${p.expr}\` 裡的 \`${p.name}\` 不是這個 def 的引數。`,
  'err.exprValue': (p: P<'name' | 'value' | 'expr'>) => `\`${p.expr}\`：${p.name} 是 \`${p.value}\`，不是整數也不是 true/false。`,
  'err.exprType': (p: P<'expr' | 'expected'>) => `\`${p.expr}\` 在這裡算不出需要的${p.expected === 'number' ? '數字' : ' true/false'}。`,
  'err.exprLarge': (p: P<'expr'>) => `\`${p.expr}\` 算出來太大，不能當作大小。`,
  'err.exprDivision': (p: P<'expr'>) => `\`${p.expr}\` 除以零。`,
  'err.exprInexact': (p: P<'expr' | 'a' | 'b'>) => `\`${p.expr}\`：${p.a} / ${p.b} 不是整數；要無條件捨去請用 //。`,
  'err.tooManyUnits': (p: P<'max'>) => `模型展開後太大：層與群組合計最多 ${p.max} 個（每次重複都算）。`,
  'err.explainUnknown': (p: P<'name'>) => `\`${p.name}\` 不是內建模型，也不是函式庫裡的 def：例如 \`explain-preset vgg16\`、\`explain-preset encoder_layer\`（見 \`--help\`）。`,
  'err.seqNotSequence': (p: P<'shape'>) => `--seq 設定的是詞元序列的長度，但這個模型的輸入是 ${p.shape}：影像請用 in=HxW。`,
  'err.loraLast': () => `\`lora\` 套用在它前面的模型上：請放在最後，例如 \`llama-2-7b > lora r=8 targets=q_proj,v_proj\`。`,
  'err.loraNoTargets': () => `\`lora\` 需要目標：例如 targets=q,v（注意力的 query 與 value 投影）或 targets=q_proj,v_proj。`,
  'err.loraNoMatch': (p: P<'targets' | 'available'>) => `沒有任何矩陣符合 targets=${p.targets}（PEFT：「Target modules not found in the base model」）；這個模型有：${p.available}。`,

  'help.grammar': () =>
    `模型也用同一種語言來寫（每個內建模型都是，見 explain-preset）：\n` +
    `  name: 項目                 為一層或一個群組命名：會顯示在表格中，可用 @name 與 tie=name 參照\n` +
    `  { a > b }  { ... } x12     群組；重複 12 次（也可寫 ×12、*12），每次都有自己的權重\n` +
    `  residual { main }          main(x) + x；residual { main | shortcut }：main(x) + shortcut(x)\n` +
    `  concat { | a | b }         各分支沿最後一軸並排（空分支就是 x：DenseNet）\n` +
    `  add { a | b }  mul { | se }  把各分支相加或相乘（廣播）（擠壓與激發，SE）\n` +
    `  side { aux }               接在 x 旁邊的輔助分類器（GoogLeNet 的 aux1）：它的參數要算，x 照樣往下傳\n` +
    `  @name                      再用一次該層或群組，權重共享：只算一次\n` +
    `  from name                  從該名稱的層或群組的輸出接著算（有兩個輸入的單元：NASNet）\n` +
    `  tie=name                   寫在一層上：它的權重就是該層的（綁定的語言模型輸出層）：只算一次\n` +
    `  section 標題 { ... }       區塊表中的一列（NASNet 的一個單元）；裡面各層保留自己的名稱\n` +
    `  { ... } trainable=false    凍結整個群組；內建模型也接受 trainable=false\n` +
    `  def block(c, s=1) { conv c 3 stride=s > bn > relu }   之後像層的種類一樣寫 \`block 64 s=2\`；可做整數運算 c*4、(c+32)/2、c//2\n` +
    `  if top { ... } else { ... }  在 def 或內建模型裡：條件如 top、s != 1、not proj\n` +
    `  # 註解                     到行尾為止\n` +
    `  例：def basic(c, s=1) { residual { conv c 3 stride=s pad=1 bias=false > bn > relu > conv c 3 pad=1 bias=false > bn } > relu }\n` +
    `      input 56x56x64 > { basic 64 } x2`,
  'help.presetOptions': () => `每個內建模型也接受 in=HxW（或 in=T）與 trainable=false；explain-preset 名稱 會顯示它的資料檔。`,
  'help.presetWords': () =>
    `也可以用說的：vgg16 2 類、vgg16 不含頂層、凍結的 vgg16（trainable=false：整個模型）、vgg16 with 2 classes；或用建構函式：VGG16(weights=None, classes=2)、resnet18(num_classes=10)。`,
  'help.library': () => `函式庫裡的 def（用這個語言寫成，可以像層的種類一樣使用；explain-preset 名稱 會顯示內容）：`,
  'help.finetune': () =>
    `微調與記憶體：\n` +
    `  vgg16 top=false trainable=false > flatten > dense 256 > dense 2     遷移學習：凍結骨幹網路\n` +
    `  llama-2-7b > lora r=8 targets=q_proj,v_proj    LoRA（依 PEFT 的規則：模組名稱以目標結尾者；q、k、v、o 指注意力的各個投影）\n` +
    `  gpt2 --memory --seq 1024 --batch 8             各精度（fp32/fp16/bf16/int8/int4）的權重、用 Adam 訓練、KV 快取`,
};
