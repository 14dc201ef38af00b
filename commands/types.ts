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
import type { TableChecker } from '../src/quiz/table/check-pool.js';
import type { Practice } from '../src/quiz/practice.js';
import type { Scheduler } from '../src/quiz/scheduler.js';
import type { QuizService } from '../src/quiz/service.js';
import type { Player } from '../src/domain/index.js';
import type { Reports } from '../src/report/report.js';
import type { WebLinks } from '../src/web/links.js';
import type { Reply, View } from '../src/reply.js';

export type { Button, MadeFile, Reply, ReplyFile, Tone, View } from '../src/reply.js';

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
  /** Checks a student's pasted table against a model (/check; a worker with a deadline in the bot). */
  readonly tableChecks: TableChecker;
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
  /**
   * Several one-line fields in place of the one (a table's rows), each optional. Their values come
   * to the action one per line, in order: a one-line field holds no line break, so nothing is lost.
   * A terminal asks for the whole as one line instead (`/press N 1792, 36928, …`).
   */
  readonly fields?: readonly FormField[];
}

export interface FormField {
  readonly label: string;
  readonly placeholder: string;
}

/**
 * How many fields one form holds on each platform: Discord's modals take five components; Slack's
 * take 100 blocks (a table's rows and totals fit in one); a terminal asks for one line.
 */
export const FIELDS_PER_FORM: Readonly<Record<PlatformName, number>> = { discord: 5, slack: 50, shell: Number.POSITIVE_INFINITY };

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
