/** A Discord interaction as the platform-neutral `Context` a command runs with. */
import { GuildMember, PermissionFlagsBits, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { MAX_UPLOAD_BYTES, type Context, type Services, type Upload } from '../../../commands/types.js';
import { msg } from '../../i18n/messages.js';
import type { Logger } from '../../log.js';
import { fetchUpload } from '../upload.js';
import { parseLang, type Lang } from '../../i18n/messages.js';
import { DISCORD_VIEW } from './view.js';

/** Direct messages belong to no server: only standalone commands run there, and they store nothing. */
export const DM_SCOPE = 'discord:@me';

/** The user's own Discord language; anything but Chinese or English gets English. */
export const langOf = (interaction: Interaction): Lang => parseLang(interaction.locale) ?? 'en';

/** Where a command's attachment may be downloaded from: Discord's file hosts (and a test's fake). */
export interface UploadSource {
  readonly hosts: readonly string[];
  readonly log: Logger;
}

export const DISCORD_FILE_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'] as const;

export function contextFor(interaction: Interaction, services: Services, files?: UploadSource): Context {
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
async function attachmentOf(interaction: ChatInputCommandInteraction, ref: string | undefined, files: UploadSource): Promise<Upload> {
  const attachment = ref === undefined ? undefined : interaction.options.resolved?.attachments?.get(ref);
  if (!attachment) return { ok: false, error: msg('teacher.noFile') };
  if (attachment.size > MAX_UPLOAD_BYTES) return { ok: false, error: msg('teacher.fileTooLarge', { max: `${MAX_UPLOAD_BYTES / 1024} KiB` }) };
  return fetchUpload({ url: attachment.url, name: attachment.name, hosts: files.hosts, log: files.log });
}

/** The name the member goes by in this server (nickname, else display name, else user name). */
function displayName(interaction: Interaction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}
