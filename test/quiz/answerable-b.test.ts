/** Every question answerable from its text, second half of the topics (the first half runs in parallel: answerable-a). */
import { describe } from 'vitest';
import { answerableTest } from './answerable.js';

describe('every question is answerable from its own text, read back by the engine', () => answerableTest(['recurrent', 'model', 'macs', 'attention', 'llm']));
