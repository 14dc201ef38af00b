/**
 * What a student sees of `/quiz table` on Discord, as the bot sends it: the question message posted
 * in the channel (embed and buttons) and the modal its "Fill in the table" button opens (title and
 * text inputs). The bot runs as in test/discord/table.test.ts: the whole App and the real
 * discord.js client, logged in to the fake Discord on 127.0.0.1 (test/support/fake-discord.ts).
 * tools/discord-shots.ts draws the two as pictures for the README; test/discord/shots.test.ts
 * checks the capture.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pino } from 'pino';
import { App } from '../src/app.js';
import { ManualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Level } from '../src/domain/index.js';
import { buttons, CALLBACK, FakeDiscord, type FakeMessage, type FakeUser } from '../test/support/fake-discord.js';

type Json = Record<string, unknown>;

/** The table the pictures show: a generated medium table, the same one on every run. */
export const SHOT_TABLE = { level: 'medium', seed: 7 } as const satisfies { level: Level; seed: number };

/** The Discord client languages the pictures are made in. */
export const SHOT_LOCALES = { en: 'en-US', 'zh-TW': 'zh-TW' } as const;
export type ShotLang = keyof typeof SHOT_LOCALES;

export interface TableCapture {
  readonly lang: ShotLang;
  /** The question posted in the channel, as Discord stores it (content, embeds, components). */
  readonly question: FakeMessage;
  /** The modal payload of the "Fill in the table" button (InteractionResponse type 9's data). */
  readonly modal: Json;
  /** The bot's user, as the message's author. */
  readonly author: FakeUser;
}

/** The bot's answer to a Discord client in `lang`: a teacher posts the table, a student presses its button. */
export async function captureTable(discord: FakeDiscord, lang: ShotLang = 'en', table: { level: Level; seed: number } = SHOT_TABLE): Promise<TableCapture> {
  const locale = SHOT_LOCALES[lang];
  const teacher = discord.user('teacher', { admin: true, locale });
  const student = discord.user('student', { locale });
  const posted = await discord.slash(teacher, 'quiz', { kind: 'table', level: table.level, seed: table.seed });
  const question = posted.reply;
  if (!question) throw new Error('/quiz table: no message was posted');
  const fill = buttons(question)[0];
  if (!fill) throw new Error('/quiz table: the message has no button');
  const click = await discord.click(student, question, fill.customId);
  if (click.callback?.type !== CALLBACK.modal || !click.modal) throw new Error(`the button "${fill.label}" opened no modal`);
  return { lang, question, modal: click.modal, author: discord.bot };
}

/** A text input of a modal: what Discord draws for it. */
export interface ModalInput {
  readonly label: string;
  readonly description: string | undefined;
  readonly placeholder: string | undefined;
  readonly required: boolean;
  readonly paragraph: boolean;
}

/** The text inputs of a modal payload in order: each in a label (type 18), or in an action row (the older form). */
export function modalInputs(modal: Json): ModalInput[] {
  return ((modal.components as Json[] | undefined) ?? []).flatMap((c) => {
    const input = (c.component ?? (c.components as Json[] | undefined)?.[0]) as Json | undefined;
    if (input?.type !== 4) return [];
    return [
      {
        label: String(c.label ?? input.label ?? ''),
        description: c.description === undefined ? undefined : String(c.description),
        placeholder: input.placeholder === undefined ? undefined : String(input.placeholder),
        required: input.required !== false,
        paragraph: input.style === 2,
      },
    ];
  });
}

/**
 * The bot on a fresh fake Discord, outside a test: SQLite in a temporary folder, a fixed clock,
 * no log. `stop` closes everything and removes the folder.
 */
export async function startShotBot(): Promise<{ discord: FakeDiscord; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-shots-'));
  const discord = await FakeDiscord.start();
  discord.awaitDeferred = true;
  let app: App | undefined;
  const stop = async () => {
    await app?.stop();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DATABASE_PATH: join(dir, 'shots.db'),
      QUIZ_TIMEZONE: 'Asia/Taipei',
      QUIZ_LANGUAGE: 'en',
    });
    // 2026-11-23, a Monday, 10:00 in Taipei: the test harness's clock.
    app = await App.open(config, pino({ level: 'silent' }), { input: Readable.from([]), output: new PassThrough() }, new ManualClock(Date.UTC(2026, 10, 23, 2)));
    await app.start();
    await discord.ready();
    return { discord, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
