/** Letter balance of multiple choice for the transformer topics (run apart from balance-a and balance-b, in parallel). */
import { describe } from 'vitest';
import { balanceTest } from './balance.js';

describe('multiple choice is balanced by letter, per template', () => balanceTest(['attention', 'llm']));
