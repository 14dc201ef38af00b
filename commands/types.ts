/**
 * The platform-neutral shape of a command: what it is called, what it takes, and what it answers.
 * Adapters in src/platforms turn a Discord interaction, a Slack request or a terminal line into a
 * `Context` and `Args`, call `run`, and render the `Reply` their own way.
 */
import type { DrawnPicture, Pictures, Ready } from '../src/charts/pool.js';
import type { Counter } from '../src/counting/answer.js';
import type { Lang, MessageRef } from '../src/i18n/messages.js';
import type { Practice } from '../src/quiz/practice.js';
import type { Scheduler } from '../src/quiz/scheduler.js';
import type { Player, QuizService } from '../src/quiz/service.js';

export type PlatformName = 'discord' | 'slack' | 'shell';

/** Whether a channel may be used by a scope: it is in the scope's server or workspace, and the bot can post there. */
export type ChannelCheck = { readonly ok: true } | { readonly ok: false; readonly why: 'elsewhere' | 'notMember' };

export interface Services {
  /** Answers /count specs (a worker pool with a deadline in the bot). */
  readonly counter: Counter;
  /** Draws the pictures of replies (a worker with a deadline in the bot). */
  readonly pictures: Pictures;
  readonly quiz: QuizService;
  readonly practice: Practice;
  readonly scheduler: Scheduler;
  /** Posts in any channel of a scope (an admin starting a question elsewhere). */
  readonly post: (target: { readonly scopeId: string; readonly channelId: string }, compose: (view: View) => Reply) => Promise<void>;
  /** Whether a channel named in a command belongs to the scope and takes the bot's posts. */
  readonly channelFor: (scopeId: string, channelId: string) => Promise<ChannelCheck>;
}

/** How a platform shows people and moments to everyone in a channel. */
export interface View {
  /** `<@id>` on Discord and Slack (no member list needed), the name in a terminal. */
  mention(userId: string, name: string): string;
  /** A live relative time on Discord, a local date on Slack, a clock time in a terminal. */
  time(epochMs: number): string;
  /** A link to a channel: `<#id>` on Discord and Slack, `#name` in a terminal. */
  channel(channelId: string): string;
}

/** Who is asking, where, in which language: what a command runs with. */
export interface Context extends View {
  readonly platform: PlatformName;
  /** `discord:<guild>`, `slack:<team>`, `shell:local`: boards never mix across scopes. */
  readonly scopeId: string;
  /** The platform's own channel id. */
  readonly channelId: string;
  readonly player: Player;
  readonly lang: Lang;
  /** Checked by the adapter: Discord permissions, Slack admins and ADMIN_USER_IDS, everyone in the shell. */
  readonly isAdmin: boolean;
  readonly services: Services;
}

export type Tone = 'info' | 'success' | 'warning' | 'error';

/** A button runs an action: its id is `action:param:param`. */
export interface Button {
  readonly action: string;
  readonly params: readonly string[];
  readonly label: string;
  readonly style?: 'primary' | 'secondary' | 'success' | 'danger';
}

/**
 * A picture that comes with a reply. It is drawn only when the adapter asks, after the reply has
 * been acknowledged, and off the event loop (the picture worker): drawing is CPU work that must
 * hold up no answer. Undefined when there turns out to be nothing to draw; rejects when it could
 * not be drawn (the reply goes out without it).
 */
export interface Picture {
  readonly draw: () => Promise<DrawnPicture | undefined>;
  /**
   * The picture if it was drawn before (the cache): an adapter can then send it with the reply
   * itself, one request instead of a reply and an edit.
   */
  readonly ready: () => Ready | undefined;
}

export interface Reply {
  /** private: only the asker sees it (ephemeral); public: posted in the channel. */
  readonly visibility: 'private' | 'public';
  readonly tone?: Tone | undefined;
  readonly title?: string | undefined;
  /** Prose with **bold** and `code`. */
  readonly text?: string | undefined;
  /** Monospace block: tables and formulas. */
  readonly code?: string | undefined;
  readonly fields?: ReadonlyArray<{ readonly label: string; readonly value: string }> | undefined;
  readonly footer?: string | undefined;
  readonly buttons?: readonly Button[] | undefined;
  readonly pictures?: readonly Picture[] | undefined;
  /** Called by the adapter with the posted message's id (so a reveal can edit the question). */
  readonly onPosted?: ((messageRef: string) => Promise<void> | void) | undefined;
}

export interface OptionSpec {
  readonly name: string;
  /** `user` and `channel` carry the platform's id (Discord pickers; `<@U1>` / `<#C1>` in text). */
  readonly type: 'string' | 'integer' | 'boolean' | 'user' | 'channel';
  readonly description: MessageRef;
  readonly required?: boolean;
  /** A closed set of values (level, topic, period). */
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** Suggest values while the user types (Discord autocomplete). */
  readonly autocomplete?: boolean;
  /** Takes the whole rest of the line, spaces included (a /count spec, an answer). */
  readonly rest?: boolean;
}

export type ArgValue = string | number | boolean;
export type Args = Readonly<Record<string, ArgValue | undefined>>;

export interface Command {
  readonly name: string;
  readonly description: MessageRef;
  readonly options: readonly OptionSpec[];
  /** Only admins may run it (Discord: default_member_permissions, re-checked in the handler). */
  readonly admin?: boolean;
  /**
   * Needs no scope: works where there is no server (a Discord direct message). Rounds, boards and
   * records all belong to a scope, so a command is scoped unless it says otherwise.
   */
  readonly standalone?: boolean;
  run(ctx: Context, args: Args): Promise<Reply> | Reply;
  /** Suggestions for an autocomplete option as the user types (`ctx` when the platform knows who asks). */
  suggest?(option: string, typed: string, ctx?: Context): Promise<readonly string[]> | readonly string[];
}

/** What a button does; with `modal`, a click first asks for text (a number answer). */
export interface Action {
  readonly name: string;
  /** Only admins may press it (a confirmation of an admin command). */
  readonly admin?: boolean;
  /** Needs no scope, as Command.standalone. */
  readonly standalone?: boolean;
  readonly modal?: (ctx: Context, params: readonly string[]) => { readonly title: string; readonly label: string; readonly placeholder: string };
  run(ctx: Context, params: readonly string[], input?: string): Promise<Reply> | Reply;
}

