/** 繁體中文（台灣）訊息，每個領域一個檔案。鍵與參數必須與 en 完全一致（由型別檢查保證）。 */
import type { Catalogue } from './messages.js';
import { bot } from './zh-TW/bot.js';
import { charts } from './zh-TW/charts.js';
import { code } from './zh-TW/code.js';
import { pasted } from './zh-TW/pasted.js';
import { cnn } from './zh-TW/cnn.js';
import { engine } from './zh-TW/engine.js';
import { keras } from './zh-TW/keras.js';
import { llmMistakes } from './zh-TW/llm-mistakes.js';
import { llmQuiz } from './zh-TW/llm-quiz.js';
import { mistakes } from './zh-TW/mistakes.js';
import { lang } from './zh-TW/lang.js';
import { quiz } from './zh-TW/quiz.js';
import { report } from './zh-TW/report.js';
import { transformer } from './zh-TW/transformer.js';
import { vision } from './zh-TW/vision.js';
import { web } from './zh-TW/web.js';
import { teacher } from './zh-TW/teacher.js';
import { files } from './zh-TW/files.js';
import { trust } from './zh-TW/trust.js';
import { truth } from './zh-TW/truth.js';
import { table } from './zh-TW/table.js';
import { models } from './zh-TW/models.js';
import { modernQuiz } from './zh-TW/modern-quiz.js';

export const zhTW: Catalogue = {
  ...engine,
  ...code,
  ...mistakes,
  ...llmMistakes,
  ...lang,
  ...transformer,
  ...cnn,
  ...vision,
  ...keras,
  ...report,
  ...quiz,
  ...llmQuiz,
  ...bot,
  ...charts,
  ...web,
  ...teacher,
  ...files,
  ...trust,
  ...truth,
  ...models,
  ...modernQuiz,
  ...pasted,
  ...table,
};
