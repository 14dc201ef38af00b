/**
 * What every adapter does between receiving an event and rendering a reply: find the command or
 * action, check permissions and arguments, run it, and turn a failure into a private reply and a
 * log line (failure.ts: "busy, try again" for a busy store; the bot keeps running).
 */
import { findAction, findCommand } from '../../commands/index.js';
import { withLiveValues } from '../../commands/arg-errors.js';
import { checkArgs, parseTextArgs } from '../../commands/args.js';
import { errorReply } from '../../commands/replies.js';
import type { Action, Button, Command, Context, Reply } from '../../commands/types.js';
import { msg } from '../i18n/messages.js';
import type { Logger } from '../log.js';
import { failureReply } from './failure.js';

/** A command's arguments: typed options from Discord, or a line of text from Slack or a terminal. */
export type RawArgs = Readonly<Record<string, unknown>> | string;

export async function runCommand(command: Command, ctx: Context, raw: RawArgs, log: Logger): Promise<Reply> {
  if (command.admin && !ctx.isAdmin) return errorReply(ctx.lang, msg('err.adminOnly', { command: command.name }));
  const checked = typeof raw === 'string' ? parseTextArgs(command, raw) : checkArgs(command, raw);
  if (!checked.ok) {
    const error = checked.bare === undefined ? checked.error : await withLiveValues(command, ctx, checked.bare, checked.error);
    return errorReply(ctx.lang, error, msg('help.pointCommand', { command: command.name }));
  }
  return guarded(ctx, log, { command: command.name }, () => command.run(ctx, checked.args));
}

export async function runNamedCommand(name: string, ctx: Context, raw: RawArgs, log: Logger): Promise<Reply> {
  const command = findCommand(name);
  if (!command) return errorReply(ctx.lang, msg('err.unknownCommand', { command: name }));
  return runCommand(command, ctx, raw, log);
}

/** Whether a command name runs without a scope (unknown names answer their own error anywhere). */
export function isStandalone(name: string): boolean {
  const command = findCommand(name);
  return command === undefined || command.standalone === true;
}

/** Button ids: `action:param:param`; params may not contain ':' themselves, so they are URI-encoded. */
export const encodeButton = (b: Pick<Button, 'action' | 'params'>): string => [b.action, ...b.params.map(encodeURIComponent)].join(':');

/** The button's action and parameters; undefined for an id this version did not make (stale or forged). */
export function decodeButton(id: string): { action: Action; params: string[] } | undefined {
  const [name = '', ...params] = id.split(':');
  const action = findAction(name);
  if (!action) return undefined;
  try {
    return { action, params: params.map((p) => decodeURIComponent(p)) };
  } catch {
    return undefined; // a malformed escape (%E0%A4%A): not one of ours
  }
}

export async function runAction(action: Action, params: readonly string[], ctx: Context, log: Logger, input?: string): Promise<Reply> {
  if (action.admin && !ctx.isAdmin) return errorReply(ctx.lang, msg('err.adminOnlyAction'));
  return guarded(ctx, log, { action: action.name }, () => action.run(ctx, params, input));
}

async function guarded(ctx: Context, log: Logger, what: Record<string, string>, run: () => Promise<Reply> | Reply): Promise<Reply> {
  try {
    return await run();
  } catch (err) {
    return failureReply(err, ctx.lang, log, { ...what, platform: ctx.platform, scope: ctx.scopeId, user: ctx.player.userId });
  }
}
