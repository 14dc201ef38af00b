/** 繁體中文（台灣）訊息，每個領域一個檔案。鍵與參數必須與 en 完全一致（由型別檢查保證）。 */
import type { Catalogue } from './messages.js';
import { bot } from './zh-TW/bot.js';
import { code } from './zh-TW/code.js';
import { engine } from './zh-TW/engine.js';
import { quiz } from './zh-TW/quiz.js';

export const zhTW: Catalogue = { ...engine, ...code, ...quiz, ...bot };
