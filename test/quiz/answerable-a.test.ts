/** Every question answerable from its text, first half of the topics (the other half runs in parallel: answerable-b). */
import { describe } from 'vitest';
import { answerableTest } from './answerable.js';

describe('every question is answerable from its own text, read back by the engine', () => answerableTest(['dense', 'conv', 'batchnorm', 'pooling', 'separable', 'modern']));
