/**
 * The baseline of discord_rss_vs_bare_ratio: discord.js alone, with the bot's own client options
 * (intents, capped caches), answering every interaction with one constant private reply. Run as
 * its own process by bench/discord.ts with the bot's environment.
 */
import { Events, MessageFlags } from 'discord.js';
import { createClient } from '../src/platforms/discord/client.js';

const client = createClient({ api: process.env.DISCORD_API_URL });
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isRepliable()) void interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral }).catch(() => {});
});
process.once('SIGTERM', () => void client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
