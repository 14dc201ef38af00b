/** A Discord interaction as the platform-neutral `Context` a command runs with. */
import { GuildMember, PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Context, Services } from '../../../commands/types.js';
import { parseLang, type Lang } from '../../i18n/messages.js';
import { DISCORD_VIEW } from './view.js';

/** Direct messages belong to no server: only standalone commands run there, and they store nothing. */
export const DM_SCOPE = 'discord:@me';

/** The user's own Discord language; anything but Chinese or English gets English. */
export const langOf = (interaction: Interaction): Lang => parseLang(interaction.locale) ?? 'en';

export function contextFor(interaction: Interaction, services: Services): Context {
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
  };
}

/** The name the member goes by in this server (nickname, else display name, else user name). */
function displayName(interaction: Interaction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}
