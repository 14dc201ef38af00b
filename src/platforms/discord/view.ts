/**
 * How Discord shows people and moments: a mention renders as the member's name for every reader
 * without the bot knowing the member list, a timestamp renders live in each reader's time zone, and
 * a channel link opens the channel.
 */
import type { View } from '../../../commands/types.js';

export const DISCORD_VIEW: View = {
  mention: (userId) => `<@${userId}>`,
  time: (epochMs) => `<t:${Math.round(epochMs / 1000)}:R>`,
  channel: (channelId) => `<#${channelId}>`,
};
