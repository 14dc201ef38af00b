/** A question's parts in the reader's language: the prompt, a mistake's explanation, several mistakes named together, a diagnosis. */
import { msg, SENTENCE_SEPARATOR, t, type Lang, type MessageRef } from '../i18n/messages.js';
import type { Diagnosis } from './diagnose.js';
import type { Mistake, Question } from './question.js';

/** A prompt's code block: pasted or generated framework code, or a model written in the /count language. */
export const isCode = (part: MessageRef): part is MessageRef & { readonly key: 'q.code' | 'q.model'; readonly params: { readonly code: string } } => part.key === 'q.code' || part.key === 'q.model';

/** The prompt's parts joined: sentences by a space, a code block on lines of its own. */
export function promptText(lang: Lang, q: Pick<Question, 'prompt'>): string {
  let out = '';
  q.prompt.forEach((part, i) => {
    const text = t(lang, part);
    const block = isCode(part) || (i > 0 && isCode(q.prompt[i - 1]!));
    out += i === 0 ? text : `${block ? '\n' : SENTENCE_SEPARATOR[lang]}${text}`;
  });
  return out;
}

/**
 * "in `Conv2D(16, 3)`: that is the weights without the 16 biases." A sentence that names its layer
 * already ("the position table has a row for each position") is not told where it is again.
 */
export function whyText(lang: Lang, m: Mistake): string {
  const why = t(lang, m.why);
  if (!m.layer) return why;
  const layer = t(lang, m.layer);
  return why.includes(layer) ? why : t(lang, msg('why.inLayer', { layer, why }));
}

/** Every mistake that gives the same value, named together. */
export function whyAll(lang: Lang, mistakes: readonly Mistake[]): string {
  return mistakes.map((m) => whyText(lang, m)).join(t(lang, msg('why.or')));
}

/**
 * What a wrong answer is told: the mistake named; several, said to be several; the difference and
 * each listed mistake as one way to it; the difference alone; a note; or where to look again.
 */
export function diagnosisText(lang: Lang, question: Pick<Question, 'hint'>, d: Diagnosis): string {
  switch (d.kind) {
    case 'named':
      return d.mistakes.length === 1 ? whyText(lang, d.mistakes[0]!) : t(lang, msg('diff.several', { list: whyAll(lang, d.mistakes) }));
    case 'possible':
      return t(lang, msg('diff.possibly', { difference: d.difference.why, why: whyAll(lang, d.mistakes) }));
    case 'difference':
      return t(lang, d.difference.why);
    case 'note':
      return t(lang, d.mistake.why);
    case 'none':
      return t(lang, msg('answer.hint', { hint: t(lang, question.hint) }));
  }
}
