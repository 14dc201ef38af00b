/**
 * English messages. Every key the program can show is defined here first, one file per area;
 * zh-TW must match it key for key (the compiler checks). Parameters are preformatted strings.
 */
import { bot } from './en/bot.js';
import { code } from './en/code.js';
import { engine } from './en/engine.js';
import { quiz } from './en/quiz.js';

export const en = { ...engine, ...code, ...quiz, ...bot };
