/** /count SPEC: the exact count with the worked formula, private unless shared. */
import { count as evaluate, type CountResult } from '../src/engine/count.js';
import { SpecError } from '../src/engine/errors.js';
import { formatInt } from '../src/engine/format.js';
import { toJson } from '../src/engine/json.js';
import { KINDS } from '../src/engine/layers/index.js';
import { PRESETS } from '../src/engine/presets/index.js';
import { renderCount } from '../src/engine/render.js';
import { msg, t, type Lang, type MessageRef } from '../src/i18n/messages.js';
import { Lru } from '../src/lru.js';
import { errorReply } from './replies.js';
import type { Action, Command, Context, Reply } from './types.js';

function headline(result: CountResult, lang: Lang): string {
  const { counts } = result.report;
  if (result.single) {
    return t(lang, msg('count.title', { type: result.report.rows[0]!.record.typeName, total: formatInt(counts.total) }));
  }
  return t(lang, msg('count.titleModel', { total: formatInt(counts.total), name: result.preset?.name ?? result.code?.model ?? '' }));
}

/** A spec's answer, rendered: what does not depend on who asks. */
type Answer = { readonly ok: true; readonly lang: Lang; readonly title: string; readonly code: string } | { readonly ok: false; readonly error: MessageRef };

/**
 * A class asks the same specs over and over (the lecture's examples, the quiz reveals' "work it
 * through" links), and an answer is a pure function of the spec and the language: the latest
 * few hundred are kept rendered.
 */
const answers = new Lru<string, Answer>(256);

function answer(spec: string, asked: Lang): Answer {
  const key = `${asked}\u0000${spec}`;
  let found = answers.get(key);
  if (!found) {
    try {
      const result = evaluate(spec);
      const lang = result.request.lang ?? asked;
      found = { ok: true, lang, title: headline(result, lang), code: result.request.json ? toJson(result) : renderCount(result, lang) };
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      found = { ok: false, error: e.ref };
    }
    answers.set(key, found);
  }
  return found;
}

/** Answers a spec; `share` posts it in the channel instead of only to the asker. */
export function countReply(ctx: Context, spec: string, share: boolean): Reply {
  const a = answer(spec, ctx.lang);
  if (!a.ok) return errorReply(ctx.lang, a.error);
  return {
    visibility: share ? 'public' : 'private',
    tone: 'info',
    title: a.title,
    code: a.code,
    footer: share ? t(a.lang, msg('count.sharedBy', { name: ctx.mention(ctx.player.userId, ctx.player.name), spec })) : undefined,
    buttons: share ? [] : [{ action: 'share', params: [spec], label: t(a.lang, msg('count.share')), style: 'secondary' }],
  };
}

const EXAMPLES = [...KINDS.filter((k) => k.args.length > 0 || k.options.length > 0).map((k) => k.example), ...PRESETS.map((p) => p.name)];

/** Completes the last layer of what is typed with the examples of matching kinds and presets. */
export function suggestSpecs(typed: string): string[] {
  const cut = Math.max(typed.lastIndexOf('>'), -1);
  const head = cut >= 0 ? `${typed.slice(0, cut + 1)} ` : '';
  const last = typed.slice(cut + 1).trim().toLowerCase();
  const word = last.split(/\s+/)[0] ?? '';
  const matches = EXAMPLES.filter((e) => e.startsWith(word));
  const own = last.length > 0 && !matches.includes(last) ? [last] : [];
  return [...own, ...matches].slice(0, 25).map((e) => `${head}${e}`.replace(/\s+/g, ' ').trim().slice(0, 100));
}

export const countCommand: Command = {
  name: 'count',
  description: msg('cmd.count'),
  standalone: true,
  options: [
    { name: 'spec', type: 'string', required: true, rest: true, autocomplete: true, description: msg('cmdopt.spec') },
    { name: 'share', type: 'boolean', description: msg('cmdopt.share') },
  ],
  run: (ctx, args) => countReply(ctx, String(args.spec), args.share === true),
  suggest: (_option, typed) => suggestSpecs(typed),
};

export const shareAction: Action = {
  name: 'share',
  standalone: true,
  run: (ctx, [spec = '']) => countReply(ctx, spec, true),
};
