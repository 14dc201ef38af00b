#!/usr/bin/env node
/**
 * `npm run register`: puts every slash command on Discord for DISCORD_APPLICATION_ID, in one
 * server when DISCORD_GUILD_ID is set (a class server: changes show at once), else globally. The
 * PUT replaces the whole set, so a command removed from the code disappears from Discord too.
 */
import { REST, Routes, DefaultRestOptions } from 'discord.js';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../../config.js';
import { registrationBody } from './commands.js';

async function register(config: Config): Promise<string> {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: app, DISCORD_GUILD_ID: guild } = config;
  if (!token || !app) throw new ConfigError('DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register the commands.');
  const rest = new REST({ api: config.DISCORD_API_URL ?? DefaultRestOptions.api }).setToken(token);
  const body = registrationBody();
  const route = guild ? Routes.applicationGuildCommands(app, guild) : Routes.applicationCommands(app);
  const registered = (await rest.put(route, { body })) as ReadonlyArray<{ readonly name: string }>;
  const names = registered.map((c) => `/${c.name}`).join(' ');
  return `Registered ${registered.length} commands ${guild ? `in server ${guild}` : 'globally'}: ${names}`;
}

async function main(): Promise<number> {
  loadDotEnv();
  try {
    process.stdout.write(`${await register(loadConfig(process.env))}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`paramquiz register: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof ConfigError ? 2 : 1;
  }
}

process.exitCode = await main();
