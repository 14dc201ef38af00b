/**
 * A /count spec's answer, rendered: what does not depend on who asks. Pure (the engine and its
 * renderers); the pool runs it off the event loop, the CLI and tests call it directly.
 */
import { count, type CountResult } from '../engine/count.js';
import { SpecError } from '../engine/errors.js';
import { formatInt } from '../engine/format.js';
import { toJson } from '../engine/json.js';
import { renderCount } from '../engine/render.js';
import { msg, t, type Lang, type MessageRef } from '../i18n/messages.js';

export type CountAnswer =
  /** `chart`: a model (not one layer, not --json), so the reply comes with its parameter chart. */
  { readonly ok: true; readonly lang: Lang; readonly title: string; readonly code: string; readonly chart: boolean } | { readonly ok: false; readonly error: MessageRef };

function headline(result: CountResult, lang: Lang): string {
  const { counts } = result.report;
  if (result.single) {
    return t(lang, msg('count.title', { type: result.report.rows[0]!.record.typeName, total: formatInt(counts.total) }));
  }
  return t(lang, msg('count.titleModel', { total: formatInt(counts.total), name: result.preset?.name ?? result.code?.model ?? '' }));
}

export function answerSpec(spec: string, asked: Lang): CountAnswer {
  try {
    const result = count(spec);
    const lang = result.request.lang ?? asked;
    const json = result.request.json;
    return { ok: true, lang, title: headline(result, lang), code: json ? toJson(result) : renderCount(result, lang), chart: !json && !result.single };
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return { ok: false, error: e.ref };
  }
}

/** Answers specs: in a worker with a deadline (the bot), or in-process (the CLI, unit tests). */
export interface Counter {
  /** `asker`: who asks (see commands/pictures.ts askerOf); the pool serves askers in turn. */
  answer(spec: string, lang: Lang, asker?: string): Promise<CountAnswer>;
}

export const directCounter: Counter = { answer: async (spec, lang) => answerSpec(spec, lang) };
