/** Rank balance of multiple choice for modern LLMs (run apart from the others, in parallel). */
import { describe } from 'vitest';
import { balanceTest } from './balance.js';

describe('multiple choice is balanced by rank', () => balanceTest(['modern']));
