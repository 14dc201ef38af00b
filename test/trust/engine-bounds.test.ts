/**
 * Trust: no accepted spec costs more than a bounded amount of work and output, and every bound is
 * refused in one line naming the token and the limit, exit code 2, through the real CLI.
 * (Timings are measured in `npm run bench`: engine_worst_accepted_ms.)
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { LIMITS as CODE_LIMITS } from '../../src/engine/code/limits.js';
import { LIMITS } from '../../src/engine/limits.js';
import { renderCount } from '../../src/engine/render.js';
import { paramquiz } from '../support/bin.js';

const refused = (args: readonly string[], input?: string) => {
  const r = paramquiz(args, input === undefined ? {} : { input });
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error|Maximum call stack|at .*\.js/);
  expect(r.status).toBe(2);
  // the one line ends by pointing at the help that exists on the command line
  const [line, help] = r.stderr.trim().split(/ (?=\(see `paramquiz count --help`\)$)/);
  expect(help).toBe('(see `paramquiz count --help`)');
  return line;
};

describe('bounds on what one spec may cost', () => {
  it('refuses a million stacked LSTM layers by name, with its limit', () => {
    expect(refused(['count', 'lstm', '128', '256', 'layers=1000000', 'bidirectional=true'])).toBe('`layers=1000000` is too large for layers: the largest size accepted is 1,000.');
  });

  it('refuses the same through pasted code', () => {
    expect(refused(['count', 'nn.LSTM(1, 1, num_layers=5000000)'])).toMatch(/layers=5000000/);
  });

  it('refuses a shape with thousands of axes before rendering anything', () => {
    const spec = `input ${Array.from({ length: 4000 }, () => '1').join('x')} > ${Array.from({ length: 1000 }, () => 'relu').join(' > ')}`;
    expect(refused(['count'], spec)).toBe(`The input shape has too many axes: at most ${LIMITS.axes}.`);
  });

  it('refuses 2,500 nested parentheses in pasted code with one clear line, not a stack overflow', () => {
    const code = `nn.Linear(${'('.repeat(2500)}1${')'.repeat(2500)}, 2)`;
    expect(refused(['count'], code)).toMatch(new RegExp(`^Line 1 \\(.*\\): the paste goes past a limit of the reader: brackets nested in each other \\(at most ${CODE_LIMITS.nesting}\\)\\.$`));
  });

  it('keeps the largest accepted answer inside the render budget', () => {
    // The widest rows the language allows (8 axes of the largest size) on the most layers it allows (repeated: typed, they would not fit).
    const spec = `input ${Array.from({ length: LIMITS.axes }, () => '2147483647').join('x')} > { relu } x${LIMITS.layers - 1}`;
    expect(spec.length).toBeLessThanOrEqual(LIMITS.specChars);
    const text = renderCount(count(spec), 'en');
    expect(text.length).toBeLessThanOrEqual(LIMITS.renderChars + 200);
    expect(text).toContain('activation_999');
  });

  it('cuts an answer past the budget at a line end and says so', () => {
    const result = count('input 8x8x3 > conv 8 3 > flatten > dense 10');
    const long = { ...result, report: { ...result.report, rows: Array.from({ length: 4000 }, () => result.report.rows[0]!) } };
    const text = renderCount(long, 'en');
    expect(text.length).toBeLessThanOrEqual(LIMITS.renderChars + 200);
    expect(text.split('\n').at(-1)).toMatch(/^… the rest is cut: one answer shows at most 262,144 characters/);
  });
});
