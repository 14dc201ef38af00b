/**
 * What a command returns and a platform renders: the reply (text, code, fields, buttons, files),
 * and the view a platform lends it to mention people, times and channels its own way.
 */
import type { Lang } from './i18n/messages.js';

/** How a platform shows people and moments to everyone in a channel. */
export interface View {
  /** `<@id>` on Discord and Slack (no member list needed), the name in a terminal. */
  mention(userId: string, name: string): string;
  /** A live relative time on Discord, a local date on Slack, a clock time in a terminal. */
  time(epochMs: number): string;
  /** A link to a channel: `<#id>` on Discord and Slack, `#name` in a terminal. */
  channel(channelId: string): string;
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
   * The language the reply is written in when it is not the asker's (/settings language answers in
   * the new one): the adapter renders its own words in it too, so no reply mixes two languages.
   */
  readonly lang?: Lang | undefined;
  /**
   * A button whose form the platform shows at once, in place of this reply, where it can (Discord
   * and Slack open a modal as the command's response); elsewhere the reply is shown with it.
   */
  readonly ask?: Button | undefined;
  /** Called by the adapter with the posted message's id (so a reveal can edit the question). */
  readonly onPosted?: ((messageRef: string) => Promise<void> | void) | undefined;
}
