/**
 * One handler per kind of interaction, each small, none of them naming a command: slash commands
 * and buttons go through dispatch (permissions, argument checks, crashes turned into a polite
 * reply), autocomplete asks the command for suggestions, a button whose action takes text opens a
 * modal, and the modal's submission runs that action with what was typed.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { findCommand } from '../../../commands/index.js';
import { errorReply } from '../../../commands/replies.js';
import type { Button, Context, Reply, Services } from '../../../commands/types.js';
import { msg } from '../../i18n/messages.js';
import type { Logger } from '../../log.js';
import { decodeButton, encodeButton, isStandalone, runAction, runNamedCommand } from '../dispatch.js';
import { failureReply } from '../failure.js';
import { contextFor, DISCORD_FILE_HOSTS, langOf } from './context.js';
import { modalFor, submittedText } from './forms.js';
import { LIMIT } from './limits.js';
import { renderReply } from './render.js';
import { respond } from './respond.js';

export { MODAL_INPUT } from './forms.js';

export interface InteractionDeps {
  readonly services: Services;
  readonly log: Logger;
  /** How long a reply may take before the interaction is deferred (shortened in tests). */
  readonly deferAfterMs?: number;
  /** Hosts a command's attachment is downloaded from (Discord's CDN, and DISCORD_API_URL's host). */
  readonly fileHosts?: readonly string[];
}

export class InteractionHandler {
  constructor(private readonly deps: InteractionDeps) {}

  async handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await this.command(interaction);
      else if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (interaction.isButton()) await this.button(interaction);
      else if (interaction.isModalSubmit()) await this.modalSubmit(interaction);
    } catch (err) {
      // Dispatch already turns a command's failure into a reply; this is for what fails around it
      // (Discord refusing a payload, a dropped connection, the store away as a question is marked
      // posted), so the asker is still told.
      const sorry = failureReply(err, langOf(interaction), this.deps.log, { interaction: interaction.id, type: interaction.type }, 'discord interaction failed');
      if (interaction.isRepliable()) await this.apologize(interaction, sorry);
    }
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    if (!interaction.inGuild() && !isStandalone(interaction.commandName)) return this.needsServer(interaction);
    // Discord sends typed values (an attachment's id: the command reads the file through
    // Context.upload); dispatch checks them against the command all the same.
    const raw = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value]));
    await this.respond(interaction, (ctx, log) => runNamedCommand(interaction.commandName, ctx, raw, log));
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    // In a DM there is no scope to suggest from (seasons, say): the command gets no context.
    const ctx = interaction.inGuild() ? contextFor(interaction, this.deps.services) : undefined;
    let suggestions: readonly string[] = [];
    try {
      suggestions = (await findCommand(interaction.commandName)?.suggest?.(focused.name, String(focused.value), ctx)) ?? [];
    } catch (err) {
      // Nothing to say to someone still typing: no suggestions, and a line in the log.
      this.deps.log.warn({ err, command: interaction.commandName, option: focused.name }, 'autocomplete failed');
    }
    await interaction.respond(
      suggestions
        .filter((s) => s.length <= LIMIT.choiceValue) // a clipped value would no longer be what was suggested
        .slice(0, LIMIT.choices)
        .map((s) => ({ name: s, value: s })),
    );
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const decoded = decodeButton(interaction.customId);
    if (!decoded) return this.stale(interaction);
    const { action, params } = decoded;
    if (!interaction.inGuild() && !action.standalone) return this.needsServer(interaction);
    if (action.modal) {
      // A modal must be the first response, so it cannot wait for anything slow: it only asks.
      await interaction.showModal(modalFor(interaction.customId, action.modal(contextFor(interaction, this.deps.services), params)));
      return;
    }
    await this.respond(interaction, (ctx, log) => runAction(action, params, ctx, log));
  }

  private async modalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const decoded = decodeButton(interaction.customId);
    if (!decoded) return this.stale(interaction);
    if (!interaction.inGuild() && !decoded.action.standalone) return this.needsServer(interaction);
    const input = submittedText(interaction, decoded.action.modal?.(contextFor(interaction, this.deps.services), decoded.params));
    await this.respond(interaction, (ctx, log) => runAction(decoded.action, decoded.params, ctx, log, input));
  }

  /** Runs `work` in the interaction's context and answers with its reply. */
  private respond(interaction: RepliableInteraction, work: (ctx: Context, log: Logger) => Promise<Reply>): Promise<void> {
    const form = (ask: Button) => {
      const decoded = decodeButton(encodeButton(ask));
      return decoded?.action.modal ? modalFor(encodeButton(ask), decoded.action.modal(contextFor(interaction, this.deps.services), decoded.params)) : undefined;
    };
    return respond(interaction, this.run(interaction, work), this.deps.log, this.deps.deferAfterMs, form);
  }

  private run(interaction: RepliableInteraction, work: (ctx: Context, log: Logger) => Promise<Reply>): Promise<Reply> {
    const files = { hosts: this.deps.fileHosts ?? DISCORD_FILE_HOSTS, log: this.deps.log };
    return work(contextFor(interaction, this.deps.services, files), this.deps.log);
  }

  /** Rounds, boards and records belong to a server: a DM gets one line saying so. */
  private needsServer(interaction: RepliableInteraction): Promise<void> {
    return respond(interaction, Promise.resolve(errorReply(langOf(interaction), msg('discord.needsServer'))), this.deps.log);
  }

  /** A button or form from an older version of the bot, whose action no longer exists. */
  private stale(interaction: RepliableInteraction): Promise<void> {
    return respond(interaction, Promise.resolve(errorReply(langOf(interaction), msg('discord.staleButton'))), this.deps.log);
  }

  private async apologize(interaction: RepliableInteraction, reply: Reply): Promise<void> {
    const sorry = { ...renderReply(reply), flags: MessageFlags.Ephemeral } as const;
    try {
      if (interaction.replied || interaction.deferred) await interaction.followUp(sorry);
      else await interaction.reply(sorry);
    } catch (err) {
      this.deps.log.warn({ err, interaction: interaction.id }, 'could not tell the user about the failure');
    }
  }
}
