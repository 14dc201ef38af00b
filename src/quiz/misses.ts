/**
 * /review misses: the questions a student got wrong, asked again with new numbers until each is
 * answered right twice (Kotoba's review of missed questions, the learning bots' most requested
 * feature). A miss is a wrong answer, in a round or in practice, to a generated question; its
 * skill is what the question asked, its topic, level and template (`conv|easy|conv2d`, the first
 * three parts of its key). A replay is a generated question of the same skill with other numbers (a
 * seed whose question is of that template): an ordinary practice question, answered and recorded
 * as one. A miss is cleared once two answers after it, to questions of its skill with numbers other
 * than its own, are right: a round of the same skill counts too, and the same numbers again do not.
 * A teacher's question has no other numbers to ask it with: it is no miss to replay (/stats shows it).
 *
 * Everything here is worked out from the student's history (the store's `reports.history`), whose
 * answers keep the key of the question each answered.
 */
import type { HistoryItem } from '../domain/index.js';
import { generate } from './generator.js';
import type { Question } from './question.js';
import { replay } from './replay.js';
import type { Level, Topic } from '../domain/index.js';

/** Right answers with new numbers that clear a miss. */
export const RIGHT_TO_CLEAR = 2;

/** One answer of a student, with its question's key and named mistakes (HistoryItem keeps both). */
export type SkillAnswer = HistoryItem;

/** What a question practises: its topic, level and template. */
export interface Skill {
  readonly topic: Topic;
  readonly level: Level;
  readonly template: string;
}

export const skillKey = (s: Skill): string => `${s.topic}|${s.level}|${s.template}`;

/** The skill of a question key (`conv|easy|conv2d|...`); undefined for a teacher's question or a key not kept. */
export function skillOf(key: string | null): Skill | undefined {
  if (key === null || key.startsWith('teacher|')) return undefined;
  const [topic, level, template] = key.split('|');
  return topic && level && template ? { topic: topic as Topic, level: level as Level, template } : undefined;
}

export interface Miss {
  /** The wrong answer. */
  readonly answer: SkillAnswer;
  readonly skill: Skill;
  /** Right answers since, with other numbers: RIGHT_TO_CLEAR clear it. */
  readonly rightSince: number;
  /** When it was cleared (the second right answer); null while open. */
  readonly clearedAt: number | null;
}

/**
 * Every miss of a history, oldest first, with its progress. A skill missed twice before it was
 * cleared is one miss (the later wrong answer is that miss again: its progress starts over), so a
 * student replays a skill, not every wrong answer to it.
 */
export function missesOf(history: readonly SkillAnswer[]): Miss[] {
  const out: Miss[] = [];
  const open = new Map<string, { answer: SkillAnswer; skill: Skill; seeds: Set<number>; right: number }>();
  const close = (key: string, clearedAt: number | null) => {
    const m = open.get(key);
    if (!m) return;
    out.push({ answer: m.answer, skill: m.skill, rightSince: Math.min(m.right, RIGHT_TO_CLEAR), clearedAt });
    open.delete(key);
  };
  for (const a of history) {
    const skill = a.custom === null ? skillOf(a.questionKey) : undefined;
    if (!skill) continue;
    const key = skillKey(skill);
    const m = open.get(key);
    if (!a.correct) {
      // missed again before it was cleared: the same miss, its progress starts over from this answer
      if (m) {
        m.right = 0;
        m.seeds.add(a.seed);
        m.answer = a;
      } else open.set(key, { answer: a, skill, seeds: new Set([a.seed]), right: 0 });
      continue;
    }
    if (m && !m.seeds.has(a.seed)) {
      m.right++;
      m.seeds.add(a.seed);
      if (m.right >= RIGHT_TO_CLEAR) close(key, a.answeredAt);
    }
  }
  for (const key of [...open.keys()]) close(key, null);
  return out.sort((a, b) => a.answer.answeredAt - b.answer.answeredAt);
}

const sameSkill = (questionKey: string | null, key: string): boolean => {
  const skill = skillOf(questionKey);
  return skill !== undefined && skillKey(skill) === key;
};

/** The misses still to replay, oldest first. */
export const openMisses = (history: readonly SkillAnswer[]): Miss[] => missesOf(history).filter((m) => m.clearedAt === null);

/** Seeds tried for a question of a skill: a template is one of a few a topic and level draw from. */
const REPLAY_ATTEMPTS = 400;

/**
 * A question of the miss's skill with new numbers: the first seed from `seed` on (in a fixed
 * stride) whose question is of that template and none the student was asked for this miss.
 * Undefined when the template is no longer drawn (a generator that dropped it).
 */
export function replayOf(miss: Miss, seed: number, asked: ReadonlySet<number> = new Set([miss.answer.seed])): Question | undefined {
  for (let i = 0; i < REPLAY_ATTEMPTS; i++) {
    const s = (seed + i * 7919) % 0x7fffffff;
    if (asked.has(s)) continue;
    const q = generate(s, miss.skill.level, miss.skill.topic);
    if (q.template === miss.skill.template) return q;
  }
  return undefined;
}

/** The question a miss was, as it was asked; undefined for one of an older generator (its seed now gives another). */
export const missedQuestion = (miss: Miss): Question | undefined => replay(miss.answer);

/**
 * What /review misses asks next: the oldest open miss and a question of its skill with new
 * numbers (`seed` drawn by the caller, as practice draws its seeds); undefined with none open.
 */
export function nextReplay(history: readonly SkillAnswer[], seed: number): { readonly miss: Miss; readonly question: Question } | undefined {
  for (const miss of openMisses(history)) {
    // the numbers of every answer to this skill since the miss are not asked again
    const key = skillKey(miss.skill);
    const asked = new Set(history.filter((a) => a.answeredAt >= miss.answer.answeredAt && sameSkill(a.questionKey, key)).map((a) => a.seed));
    const question = replayOf(miss, seed, asked);
    if (question) return { miss, question };
  }
  return undefined;
}
