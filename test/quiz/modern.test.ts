/**
 * The `modern` topic states every number its answer depends on, in every wording and language: each
 * number of the question's /count spec is in the prompt (the sequence length only where the answer
 * depends on it: the KV cache and FLOPs per token), and so are the figures a question states instead
 * of asking them counted (the total, the active count). The answers themselves are checked against
 * an independent count by test/quiz/measure.test.ts (test/support/student.ts).
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { formatInt } from '../../src/engine/format.js';
import type { Lang } from '../../src/i18n/messages.js';
import { generate } from '../../src/quiz/generator.js';
import type { Question } from '../../src/quiz/question.js';
import { promptText } from '../../src/quiz/text.js';
import { LEVELS } from '../../src/domain/index.js';

const LANGS: readonly Lang[] = ['en', 'zh-TW'];
const PER_LEVEL = 200;

/** The numbers a prompt shows, as values (1,792 and 1792 alike). */
const numbersIn = (text: string): Set<string> => new Set([...text.matchAll(/\d{1,3}(?:,\d{3})+|\d+/g)].map((m) => m[0].replace(/,/g, '')));

/** The numbers the answer depends on: every number of the spec, the input's length only where the ask reads it; a size stated in bytes, only the parameters it states. */
function needed(q: Question, total: bigint): string[] {
  if (q.ask.kind === 'memory' && q.ask.quantity.of === 'weights' && !q.ask.counted) return [total.toString()];
  const [input, ...rest] = q.spec.split(' > ');
  const dims = input!.replace('input ', '').split('x');
  const lengthMatters = q.ask.kind === 'memory' && (q.ask.quantity.of === 'kv' || q.ask.quantity.of === 'flops');
  // a length of 1 is "per token" in the words
  const fromInput = (lengthMatters ? dims : dims.slice(1)).filter((v) => v !== '1');
  const body = rest.join(' > ').replace(/--batch (\d+)/, '$1');
  // `x13` is a repeat count (the layers, stated); `embed_tokens:` and the like carry no number
  const fromBody = [...body.matchAll(/(?<![A-Za-z_\d])\d+/g)].map((m) => m[0]);
  return [...fromInput, ...fromBody];
}

describe('modern: every number an answer depends on is in its prompt, in both languages', () => {
  for (const level of LEVELS) {
    it(level, () => {
      for (let seed = 0; seed < PER_LEVEL; seed++) {
        const q = generate(seed * 7_919 + 11, level, 'modern');
        const report = count(q.spec).report;
        const stated = q.ask.kind === 'memory' && !q.ask.counted && ['active', 'flops'].includes(q.ask.quantity.of) ? [report.counts.total.toString()] : [];
        for (const lang of LANGS) {
          const text = promptText(lang, q);
          const shown = numbersIn(text);
          // one key/value head is "a single" one in English
          if (/a single key\/value head/.test(text)) shown.add('1');
          for (const value of [...needed(q, report.counts.total), ...stated]) {
            if (!shown.has(value)) expect.fail(`${q.template} (${lang}) does not state ${formatInt(BigInt(value))}: ${promptText(lang, q)}\n${q.spec}`);
          }
        }
      }
    });
  }
});
