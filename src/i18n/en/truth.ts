/**
 * English messages: what the quiz says when it must not guess. A question's words that state a
 * count, the differences a wrong answer is described by when no listed mistake fits it (what it
 * equals, never a cause), the layers of a question as it shows them, and the teacher's words for
 * a mistake.
 */
import type { P } from '../params.js';

const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;

export const truth = {
  'd.parametersStated': (p: P<'v' | 'n'>) => pick(p.v, `The model has ${p.n} parameters in all.`, `All together it holds ${p.n} parameters.`),
};
