/** Rank balance of multiple choice, first half of the topics (the other half runs in parallel: balance-b). */
import { describe } from 'vitest';
import { balanceTest } from './balance.js';

describe('multiple choice is balanced by rank', () => balanceTest(['dense', 'conv', 'batchnorm', 'pooling']));
