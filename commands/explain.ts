/** /explain KIND: the formula of a layer kind, worked on its example, and the usual mistake; a preset or library def: its text. */
import { KIND_WORDS, findKind } from '../src/engine/layers/index.js';
import { findPreset, LIBRARY_DEFS, PRESET_WORDS } from '../src/engine/presets/index.js';
import { closest } from '../src/engine/suggest.js';
import { msg, t } from '../src/i18n/messages.js';
import { singleLayerDrawing } from '../src/charts/count.js';
import { count } from '../src/engine/count.js';
import { countReply } from './count.js';
import { picture } from './pictures.js';
import type { Command } from './types.js';

const DEF_WORDS = LIBRARY_DEFS.map((d) => d.name);

export const explainCommand: Command = {
  name: 'explain',
  description: msg('cmd.explain'),
  standalone: true,
  options: [{ name: 'kind', type: 'string', required: true, autocomplete: true, description: msg('cmdopt.kind') }],
  async run(ctx, args) {
    const word = String(args.kind).trim().toLowerCase();
    const kind = findKind(word);
    if (!kind) {
      // A preset or a library def is explained by the text it is written in.
      if (findPreset(word) !== undefined || DEF_WORDS.includes(word)) return countReply(ctx, `explain-preset ${word}`, false);
      const suggestion = closest(word, [...KIND_WORDS, ...PRESET_WORDS, ...DEF_WORDS]);
      return { visibility: 'private', tone: 'error', text: t(ctx.lang, suggestion ? msg('err.unknownKindSuggest', { token: word, suggestion }) : msg('err.unknownKind', { token: word })) };
    }
    const worked = await countReply(ctx, kind.example, false);
    const drawing = singleLayerDrawing(count(kind.example), ctx.lang);
    return {
      ...worked,
      pictures: drawing ? [picture(drawing)] : [],
      title: `${kind.usage}`,
      text: [t(ctx.lang, kind.summary), t(ctx.lang, msg('explain.example', { example: kind.example })), ...(kind.options.length > 0 ? [t(ctx.lang, msg('explain.options', { options: kind.options.join(', ') }))] : [])].join('\n'),
    };
  },
  suggest: (_option, typed) => [...KIND_WORDS, ...PRESET_WORDS, ...DEF_WORDS].filter((w) => w.startsWith(typed.trim().toLowerCase())).slice(0, 25),
};
