/**
 * Where a Reply goes on Slack once the request is acked. A private reply answers through the
 * request's response_url as an ephemeral message (only the asker sees it; the bot need not be in
 * the channel). A public reply is posted with chat.postMessage, so its ts is known: a question's
 * ts is what its reveal edits.
 *
 * Pictures go up with the Web API's external upload flow (files.getUploadURLExternal, the bytes
 * to the upload URL, files.completeUploadExternal), after the text: the text is posted with
 * chat.postMessage as always (its ts is kept, and it needs no scope beyond chat:write), then the
 * pictures are shared in the same channel. An ephemeral message cannot carry a file, so a private
 * reply's pictures are shared in the asker's direct messages with the bot. A picture is extra: if
 * its upload fails (an installation without files:write, say) it is logged and the text stands,
 * never posted twice.
 */
import type { RespondArguments, webApi } from '@slack/bolt';
import type { Reply } from '../../../commands/types.js';
import type { Lang } from '../../i18n/messages.js';
import type { Logger } from '../../log.js';
import { hasFiles, makeFiles } from '../files.js';
import { renderReply, withoutButtons, type SlackMessage } from './blocks.js';
import type { Respond } from './response-url.js';

/** Where a reply to a request goes: its channel, and its response_url. */
export interface Route {
  readonly channelId: string;
  readonly respond: Respond;
  /** Who asked: where a private reply's pictures are sent. */
  readonly userId: string;
}

export const ephemeral = (message: SlackMessage): RespondArguments => ({ response_type: 'ephemeral', replace_original: false, ...message });

export class Delivery {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  async reply(reply: Reply, lang: Lang, route: Route): Promise<void> {
    const message = renderReply(reply, reply.lang ?? lang);
    if (reply.visibility === 'private') {
      await route.respond(ephemeral(message));
      await this.privatePictures(reply, route.userId);
      return;
    }
    try {
      await this.publish(route.channelId, reply, message);
    } catch (err) {
      if (!cannotPostIn(err)) throw err;
      // chat.postMessage needs the bot in private channels and DMs; the response_url still reaches
      // the channel, but gives no ts, so this message cannot be edited later.
      this.log.warn({ channel: route.channelId, err }, 'the bot is not in this channel; answering through response_url');
      await route.respond({ response_type: 'in_channel', replace_original: false, ...message });
    }
  }

  /** Posts in a channel unasked (a reveal); returns the message's ts. */
  post(channelId: string, reply: Reply, lang: Lang): Promise<string> {
    return this.publish(channelId, reply, renderReply(reply, lang));
  }

  /**
   * Rewrites a message the bot posted (a closed question, its buttons gone), rebuilt from the
   * reply it should now show: any process can close any question, wherever it was posted from.
   */
  async replace(channelId: string, ts: string, reply: Reply, lang: Lang): Promise<void> {
    await this.client.chat.update({ channel: channelId, ts, ...withoutButtons(renderReply(reply, lang)) });
  }

  /**
   * A private reply's files, once its text is out (in the ack or through the response_url):
   * shared in the asker's direct messages with the bot, where only they see them.
   */
  async privatePictures(reply: Reply, userId: string): Promise<void> {
    await this.share(reply, async () => {
      const opened = await this.client.conversations.open({ users: userId });
      const dm = opened.channel?.id;
      if (!dm) throw new Error(`conversations.open gave no channel for ${userId}`);
      return dm;
    });
  }

  /** Posts a public reply, then shares its pictures in the same channel. */
  private async publish(channelId: string, reply: Reply, message: SlackMessage): Promise<string> {
    const ts = await this.postMessage(channelId, reply, message);
    await this.share(reply, async () => channelId);
    return ts;
  }

  /** Makes and uploads a reply's files where `where` says; a failure is logged, not thrown (the text is out). */
  private async share(reply: Reply, where: () => Promise<string>): Promise<void> {
    if (!hasFiles(reply)) return;
    try {
      const files = await makeFiles(reply, this.log);
      if (files.length === 0) return;
      await this.client.filesUploadV2({
        channel_id: await where(),
        file_uploads: files.map((f) => ({ file: Buffer.from(f.bytes), filename: f.name, title: f.alt, ...(f.kind === 'picture' ? { alt_text: f.alt } : {}) })),
      });
    } catch (err) {
      this.log.warn({ err, files: reply.files?.length }, 'pictures not shared on Slack; the reply went out without them');
    }
  }

  private async postMessage(channelId: string, reply: Reply, message: SlackMessage): Promise<string> {
    const posted = await this.client.chat.postMessage({ channel: channelId, ...message });
    if (!posted.ts) throw new Error('chat.postMessage returned no ts');
    await reply.onPosted?.(posted.ts);
    return posted.ts;
  }
}

/** chat.postMessage's refusals that the response_url can work around. */
function cannotPostIn(err: unknown): boolean {
  const code = (err as { data?: { error?: unknown } } | undefined)?.data?.error;
  return code === 'not_in_channel' || code === 'channel_not_found';
}
