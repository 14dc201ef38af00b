/**
 * Answering an interaction with a Reply, within Discord's three seconds whatever the command
 * costs: a reply that is ready in time goes out as the response itself; one that is not gets a
 * private "thinking…" first, replaced by the reply once it is ready. Pictures are drawn after
 * the response is sent, and edited into it: drawing never delays the acknowledgement. Pictures
 * drawn before (the cache) go out with the response itself: an edit is a webhook request that
 * discord.js holds to the bot's global 50 requests a second, and under a burst those would queue,
 * each holding its PNG in memory, while responses have no such limit.
 */
import { MessageFlags, type ModalBuilder, type RepliableInteraction } from 'discord.js';
import type { Button, MadeFile, Reply } from '../../../commands/types.js';
import type { Logger } from '../../log.js';
import { hasFiles, makeFiles, readyFiles } from '../files.js';
import { renderReply } from './render.js';

/**
 * How long a reply may take before the interaction is deferred. Discord allows three seconds
 * from the moment it created the interaction, the trip to the bot and back included.
 */
export const DEFER_AFTER_MS = 1500;

/** The modal a reply's `ask` button opens, if it opens one. */
export type AskForm = (ask: Button) => ModalBuilder | undefined;

export async function respond(interaction: RepliableInteraction, work: Promise<Reply>, log: Logger, deferAfterMs = DEFER_AFTER_MS, form?: AskForm): Promise<void> {
  const ready = await within(work, deferAfterMs);
  // A reply that asks for text (code to paste) is its form, where a form can still be the response.
  const modal = ready?.reply.ask && form && !interaction.isModalSubmit() ? form(ready.reply.ask) : undefined;
  if (modal && 'showModal' in interaction) {
    await interaction.showModal(modal);
    return;
  }
  if (ready) {
    const made = readyFiles(ready.reply);
    await send(interaction, ready.reply, made);
    if (!made && hasFiles(ready.reply)) await addFiles(interaction, ready.reply, log);
    return;
  }
  // Deferred privately: a "thinking…" seen by the whole channel would linger for replies that
  // turn out to be private, while a public one can still follow a private placeholder.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  return sendDeferred(interaction, await work, log);
}

/** The sent response, edited to show the reply's files once they are made (its pictures drawn). */
async function addFiles(interaction: RepliableInteraction, reply: Reply, log: Logger): Promise<void> {
  const files = await makeFiles(reply, log);
  if (files.length > 0) await interaction.editReply(renderReply(reply, files));
}

async function send(interaction: RepliableInteraction, reply: Reply, files: readonly MadeFile[] = []): Promise<void> {
  const message = renderReply(reply, files);
  if (reply.visibility === 'private') {
    await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
    return;
  }
  const response = await interaction.reply({ ...message, withResponse: true });
  const posted = response.resource?.message;
  if (posted) await reply.onPosted?.(posted.id);
}

async function sendDeferred(interaction: RepliableInteraction, reply: Reply, log: Logger): Promise<void> {
  // Already acknowledged: the files are made first and go out with the reply.
  const message = renderReply(reply, await makeFiles(reply, log));
  if (reply.visibility === 'private') {
    await interaction.editReply(message);
    return;
  }
  // The placeholder is private and a message cannot change who sees it: drop it, post anew.
  await interaction.deleteReply();
  const posted = await interaction.followUp(message);
  await reply.onPosted?.(posted.id);
}

/** The reply if `work` settles within `ms`; a rejection is passed on as it is. */
async function within(work: Promise<Reply>, ms: number): Promise<{ reply: Reply } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([work.then((reply) => ({ reply })), late]);
  } finally {
    clearTimeout(timer);
  }
}
