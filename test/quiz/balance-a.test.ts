/** Letter balance of multiple choice, first half of the topics (the other half runs in parallel: balance-b). */
import { describe } from 'vitest';
import { balanceTest } from './balance.js';

describe('multiple choice is balanced by letter, per template', () => balanceTest(['dense', 'conv', 'batchnorm', 'pooling']));
