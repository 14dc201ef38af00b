/** Every question answerable from its text, the modern LLM topic (runs in parallel with answerable-a and -b). */
import { describe } from 'vitest';
import { answerableTest } from './answerable.js';

describe('every question is answerable from its own text, read back by the engine', () => answerableTest(['modern']));
