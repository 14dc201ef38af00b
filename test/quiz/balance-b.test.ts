/** Letter balance of multiple choice, second half of the topics (see balance-a). */
import { describe } from 'vitest';
import { balanceTest } from './balance.js';

describe('multiple choice is balanced by letter, per template', () => balanceTest(['separable', 'recurrent', 'model', 'macs']));
