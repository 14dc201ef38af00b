/**
 * The reveal shows the working: the formula in symbols, the numbers put in, weights apart from
 * biases (γ and β apart from the moving statistics), every size derived on the way, and the step
 * to the answer. Snapshots of one question per topic and level, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { revealReply } from '../../commands/replies.js';
import { picturesHere } from '../../src/charts/drawn.js';
import type { Lang } from '../../src/i18n/messages.js';
import { generate } from '../../src/quiz/generator.js';
import type { Reveal } from '../../src/quiz/service.js';
import { LEVELS, TOPICS } from '../../src/domain/index.js';
import type { Round, RoundAnswer } from '../../src/domain/index.js';

function revealOf(seed: number, level: (typeof LEVELS)[number], topic: (typeof TOPICS)[number]): Reveal {
  const question = generate(seed, level, topic);
  const round: Round = {
    id: 7,
    scopeId: 'shell:local',
    channelId: 'terminal',
    seed,
    generator: 2,
    level,
    topic,
    questionKey: question.key,
    answer: question.answer,
    lang: 'en',
    openedBy: null,
    openedAt: 0,
    closesAt: 60_000,
    closedAt: 60_000,
    closeReason: 'timeout',
    revealedAt: null,
    messageRef: null,
    scoring: 'scored',
    lease: null,
    custom: null,
  };
  const mistake = question.mistakes[0];
  const answer = (name: string, value: bigint, correct: boolean, first: boolean): RoundAnswer => ({
    memberId: name.length,
    userId: `U_${name}`,
    name,
    value,
    correct,
    first,
    mistakes: correct || !mistake ? [] : [mistake.id],
    points: correct ? 20 + (first ? 5 : 0) : 0,
    bonus: first ? 5 : 0,
    scored: true,
    answeredAt: 1,
  });
  const answers = [answer('ana', question.answer, true, true), ...(mistake ? [answer('ben', mistake.value, false, false), answer('chen', mistake.value, false, false)] : [])];
  return { round, question, answers };
}

describe('reveals', () => {
  for (const topic of TOPICS) {
    for (const level of LEVELS) {
      it(`${topic} ${level}`, () => {
        const reveal = revealOf(20261123, level, topic);
        for (const lang of ['en', 'zh-TW'] as const satisfies readonly Lang[]) {
          const r = revealReply(reveal, lang, (_id, name) => `@${name}`, picturesHere);
          expect([r.title, r.text, r.code, r.footer].join('\n')).toMatchSnapshot(lang);
        }
      });
    }
  }

  it('a model question derives every size and sums the layers', () => {
    const q = generate(11, 'easy', 'model');
    const code = revealReply(revealOf(11, 'easy', 'model'), 'en', (_id, n) => n, picturesHere).code!;
    expect(code).toMatch(/H_out = W_out = /);
    // every layer named as the question shows it, never by an engine name (flatten_1) it did not show
    expect(code).toMatch(/`Flatten\(\)`: \d+×\d+×\d+ = [\d,]+/);
    expect(code).not.toMatch(/\b(conv2d|flatten|dense|max_pooling2d)_\d/);
    expect(code).toMatch(/= [\d,]+ weights \+ [\d,]+ biases/);
    expect(code).toContain(`total = `);
    expect(code).toContain(q.answer.toLocaleString('en-US'));
  });

  it('BatchNorm labels γ and β apart from the moving statistics', () => {
    for (let seed = 0; seed < 40; seed++) {
      const q = generate(seed, 'medium', 'batchnorm');
      if (!q.template.startsWith('bnKeras')) continue;
      const code = revealReply(revealOf(seed, 'medium', 'batchnorm'), 'en', (_id, n) => n, picturesHere).code!;
      expect(code).toMatch(/[\d,]+ γ \+ [\d,]+ β \(trainable\) \+ [\d,]+ moving statistics \(non-trainable\)/);
      return;
    }
    expect.fail('no Keras BatchNorm question in 40 seeds');
  });
});

describe('reveals of the transformer topics', () => {
  /** The reveal's working of the first question of `template` from seed 0 up. */
  function working(level: (typeof LEVELS)[number], topic: (typeof TOPICS)[number], template: string, lang: Lang = 'en'): string {
    for (let seed = 0; seed < 400; seed++) {
      if (generate(seed, level, topic).template === template) return revealReply(revealOf(seed, level, topic), lang, (_id, n) => n, picturesHere).code!;
    }
    return expect.fail(`no ${template} question in 400 seeds`);
  }

  it('bytes of weights: parameters × bytes per parameter, the count stated and not worked again', () => {
    const code = working('easy', 'llm', 'weightBytes');
    expect(code).toMatch(/^(fp32|fp16|int8|int4) +[\d.]+ B × [\d,]+ = [\d,]+ B = [\d.]+ [KMG]iB$/);
  });
  it('Adam with LoRA: the adapters counted, then 16 B each and the frozen base at its own precision', () => {
    const code = working('hard', 'llm', 'loraTraining');
    expect(code).toMatch(/q_proj: r×\(IN \+ OUT\) = \d+×\([\d,]+ \+ [\d,]+\) = [\d,]+, × \d+ = [\d,]+/);
    expect(code).toMatch(/= 16 B × [\d,]+ trainable \+ [24] B × [\d,]+ frozen = [\d,]+ B$/);
  });
  it('the KV cache: 2 (K, V) × layers × kv_heads × head_dim × 2 B per token, × tokens × batch', () => {
    expect(working('medium', 'llm', 'kvCache')).toMatch(
      /^KV cache at fp16 \(autoregressive decoding\): 2 \(K, V\) × \d+ layers × \d+ kv_heads × \d+ head_dim × 2 B = [\d,]+ B per token; × [\d,]+ tokens × batch \d+ = [\d,]+ B/,
    );
  });
  it('a tied head adds nothing, and says whose weight it is', () => {
    // named as the words name them: the question says "the LM head" and "the token embedding", never lm_head or wte
    expect(working('easy', 'llm', 'embeddingsTied')).toContain('the LM head: tied to the token embedding: adds 0');
    expect(working('easy', 'llm', 'embeddingsTied', 'zh-TW')).toContain('LM head: 與 詞元嵌入 綁定：增加 0');
  });
});
