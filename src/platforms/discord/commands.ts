/**
 * Every command as Discord's registration JSON: typed options (integers where a number is
 * expected, choices for closed sets, autocomplete where the command suggests), descriptions in
 * English with zh-TW localizations, and admin commands hidden from members without Manage Server.
 *
 * Command and option names stay English in every locale on purpose: the bot's own messages, in
 * both languages, tell students what to type ("/answer 1792", "/quiz topic:conv"), and a zh-TW
 * client would show and accept only a localized name. Choice names are localized where the
 * catalogue has the word (`level.easy` -> 簡單), with the value a student types kept beside it.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  Locale,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type ApplicationCommandOptionAllowedChannelType,
  type APIApplicationCommandOptionChoice,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMANDS } from '../../../commands/index.js';
import type { Command, OptionSpec } from '../../../commands/types.js';
import { en } from '../../i18n/en.js';
import { t, type MessageKey, type MessageRef } from '../../i18n/messages.js';
import { clip, LIMIT } from './limits.js';

/** The admin permission: what lets someone run admin commands, and what hides them from others. */
export const ADMIN_PERMISSION = PermissionFlagsBits.ManageGuild;

/** Text channels a question can be posted in. */
const TEXT_CHANNELS: ApplicationCommandOptionAllowedChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread, ChannelType.PrivateThread];

const description = (ref: MessageRef) => ({
  description: clip(t('en', ref), LIMIT.commandDescription),
  description_localizations: { [Locale.ChineseTW]: clip(t('zh-TW', ref), LIMIT.commandDescription) },
});

export function commandJson(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    ...description(command.description),
    // Discord wants required options first; options are named, so the order is only cosmetic.
    options: [...command.options].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false)).map(optionJson),
    integration_types: [ApplicationIntegrationType.GuildInstall],
    // Admin commands act on a server, so they exist only there; the rest also work in a DM with
    // the bot (those that need a server say so; see no-server.ts).
    contexts: command.admin ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
    ...(command.admin ? { default_member_permissions: String(ADMIN_PERMISSION) } : {}),
  };
}

function optionJson(option: OptionSpec): APIApplicationCommandBasicOption {
  const common = { name: option.name, ...description(option.description), required: option.required ?? false };
  switch (option.type) {
    case 'string':
      if (option.choices) return { ...common, type: ApplicationCommandOptionType.String, choices: option.choices.slice(0, LIMIT.choices).map((c) => choiceJson(option.name, c)) };
      return { ...common, type: ApplicationCommandOptionType.String, autocomplete: option.autocomplete ?? false };
    case 'integer':
      return {
        ...common,
        type: ApplicationCommandOptionType.Integer,
        ...(option.min === undefined ? {} : { min_value: option.min }),
        ...(option.max === undefined ? {} : { max_value: option.max }),
      };
    case 'boolean':
      return { ...common, type: ApplicationCommandOptionType.Boolean };
    case 'user':
      return { ...common, type: ApplicationCommandOptionType.User };
    case 'channel':
      return { ...common, type: ApplicationCommandOptionType.Channel, channel_types: TEXT_CHANNELS };
    case 'attachment':
      return { ...common, type: ApplicationCommandOptionType.Attachment };
  }
}

function choiceJson(option: string, value: string): APIApplicationCommandOptionChoice<string> {
  const zh = wordFor(`${option}.${value}`);
  return {
    name: clip(value, LIMIT.choiceName),
    value,
    ...(zh === undefined ? {} : { name_localizations: { [Locale.ChineseTW]: clip(`${zh} (${value})`, LIMIT.choiceName) } }),
  };
}

/** The zh-TW word for a key built at run time (`topic.conv`), if the catalogue has one that takes no parameters. */
function wordFor(key: string): string | undefined {
  if (!Object.hasOwn(en, key)) return undefined;
  const entry = en[key as MessageKey] as (...args: never[]) => string;
  return entry.length === 0 ? t('zh-TW', { key } as MessageRef) : undefined;
}

/** What `npm run register` sends: every command, in COMMANDS order. */
export const registrationBody = (commands: readonly Command[] = COMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody[] => commands.map(commandJson);
