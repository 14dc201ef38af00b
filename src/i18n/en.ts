/**
 * English messages. Every key the program can show is defined here first, one file per area;
 * zh-TW must match it key for key (the compiler checks). Parameters are preformatted strings.
 */
import { bot } from './en/bot.js';
import { charts } from './en/charts.js';
import { code } from './en/code.js';
import { cnn } from './en/cnn.js';
import { engine } from './en/engine.js';
import { keras } from './en/keras.js';
import { llmMistakes } from './en/llm-mistakes.js';
import { llmQuiz } from './en/llm-quiz.js';
import { mistakes } from './en/mistakes.js';
import { lang } from './en/lang.js';
import { quiz } from './en/quiz.js';
import { report } from './en/report.js';
import { transformer } from './en/transformer.js';
import { vision } from './en/vision.js';
import { web } from './en/web.js';
import { teacher } from './en/teacher.js';
import { files } from './en/files.js';
import { pasted } from './en/pasted.js';
import { trust } from './en/trust.js';
import { truth } from './en/truth.js';
import { table } from './en/table.js';
import { models } from './en/models.js';
import { modernQuiz } from './en/modern-quiz.js';

export const en = {
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
