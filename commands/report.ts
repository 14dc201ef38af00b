/**
 * The class's record outside the chat: /report (a teacher's private, expiring link to the report
 * page), /me (a student's link to their own page) and /export (for a teacher the grades or every
 * answer as a CSV file attached to a private reply, past what a chat takes the report page's
 * download instead; for anyone, `/export misses`: their own missed questions with the working).
 */
import { formatInt } from '../src/engine/format.js';
import { msg, t } from '../src/i18n/messages.js';
import { EXPORT_FORMATS, readExport, type ExportFormat } from '../src/report/exports.js';
import { missesCsv } from '../src/report/misses.js';
import { LINK_TTL_MS } from '../src/web/links.js';
import { document } from './files.js';
import { say } from './replies.js';
import type { Command, Context, Reply } from './types.js';

/** The largest file /export attaches in a chat (Discord takes 10 MiB from a bot; Slack more). */
export const MAX_CHAT_EXPORT_BYTES = 8 * 1024 * 1024;

const seasonOption = { name: 'season', type: 'string', autocomplete: true, description: msg('cmdopt.reportSeason') } as const;

/** Season names starting with what was typed (Discord's autocomplete). */
const suggestSeasons: NonNullable<Command['suggest']> = async (_option, typed, ctx) =>
  ctx
    ? (await ctx.services.quiz.scopes.seasons(ctx.scopeId))
        .map((s) => s.name)
        .filter((name) => name.toLowerCase().startsWith(typed.trim().toLowerCase()))
        .slice(0, 25)
    : [];

const seasonArg = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The link to the report, for a season when one is named. */
function reportUrl(ctx: Context, season: string | undefined): string | undefined {
  const url = ctx.services.web?.url({ kind: 'report', scopeId: ctx.scopeId });
  return url && (season ? `${url}?season=${encodeURIComponent(season)}` : url);
}

export const reportCommand: Command = {
  name: 'report',
  description: msg('cmd.report'),
  admin: true,
  options: [seasonOption],
  async run(ctx, args) {
    const lang = ctx.lang;
    const season = seasonArg(args.season);
    if (!ctx.services.web) return say(lang, msg('web.off'), 'warning');
    if (season && !(await ctx.services.reports.period(ctx.scopeId, season))) return say(lang, msg('season.unknown', { name: season }), 'warning');
    return {
      visibility: 'private',
      tone: 'info',
      title: t(lang, msg('report.link.title')),
      text: t(lang, msg('report.link.text', { url: reportUrl(ctx, season)!, hours: String(LINK_TTL_MS.report / 3600_000) })),
    };
  },
  suggest: suggestSeasons,
};

export const meCommand: Command = {
  name: 'me',
  description: msg('cmd.me'),
  options: [],
  run(ctx) {
    const lang = ctx.lang;
    const url = ctx.services.web?.url({ kind: 'me', scopeId: ctx.scopeId, userId: ctx.player.userId });
    if (!url) return say(lang, msg('web.off'), 'warning');
    return { visibility: 'private', tone: 'info', title: t(lang, msg('me.link.title')), text: t(lang, msg('me.link.text', { url, days: String(LINK_TTL_MS.me / 86_400_000) })) };
  },
};

/** /export misses: the asker's own misses, a file small enough for any chat (a student's answers). */
async function exportMisses(ctx: Context): Promise<Reply> {
  const lang = ctx.lang;
  const misses = await ctx.services.practice.misses(ctx.scopeId, ctx.player);
  if (misses.length === 0) return say(lang, msg('export.noMisses'), 'info');
  const scope = await ctx.services.reports.scope(ctx.scopeId);
  const bytes = new TextEncoder().encode(missesCsv({ lang, timezone: scope.timezone, misses }));
  const name = 'paramquiz-misses.csv';
  const done = t(lang, msg('export.missesDone', { rows: formatInt(misses.length), name }));
  return { visibility: 'private', tone: 'success', title: t(lang, msg('export.title', { name })), text: done, files: [document(name, done, bytes)] };
}

/** What /export makes: a teacher's class files, or anyone's own misses. */
const EXPORT_CHOICES = [...EXPORT_FORMATS, 'misses'] as const;

/**
 * Open to everyone, since a student exports their own misses; the class's files stay a teacher's,
 * checked here (on Discord the command is therefore listed for everyone).
 */
export const exportCommand: Command = {
  name: 'export',
  description: msg('cmd.export'),
  options: [seasonOption, { name: 'format', type: 'string', choices: EXPORT_CHOICES, description: msg('cmdopt.exportFormat') }],
  async run(ctx, args): Promise<Reply> {
    const lang = ctx.lang;
    if (args.format === 'misses') return exportMisses(ctx);
    if (!ctx.isAdmin) return say(lang, msg('export.adminOnly'), 'error');
    const season = seasonArg(args.season);
    const format = (EXPORT_FORMATS.find((f) => f === args.format) ?? 'grades') as ExportFormat;
    const { reports } = ctx.services;
    const period = await reports.period(ctx.scopeId, season);
    if (!period) return say(lang, msg('season.unknown', { name: season ?? '' }), 'warning');
    const file = reports.export(ctx.scopeId, period, format, lang);
    const read = await readExport(file, MAX_CHAT_EXPORT_BYTES);
    if (!read) {
      const max = `${MAX_CHAT_EXPORT_BYTES / 1_048_576} MiB`;
      const url = reportUrl(ctx, season);
      return say(lang, url ? msg('export.tooLargeLink', { max, url }) : msg('export.tooLarge', { max }), 'warning');
    }
    const done = t(lang, msg('export.done', { rows: formatInt(read.rows), name: file.name }));
    return { visibility: 'private', tone: 'success', title: t(lang, msg('export.title', { name: file.name })), text: done, files: [document(file.name, done, read.bytes)] };
  },
  suggest: suggestSeasons,
};
