/**
 * GENERATOR_VERSION says what a stored seed means: a round and a pending practice question keep
 * their seed, level and topic and are asked again as generate(seed, level, topic). A change that
 * gives an old seed another question (other words or numbers, another answer, other choices) must
 * bump it: rounds of the old version keep their recorded answer, pending practice questions of it
 * are stale, /stats leaves its misses out. Adding a topic changes no old seed (a seed's topic is
 * stored with it), so this pins, per version, a digest of what the seeds of every topic give;
 * a new topic adds its line to the current version, a change to an old topic needs a new version.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generate, GENERATOR_VERSION } from '../../src/quiz/generator.js';
import { LEVELS, TOPICS, type Topic } from '../../src/domain/index.js';

const SEEDS = 100;

/** What a question is, for a class: its identity, its answer and its choices (the diagnosis may grow). */
function digest(topic: Topic): string {
  const hash = createHash('sha256');
  for (const level of LEVELS) {
    for (let i = 0; i < SEEDS; i++) {
      const q = generate(i * 7_919 + 3, level, topic);
      hash.update(`${q.key}\u0000${q.answer}\u0000${q.choices?.join(',') ?? ''}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The eight first topics' digests are those of the generator before `attention` and `llm` were added (the same at version 2); version 3 shuffles the choices into the letters and states every number an answer needs (`modern` came with it). */
const PINNED: Readonly<Record<number, Readonly<Partial<Record<Topic, string>>>>> = {
  2: {
    dense: 'dcdf55e4bd773235',
    conv: '3c7ec4293acad6f3',
    batchnorm: 'd661e2971531e71f',
    pooling: '7994bbf4d92826bb',
    separable: 'ca39914616b5e681',
    recurrent: '39dcc726aa051c0f',
    model: 'e988fcfae65c6c0f',
    macs: '45237edb101f5909',
    attention: 'f0fb7e82d156d4ef',
    llm: '28033b41ea5d1e79',
  },
  3: {
    dense: 'b277bf448e220d9e',
    conv: '12c4c4e1714f72ad',
    batchnorm: '33b2e18a056592dc',
    pooling: '436b8ca4d97bfdd1',
    separable: '5039d5768b5ad6b3',
    recurrent: '54baa4c693bb2e2d',
    model: 'c8f18347c614f145',
    macs: '13fb5fb871856ac5',
    attention: 'a98b0cef54aad002',
    llm: '3ca02fb1c07000db',
    modern: 'afaf0a24a855ca68',
  },
};

describe(`generator version ${GENERATOR_VERSION}: old seeds give the questions they gave`, () => {
  for (const topic of TOPICS) {
    it(topic, () => {
      const pinned = PINNED[GENERATOR_VERSION]?.[topic];
      expect(digest(topic), `${topic} questions changed: bump GENERATOR_VERSION and pin its digests`).toBe(pinned);
    });
  }
});
