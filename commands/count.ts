/** /count SPEC: the exact count with the worked formula, private unless shared. */
import { KINDS } from '../src/engine/layers/index.js';
import { PRESETS } from '../src/engine/presets/index.js';
import { msg, t } from '../src/i18n/messages.js';
import { countHelpReply } from './help.js';
import { askerOf, picture } from './files.js';
import { errorReply } from './replies.js';
import type { Action, Command, Context, Reply } from './types.js';

/** What asks for the /count help instead of a count: `/count help`, `/count --help`. */
const HELP_WORDS = new Set(['help', '--help', '-h', '?']);

/** Answers a spec (off the event loop, with a deadline); `share` posts it in the channel instead of only to the asker. */
export async function countReply(ctx: Context, spec: string, share: boolean): Promise<Reply> {
  const [first = '', ...more] = spec.trim().split(/\s+/);
  // `/count help` and `/count help layers` (no layer kind is named help).
  if (HELP_WORDS.has(first.toLowerCase()) && more.length <= 1) return countHelpReply(ctx.lang, more[0]);
  const a = await ctx.services.counter.answer(spec, ctx.lang, askerOf(ctx));
  if (!a.ok) return errorReply(ctx.lang, a.error, msg('help.pointCount'));
  return {
    visibility: share ? 'public' : 'private',
    tone: 'info',
    title: a.title,
    code: a.code,
    footer: share ? t(a.lang, msg('count.sharedBy', { name: ctx.mention(ctx.player.userId, ctx.player.name), spec })) : undefined,
    buttons: share ? [] : [{ action: 'share', params: [spec], label: t(a.lang, msg('count.share')), style: 'secondary' }],
    // A model's chart, drawn from the spec in the picture worker (it is never counted on the event loop).
    files: a.chart ? [picture(ctx.services.pictures, { kind: 'model', spec, lang: a.lang }, askerOf(ctx))] : [],
  };
}

const EXAMPLES = [...KINDS.filter((k) => k.args.length > 0 || k.options.length > 0).map((k) => k.example), ...PRESETS.map((p) => p.name)];

/** Completes the last layer of what is typed with the examples of matching kinds and presets. */
export function suggestSpecs(typed: string): string[] {
  const cut = Math.max(typed.lastIndexOf('>'), -1);
  const head = cut >= 0 ? `${typed.slice(0, cut + 1)} ` : '';
  const last = typed
    .slice(cut + 1)
    .trim()
    .toLowerCase();
  const word = last.split(/\s+/)[0] ?? '';
  const matches = EXAMPLES.filter((e) => e.startsWith(word));
  const own = last.length > 0 && !matches.includes(last) ? [last] : [];
  return [...own, ...matches].slice(0, 25).map((e) => `${head}${e}`.replace(/\s+/g, ' ').trim().slice(0, 100));
}

/** What `/count` with nothing to count asks for: the code, pasted in a form (a file, on Discord). */
function askForCode(ctx: Context, share: boolean): Reply {
  return {
    visibility: 'private',
    tone: 'info',
    text: t(ctx.lang, msg('count.askCode')),
    buttons: [pasteButton(ctx, share)],
    ask: pasteButton(ctx, share),
  };
}

const pasteButton = (ctx: Context, share: boolean) => ({ action: 'paste', params: share ? ['share'] : [], label: t(ctx.lang, msg('count.pasteButton')), style: 'primary' as const });

export const countCommand: Command = {
  name: 'count',
  description: msg('cmd.count'),
  standalone: true,
  options: [
    { name: 'spec', type: 'string', rest: true, autocomplete: true, description: msg('cmdopt.spec') },
    { name: 'file', type: 'attachment', description: msg('cmdopt.file') },
    { name: 'share', type: 'boolean', description: msg('cmdopt.share') },
  ],
  run: async (ctx, args) => {
    const share = args.share === true;
    // A file's text (read the same way on every platform) comes after a spec typed with it: `in=1x28x28` then the code.
    let file: string | undefined;
    if (typeof args.file === 'string' && args.file.trim() !== '') {
      const upload = ctx.upload ? await ctx.upload(args.file) : ({ ok: false, error: msg('file.none') } as const);
      if (!upload.ok) return errorReply(ctx.lang, upload.error);
      file = upload.text;
    }
    const text = [args.spec, file].filter((v): v is string => typeof v === 'string' && v.trim() !== '').join('\n');
    return text === '' ? askForCode(ctx, share) : countReply(ctx, text, share);
  },
  suggest: (_option, typed) => suggestSpecs(typed),
};

/** The form for code too long for a command's line: a paragraph field, counted as /count would. */
export const pasteAction: Action = {
  name: 'paste',
  standalone: true,
  modal: (ctx) => ({ title: t(ctx.lang, msg('count.pasteTitle')), label: t(ctx.lang, msg('count.pasteLabel')), placeholder: t(ctx.lang, msg('count.pastePlaceholder')), long: true }),
  run: (ctx, [share], input) => (input === undefined || input.trim() === '' ? askForCode(ctx, share === 'share') : countReply(ctx, input, share === 'share')),
};

export const shareAction: Action = {
  name: 'share',
  standalone: true,
  run: (ctx, [spec = '']) => countReply(ctx, spec, true),
};
