/**
 * /explain KIND: the formula of a layer kind, worked on its example, and the usual mistake; a
 * preset or library def: its text; /explain alone lists the kinds.
 */
import { KINDS, KIND_WORDS, findKind } from '../src/engine/layers/index.js';
import { findPreset, LIBRARY_DEFS, PRESET_WORDS } from '../src/engine/presets/index.js';
import { table } from '../src/engine/render.js';
import { closest } from '../src/engine/suggest.js';
import type { Family } from '../src/engine/types.js';
import { msg, t, type Lang } from '../src/i18n/messages.js';
import { countReply } from './count.js';
import { askerOf, picture } from './files.js';
import { errorReply } from './replies.js';
import type { Command, Reply } from './types.js';

const FAMILIES: readonly Family[] = ['conv', 'dense', 'norm', 'recurrent', 'attention', 'activation', 'shape'];

/** Every kind, by family: its usage and what it is. */
function kindList(lang: Lang): Reply {
  const lines: string[] = [];
  for (const family of FAMILIES) {
    const kinds = KINDS.filter((k) => k.family === family && (k.args.length > 0 || k.options.length > 0 || family !== 'activation'));
    if (kinds.length === 0) continue;
    lines.push(
      t(lang, msg(`family.${family}`)),
      ...table(
        ['', ''],
        kinds.map((k) => [`  ${k.usage}`, t(lang, k.summary)]),
        new Set(),
      ).slice(2, -1),
      '',
    );
  }
  return { visibility: 'private', tone: 'info', title: t(lang, msg('explain.listTitle')), code: lines.join('\n').trimEnd(), footer: t(lang, msg('explain.listFooter')) };
}

const DEF_WORDS = LIBRARY_DEFS.map((d) => d.name);

export const explainCommand: Command = {
  name: 'explain',
  description: msg('cmd.explain'),
  standalone: true,
  options: [{ name: 'kind', type: 'string', autocomplete: true, description: msg('cmdopt.kind') }],
  async run(ctx, args) {
    const word = typeof args.kind === 'string' ? args.kind.trim().toLowerCase() : '';
    if (word === '') return kindList(ctx.lang);
    const kind = findKind(word);
    if (!kind) {
      // A preset or a library def is explained by the text it is written in.
      if (findPreset(word) !== undefined || DEF_WORDS.includes(word)) return countReply(ctx, `explain-preset ${word}`, false);
      const suggestion = closest(word, [...KIND_WORDS, ...PRESET_WORDS, ...DEF_WORDS]);
      return errorReply(ctx.lang, suggestion ? msg('err.unknownKindSuggest', { token: word, suggestion }) : msg('err.unknownKind', { token: word }), msg('help.pointExplain'));
    }
    const worked = await countReply(ctx, kind.example, false);
    return {
      ...worked,
      files: [picture(ctx.services.pictures, { kind: 'layer', spec: kind.example, lang: ctx.lang }, askerOf(ctx))],
      title: `${kind.usage}`,
      text: [
        t(ctx.lang, kind.summary),
        t(ctx.lang, msg('explain.example', { example: kind.example })),
        ...(kind.options.length > 0 ? [t(ctx.lang, msg('explain.options', { options: kind.options.join(', ') }))] : []),
      ].join('\n'),
    };
  },
  suggest: (_option, typed) => [...KIND_WORDS, ...PRESET_WORDS, ...DEF_WORDS].filter((w) => w.startsWith(typed.trim().toLowerCase())).slice(0, 25),
};
