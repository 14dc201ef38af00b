/**
 * Shell mode, the embedded default (after Hubot's shell adapter): with no chat platform configured
 * the bot talks in the terminal. Entries are handled one at a time, in order, so piped input is a
 * script (`printf '/count conv 3 64 3\n' | npm start`); the session ends at end of input or /quit.
 * A pasted class is one entry (input.ts), counted with or without `/count` in front.
 * `/as NAME` (or PARAMQUIZ_USER) picks who you are; everyone is an admin here.
 */
import type { Button, ChannelCheck, Context, Reply, Services, View } from '../../../commands/types.js';
import { msg, t, type Lang } from '../../i18n/messages.js';
import type { Logger } from '../../log.js';
import type { Player } from '../../domain/index.js';
import { decodeButton, encodeButton, runAction, runNamedCommand } from '../dispatch.js';
import { failureReply } from '../failure.js';
import { makeFiles } from '../files.js';
import { readLocal } from '../upload.js';
import type { Platform, PostTarget } from '../platform.js';
import { saveFile } from './saved-files.js';
import { looksLikeCode, PASTE_OFF, PASTE_ON, ShellInput } from './input.js';
import { shellTime } from './when.js';
import { ANSI, PLAIN, pressable, renderReply, type Style } from './render.js';

export const SHELL_SCOPE = 'shell:local';
export const SHELL_CHANNEL = 'terminal';

export interface ShellOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  readonly services: Services;
  readonly log: Logger;
  /** PARAMQUIZ_LANG: your own language, as a chat user's locale; unset, the replies follow /settings language. */
  readonly lang: Lang | undefined;
  readonly user: string;
  readonly now: () => number;
  /** The data folder: pictures are written under pictures/, documents (exports) under exports/; their paths are printed. */
  readonly dataDir: string;
}

export class ShellPlatform implements Platform {
  readonly name = 'shell' as const;
  private player: Player;
  /** The buttons of the last reply that had any, for /press N. */
  private buttons: Button[] = [];
  private readonly style: Style;
  /** `/count` was typed alone in a terminal: the next paste is its code. */
  private awaitingCode = false;
  /** The language last read, for what is said when the settings cannot be read. */
  private lastLang: Lang;
  private finished!: () => void;
  /** Gives the terminal back; set while the input is read. */
  private release: (() => void) | undefined;
  /** Resolves when the input ends or the user quits. */
  readonly done = new Promise<void>((resolve) => (this.finished = resolve));

  constructor(private readonly o: ShellOptions) {
    this.player = { userId: o.user, name: o.user };
    this.lastLang = o.lang ?? 'en';
    this.style = o.output.isTTY ? ANSI : PLAIN;
  }

  async start(): Promise<void> {
    void this.loop().catch((err: unknown) => {
      this.o.log.error({ err }, 'shell stopped');
      this.finished();
    });
  }

  /** Ctrl-C or SIGTERM: the terminal is given back as it was (paste marks off, cooked mode) before the process exits. */
  async stop(): Promise<void> {
    this.release?.();
    this.finished();
  }

  /** A terminal has one scope and prints every channel's posts itself. */
  async channelFor(): Promise<ChannelCheck> {
    return { ok: true };
  }

  async post(_target: PostTarget, compose: (view: View) => Reply): Promise<void> {
    await this.print(compose(await this.view()));
  }

  /** The language replies are in: yours if PARAMQUIZ_LANG is set, else the scope's (/settings language). */
  private async lang(): Promise<Lang> {
    this.lastLang = this.o.lang ?? (await this.o.services.quiz.scope(SHELL_SCOPE)).language;
    return this.lastLang;
  }

  /** Times in the scope's own zone, relative to now (when.ts). */
  private async view(): Promise<View> {
    const { now, services } = this.o;
    const timeZone = (await services.quiz.scope(SHELL_SCOPE)).timezone;
    const lang = await this.lang();
    return {
      mention: (_id, name) => name,
      channel: (id) => `#${id}`,
      time: (ms) => shellTime(ms, now(), timeZone, lang),
    };
  }

  private async loop(): Promise<void> {
    const interactive = this.o.output.isTTY === true && (this.o.input as { isTTY?: boolean }).isTTY === true;
    const input = new ShellInput(this.o.input, interactive ? { output: this.o.output, prompt: '> ' } : undefined);
    // Bracketed paste: the terminal marks where a paste starts and ends, so a class is one entry.
    if (interactive) this.write(`${PASTE_ON}${t(await this.lang(), msg('shell.welcome', { user: this.player.name }))}\n`);
    let released = false;
    this.release = () => {
      if (released) return;
      released = true;
      if (interactive) this.write(PASTE_OFF);
      input.close();
    };
    input.prompt();
    try {
      for (let entry = await input.next(); entry !== undefined; entry = await input.next()) {
        if (!(await this.handleOrSay(entry.text.trim()))) break;
        input.prompt();
      }
    } finally {
      this.release();
      this.finished();
    }
  }

