/**
 * The platform-neutral shape of a command: what it is called, what it takes, and what it answers.
 * Adapters in src/platforms turn a Discord interaction, a Slack request or a terminal line into a
 * `Context` and `Args`, call `run`, and render the `Reply` their own way.
 */
import type { Pictures } from '../src/charts/pool.js';
import type { Counter } from '../src/counting/answer.js';
import { MAX_CODE_LENGTH } from '../src/engine/spec.js';
import type { Lang, MessageRef } from '../src/i18n/messages.js';
import type { QuestionFiles } from '../src/imports/pool.js';
import type { Practice } from '../src/quiz/practice.js';
import type { Scheduler } from '../src/quiz/scheduler.js';
import type { Player, QuizService } from '../src/quiz/service.js';
import type { Reports } from '../src/report/report.js';
import type { WebLinks } from '../src/web/links.js';

export type PlatformName = 'discord' | 'slack' | 'shell';

/** Whether a channel may be used by a scope: it is in the scope's server or workspace, and the bot can post there. */
export type ChannelCheck = { readonly ok: true } | { readonly ok: false; readonly why: 'elsewhere' | 'notMember' };

export interface Services {
  /** Answers /count specs (a worker pool with a deadline in the bot). */
  readonly counter: Counter;
  /** Draws the pictures of replies (a worker with a deadline in the bot). */
  readonly pictures: Pictures;
  /** Reads teachers' question files (a worker with a deadline in the bot). */
  readonly questionFiles: QuestionFiles;
  readonly quiz: QuizService;
  readonly practice: Practice;
  readonly scheduler: Scheduler;
  /** Posts in any channel of a scope (an admin starting a question elsewhere). */
  readonly post: (target: { readonly scopeId: string; readonly channelId: string }, compose: (view: View) => Reply) => Promise<void>;
  /** Whether a channel named in a command belongs to the scope and takes the bot's posts. */
  readonly channelFor: (scopeId: string, channelId: string) => Promise<ChannelCheck>;
  /** The class's record as reports and exports read it. */
  readonly reports: Reports;
  /** Signed links to the class pages; undefined when the web pages are off (no WEB_PORT or WEB_BASE_URL). */
  readonly web: WebLinks | undefined;
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
  /**
   * The language is the scope's (/settings language), not the asker's own: on Slack, and in a
   * terminal without PARAMQUIZ_LANG. Discord answers in each user's own language instead.
   */
  readonly langFromScope?: boolean | undefined;
  /** Checked by the adapter: Discord permissions, Slack admins and ADMIN_USER_IDS, everyone in the shell. */
  readonly isAdmin: boolean;
  readonly services: Services;
  /**
   * The file given with the command, read as text (at most MAX_UPLOAD_BYTES): on Discord the
   * attachment option's file (`ref` is its id), on Slack the latest file the asker shared in the
   * channel (`ref` may name it), in a terminal the file at the path `ref`. Undefined where the
   * platform takes no files.
   */
  readonly upload?: ((ref: string | undefined) => Promise<Upload>) | undefined;
}

/**
 * The largest file a command reads: as much as pasted code may hold (the engine's bound, 100,000
 * characters), a UTF-8 character being at most four bytes; a question set is far smaller.
 */
export const MAX_UPLOAD_BYTES = 4 * MAX_CODE_LENGTH;

export type Upload = { readonly ok: true; readonly name: string; readonly text: string } | { readonly ok: false; readonly error: MessageRef };

export type Tone = 'info' | 'success' | 'warning' | 'error';

/** A button runs an action: its id is `action:param:param`. */
export interface Button {
  readonly action: string;
  readonly params: readonly string[];
  readonly label: string;
  readonly style?: 'primary' | 'secondary' | 'success' | 'danger';
}

/**
 * A file that comes with a reply: a picture, drawn only when the adapter asks (after the reply has
 * been acknowledged, and off the event loop, in the picture worker: drawing is CPU work that must
 * hold up no answer), or a document the command made (a CSV export). Undefined when there turns
 * out to be nothing to make; rejects when it could not be made (the reply goes out without it).
 * Every adapter delivers both the same way, a picture shown and a document attached: Discord
 * attachments, Slack's file upload, a file under the data folder in a terminal.
 */
export interface ReplyFile {
  readonly kind: MadeFile['kind'];
  readonly make: () => Promise<MadeFile | undefined>;
  /**
   * The file if it is made already (a cached picture, a document): an adapter can then send it
   * with the reply itself, one request instead of a reply and an edit.
   */
  readonly ready: () => { readonly made: MadeFile | undefined } | undefined;
}

export interface MadeFile {
  /** A picture is shown (in an embed, in the channel); a document is attached as a file to download. */
  readonly kind: 'picture' | 'document';
  /** `vgg16-parameters.png`, `grades-all.csv` */
  readonly name: string;
  /** What it is, in the reply's language: alt text for a picture, a title for a document. */
  readonly alt: string;
  readonly bytes: Uint8Array;
}

export interface Reply {
  /** private: only the asker sees it (ephemeral); public: posted in the channel. */
  readonly visibility: 'private' | 'public';
  /**
   * The language the reply is written in when it is not the asker's (/settings language answers in
   * the new one): the adapter renders its own words in it too, so no reply mixes two languages.
   */
  readonly lang?: Lang | undefined;
  readonly tone?: Tone | undefined;
  readonly title?: string | undefined;
  /** Prose with **bold** and `code`. */
  readonly text?: string | undefined;
  /** Monospace block: tables and formulas. */
  readonly code?: string | undefined;
  readonly fields?: ReadonlyArray<{ readonly label: string; readonly value: string }> | undefined;
  readonly footer?: string | undefined;
  readonly buttons?: readonly Button[] | undefined;
  readonly files?: readonly ReplyFile[] | undefined;
  /**
   * A button whose form the platform shows at once, in place of this reply, where it can (Discord
   * and Slack open a modal as the command's response); elsewhere the reply is shown with it.
   */
  readonly ask?: Button | undefined;
  /** Called by the adapter with the posted message's id (so a reveal can edit the question). */
  readonly onPosted?: ((messageRef: string) => Promise<void> | void) | undefined;
}

export interface OptionSpec {
  readonly name: string;
  /**
   * `user` and `channel` carry the platform's id (Discord pickers; `<@U1>` / `<#C1>` in text); an
   * `attachment` names a file the command reads with Context.upload (a Discord attachment's id, a
   * file shared on Slack, a path in a terminal).
   */
  readonly type: 'string' | 'integer' | 'boolean' | 'user' | 'channel' | 'attachment';
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

/** The form a button opens: one text field, a line (an answer) or a paragraph (pasted code). */
export interface Form {
  readonly title: string;
  readonly label: string;
  readonly placeholder: string;
  /** A multi-line field for code, as long as the platform allows (Discord 4,000, Slack 3,000 characters). */
  readonly long?: boolean;
}

/** What a button does; with `modal`, a click first asks for text (a number answer). */
export interface Action {
  readonly name: string;
  /** Only admins may press it (a confirmation of an admin command). */
  readonly admin?: boolean;
  /** Needs no scope, as Command.standalone. */
  readonly standalone?: boolean;
  readonly modal?: (ctx: Context, params: readonly string[]) => Form;
  run(ctx: Context, params: readonly string[], input?: string): Promise<Reply> | Reply;
}

