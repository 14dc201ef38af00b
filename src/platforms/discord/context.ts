/** A Discord interaction as the platform-neutral `Context` a command runs with. */
import { GuildMember, PermissionFlagsBits, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { Context, Services, Upload } from '../../../commands/types.js';
import { msg, parseLang, type Lang } from '../../i18n/messages.js';
import { readHosted, type FileHost } from '../upload.js';
import { DISCORD_VIEW } from './view.js';

/** Direct messages belong to no server: only standalone commands run there, and they store nothing. */
export const DM_SCOPE = 'discord:@me';

/** The user's own Discord language; anything but Chinese or English gets English. */
export const langOf = (interaction: Interaction): Lang => parseLang(interaction.locale) ?? 'en';

/** Where a command's attachment is downloaded from: Discord's file hosts (and DISCORD_API_URL's, a test's Discord). */
export const DISCORD_FILE_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'] as const;

export function contextFor(interaction: Interaction, services: Services, files?: FileHost): Context {
  return {
    ...DISCORD_VIEW,
    platform: 'discord',
    scopeId: interaction.guildId ? `discord:${interaction.guildId}` : DM_SCOPE,
    channelId: interaction.channelId ?? '',
    player: { userId: interaction.user.id, name: displayName(interaction) },
    lang: langOf(interaction),
    // default_member_permissions only hides admin commands; a server can re-grant them to anyone,
    // so the permission Discord computed for this member in this channel is what decides.
    // `has` counts Administrator as every permission.
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    services,
    upload: files && interaction.isChatInputCommand() ? (ref) => attachmentOf(interaction, ref, files) : undefined,
  };
}

/** The attachment option's file: Discord sends its id, with the file's name, size and CDN address resolved. */
async function attachmentOf(interaction: ChatInputCommandInteraction, ref: string | undefined, files: FileHost): Promise<Upload> {
  const attachment = ref === undefined ? undefined : interaction.options.resolved?.attachments?.get(ref);
  return attachment ? readHosted(attachment, files) : { ok: false, error: msg('file.none') };
}

/** The name the member goes by in this server (nickname, else display name, else user name). */
function displayName(interaction: Interaction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}