  /**
   * One entry, whatever fails around its command (the database away while reading the settings or
   * marking a question posted): the failure is said like any reply, and the next entry is read.
   */
  private async handleOrSay(text: string): Promise<boolean> {
    try {
      return await this.handle(text);
    } catch (err) {
      this.write(`${renderReply(failureReply(err, this.lastLang, this.o.log, { platform: 'shell', user: this.player.userId }), this.lastLang, this.style)}\n`);
      return true;
    }
  }

  /** Handles one entry (a command, or pasted text); false ends the session. */
  private async handle(text: string): Promise<boolean> {
    if (text === '') return true;
    const lang = await this.lang();
    const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
    if (!match) {
      // Code pasted on its own (or after `/count` alone) is counted; other text is not a command.
      if (this.awaitingCode || looksLikeCode(text)) {
        this.awaitingCode = false;
        return this.handle(`/count ${text}`);
      }
      this.say(t(lang, msg('shell.notACommand')));
      return true;
    }
    this.awaitingCode = false;
    const [, name = '', rest = ''] = match;
    switch (name.toLowerCase()) {
      case 'quit':
      case 'exit':
        return false;
      case 'as': {
        const who = rest.trim();
        if (!/^[\w.-]{1,32}$/.test(who)) {
          this.say(t(lang, msg('shell.badUser', { name: who })));
          return true;
        }
        this.player = { userId: who, name: who };
        this.say(t(lang, msg('shell.nowUser', { user: who })));
        return true;
      }
      case 'press':
        await this.press(rest.trim());
        return true;
      default: {
        if (name.toLowerCase() === 'count' && rest.trim() === '' && this.o.output.isTTY) {
          // In a terminal, /count alone waits for the paste that follows.
          this.awaitingCode = true;
          this.say(t(lang, msg('shell.pasteNow')));
          return true;
        }
        const reply = await runNamedCommand(name, await this.context(), rest, this.o.log);
        await this.print(reply);
        if (name.toLowerCase() === 'help') this.say(t(lang, msg('shell.help')));
        return true;
      }
    }
  }

  /** `/press N [value]`: clicks the Nth button of the last reply; a form button takes the value. */
  private async press(args: string): Promise<void> {
    const lang = await this.lang();
    const [, index = '', value] = /^(\d+)\s*([\s\S]*)$/.exec(args) ?? [];
    const button = this.buttons[Number(index) - 1];
    const decoded = button && decodeButton(encodeButton(button));
    if (!decoded) {
      this.say(t(lang, msg('shell.noButton', { n: args || '?', count: String(this.buttons.length) })));
      return;
    }
    if (decoded.action.modal && !value) {
      this.say(t(lang, msg('shell.needsValue', { n: index, label: decoded.action.modal(await this.context(), decoded.params).label })));
      return;
    }
    await this.print(await runAction(decoded.action, decoded.params, await this.context(), this.o.log, value || undefined));
  }

  private async context(): Promise<Context> {
    return {
      ...(await this.view()),
      platform: 'shell',
      scopeId: SHELL_SCOPE,
      channelId: SHELL_CHANNEL,
      player: this.player,
      lang: await this.lang(),
      langFromScope: this.o.lang === undefined,
      isAdmin: true,
      services: this.o.services,
      upload: readLocal,
    };
  }

  private async print(reply: Reply): Promise<void> {
    if (pressable(reply).length > 0) this.buttons = pressable(reply);
    const lang = reply.lang ?? (await this.lang());
    this.write(`${renderReply(reply, lang, this.style)}\n`);
    // There is no message id in a terminal; the round still gets one so it is marked as posted.
    await reply.onPosted?.(`shell:${Date.now()}`);
    // A terminal shows no pictures and takes no attachments: each file is written under the data
    // folder (a name of its own, old pictures pruned: saved-files.ts), its path and what it is printed.
    for (const file of await makeFiles(reply, this.o.log)) {
      const path = saveFile(this.o.dataDir, file, this.o.now());
      this.say(this.style.dim(t(lang, msg(file.kind === 'picture' ? 'shell.picture' : 'shell.file', { path, alt: file.alt }))));
    }
  }

  private say(text: string): void {
    this.write(`${text}\n`);
  }

  private write(text: string): void {
    this.o.output.write(text);
  }
}
