/**
 * English messages: what the quiz says when it must not guess. A question's words that state a
 * count; the layers of a question as it shows them (its code, or what its words call them: never a
 * name such as attention_1 it did not show); the differences a wrong answer is described by when no
 * listed mistake fits it (what the difference equals, never a cause); and the hedge when a listed
 * mistake fits only as one of several ways to the same number.
 */
import type { P } from '../params.js';

const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;
const ordinal = (n: string) => {
  const i = Number(n);
  const suffix = i % 100 >= 11 && i % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[i % 10] ?? 'th');
  return `${n}${suffix}`;
};

export const truth = {
  'd.parametersStated': (p: P<'v' | 'n'>) => pick(p.v, `The model has ${p.n} parameters in all.`, `All together it holds ${p.n} parameters.`),

  'hint.modelGap': () => `count layer by layer: global average pooling keeps one value per channel, so the Dense after it reads C inputs, whatever H and W are.`,
  'hint.modelChain': () => `count layer by layer: each layer's input is the output of the one before it.`,

  // ── the layers of a question, as it shows them ──
  'label.code': (p: P<'code'>) => `\`${p.code}\``,
  'label.codeAt': (p: P<'code' | 'index'>) => `\`${p.code}\` (layer ${p.index})`,
  'label.layer': (p: P<'index' | 'type'>) => `layer ${p.index} (${p.type})`,
  'label.repeated': (p: P<'type'>) => `the ${p.type} layers`,
  'label.the': (p: P<'noun'>) => `the ${p.noun}`,
  'label.nth': (p: P<'noun' | 'index'>) => `the ${ordinal(p.index)} ${p.noun}`,
  'noun.attention': () => `attention`,
  'noun.ln': () => `LayerNorm`,
  'noun.rmsnorm': () => `RMSNorm`,
  'noun.mlp': () => `feed-forward block`,
  'noun.gated': () => `gated MLP`,
  'noun.tokens': () => `token embedding`,
  'noun.positions': () => `position table`,
  'noun.layer': () => `layer`,
  'noun.lmHead': () => `LM head`,

  // ── a difference, said as what it equals (no cause guessed) ──
  'diff.vectorMore': (p: P<'n' | 'layer'>) => `that is ${p.n} too many: exactly one vector as long as the output of ${p.layer} (${p.n}).`,
  'diff.vectorFewer': (p: P<'n' | 'layer'>) => `that is ${p.n} too few: exactly one vector as long as the output of ${p.layer} (${p.n}).`,
  'diff.vectorMoreOne': (p: P<'n'>) => `that is ${p.n} too many: exactly one vector as long as the layer's output (${p.n}).`,
  'diff.vectorFewerOne': (p: P<'n'>) => `that is ${p.n} too few: exactly one vector as long as the layer's output (${p.n}).`,
  'diff.vectorMoreAny': (p: P<'n'>) => `that is ${p.n} too many: exactly one vector of ${p.n}, the output width of more than one layer here.`,
  'diff.vectorFewerAny': (p: P<'n'>) => `that is ${p.n} too few: exactly one vector of ${p.n}, the output width of more than one layer here.`,
  'diff.filterFewer': (p: P<'layer' | 'n'>) => `that is exactly one filter of ${p.layer} too few: the ${p.n} parameters each of its filters (units) has.`,
  'diff.filterMore': (p: P<'layer' | 'n'>) => `that is exactly one filter of ${p.layer} too many: the ${p.n} parameters each of its filters (units) has.`,
  'diff.filterFewerOne': (p: P<'n'>) => `that is exactly one filter (unit) too few: the ${p.n} parameters each filter has.`,
  'diff.filterMoreOne': (p: P<'n'>) => `that is exactly one filter (unit) too many: the ${p.n} parameters each filter has.`,
  'diff.positionMore': () => `that is one position too many.`,
  'diff.positionFewer': () => `that is one position too few.`,
  'diff.layerTimesHeads': (p: P<'layer' | 'h'>) => `that is the total with ${p.layer} counted ${p.h} times, once per head.`,
  'diff.layerPerHead': (p: P<'layer' | 'h'>) => `that is the total with ${p.layer} counted as one head's share (divided by its ${p.h} heads).`,
  'diff.projectionFewer': (p: P<'layer' | 'n'>) => `that is exactly one projection of ${p.layer} too few: several of its projections have ${p.n} parameters each.`,
  'diff.projectionFewerOne': (p: P<'n'>) => `that is exactly one projection too few: several of the projections have ${p.n} parameters each.`,
  'diff.inputOff': (p: P<'layer' | 'cin'>) => `that is what ${p.layer} gives reading ${p.cin} input ${p.cin === '1' ? 'channel' : 'channels'}.`,
  'diff.kernelOff': (p: P<'layer' | 'k'>) => `that is what ${p.layer} gives with a ${p.k} kernel.`,
  'diff.times': (p: P<'f'>) => `that is exactly ${p.f === '2' ? 'twice' : `${p.f} times`} the right number.`,
  'diff.fraction': (p: P<'f'>) => `that is exactly ${p.f === '1/2' ? 'half' : p.f} of the right number.`,
  'diff.perHead': (p: P<'h'>) => `that is exactly the right number divided by the ${p.h} heads.`,
  'diff.timesHeads': (p: P<'h'>) => `that is exactly ${p.h} times the right number: once per head.`,
  'diff.layerAgain': (p: P<'layer'>) => `that is exactly the parameters of ${p.layer} too many: the total and ${p.layer} once more.`,
  'diff.layerMissing': (p: P<'layer'>) => `that is exactly the total without ${p.layer}.`,
  'diff.swapped': (p: P<'layer' | 'cin' | 'cout'>) => `that is what ${p.layer} gives with its input and output channels swapped (it reads ${p.cin} channels and makes ${p.cout}).`,
  'diff.swappedOne': (p: P<'cin' | 'cout'>) => `that is what the layer gives with its input and output channels swapped (it reads ${p.cin} channels and makes ${p.cout}).`,
  'diff.possibly': (p: P<'difference' | 'why'>) => `${p.difference} One way to get it: ${p.why}`,
  'diff.several': (p: P<'list'>) => `several mistakes give that number: ${p.list}`,

  // ── the mistake library's families added with it ──
  'why.stackedReadsBoth': (p: P<'h' | 'both'>) => `a bidirectional layer hands the next layer both directions' outputs: it reads 2H = ${p.both} features, not H = ${p.h}.`,
  'why.bnNoScale': (p: P<'c'>) => `with scale=False there is no γ: β alone is learned, one per channel (${p.c}).`,
  'why.bnNoShift': (p: P<'c'>) => `with center=False there is no β: γ alone is learned, one per channel (${p.c}).`,
  'why.embeddingRows': (p: P<'v'>) => `an embedding has one row per token id, ${p.v} rows, and no extra one.`,

  // ── /settings ──
  'settings.languageName': (p: P<'lang'>): string => (p.lang === 'zh-TW' ? 'Traditional Chinese (zh-TW)' : 'English (en)'),

  // ── /count: a repeated block's further copies, a line each ──
  'summary.function': () => 'function',
  'summary.sameAgain': (p: P<'first' | 'last' | 'n'>) => `${p.first} … ${p.last}: the same ${p.n} layers again`,

  // ── the teacher's report ──
  'export.mistakeWords': () => `The mistake in words`,
  'web.report.commonValue': (p: P<'n' | 'value' | 'share' | 'why'>) => `${p.n} ${p.n === '1' ? 'student' : 'students'} (${p.share}) answered ${p.value}: ${p.why}`,

  // ── /review misses and /export misses ──
  'misses.question': () => `Question`,
  'misses.working': () => `Worked solution`,
  'misses.progress': (p: P<'n'>) => `Right with new numbers (of ${p.n})`,
  'misses.cleared': () => `cleared`,
  'cmdopt.reviewFrom': () => `skills (the skill most due, the default) or misses (a question you got wrong, with new numbers)`,
  'review.missTitle': (p: P<'topic' | 'level'>) => `A missed question again, new numbers: ${p.topic} · ${p.level}`,
  'review.missFooter': (p: P<'when' | 'right' | 'n' | 'open'>) =>
    `You got a question like this wrong ${p.when}. Answer it right ${p.n} times with new numbers to clear it (${p.right} of ${p.n} so far); ${p.open} missed ${p.open === '1' ? 'question is' : 'questions are'} open.`,
  'review.noMisses': () => `No missed questions to review: each one you got wrong has been answered right twice since. /review gives the skill most due.`,
  'export.noMisses': () => `You have no missed questions to export: nothing you answered was wrong.`,
  'export.missesDone': (p: P<'rows' | 'name'>) => `Your missed questions, ${p.rows} ${p.rows === '1' ? 'row' : 'rows'} with the worked solutions: ${p.name}`,
  'export.adminOnly': () => `The class's grades and answers are for admins only; nothing was changed. Your own missed questions: /export misses`,
};
