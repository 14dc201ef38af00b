/**
 * Who is asking, where: a Slack payload to a command Context. The scope is the workspace
 * (`slack:<team_id>`), so boards never mix across workspaces; the language is the workspace's
 * setting (/settings language, QUIZ_LANGUAGE until an admin changes it).
 * A person's display name and whether they are a workspace admin or owner come from users.info,
 * cached, so a busy quiz does not ask Slack about the same student on every click.
 */
import type { webApi } from '@slack/bolt';
import type { Context, Services, Upload, View } from '../../../commands/types.js';
import { msg } from '../../i18n/messages.js';
import { mayBeText, readHosted } from '../upload.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Lang } from '../../i18n/messages.js';
import type { Logger } from '../../log.js';

/** The parts of a slash command, button click or form submission a Context is made from. */
export interface Asker {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
  /** The name in the payload (a username), used until users.info says better. */
  readonly userName: string;
}

interface Member {
  readonly name: string;
  readonly workspaceAdmin: boolean;
}

const MEMBER_TTL_MS = 10 * 60_000;
/** How far back a shared file is looked for: the file shared just before the command. */
const SHARED_FILE_WINDOW_S = 15 * 60;
/** A failed look-up (no users:read scope, a hiccup) is retried sooner than a good one is refreshed. */
const FAILED_TTL_MS = 60_000;
const MAX_CACHED = 5_000;

export const scopeOf = (teamId: string): string => `slack:${teamId}`;

export class SlackContexts {
  private readonly members = new Map<string, { readonly until: number; readonly member: Promise<Member> }>();
  /** Each workspace's language as last read (see knownLang). */
  private readonly langs = new Map<string, Lang>();
  private readonly admins: ReadonlySet<string>;
  /** Where Slack serves private files (and a test's fake). */
  private readonly fileHosts: readonly string[];
  readonly view: View;

  constructor(
    private readonly o: {
      readonly config: Config;
      readonly services: Services;
      readonly clock: Clock;
      readonly log: Logger;
      readonly client: webApi.WebClient;
    },
  ) {
    this.admins = new Set(o.config.ADMIN_USER_IDS);
    this.fileHosts = ['files.slack.com', ...(o.config.SLACK_API_URL ? [new URL(o.config.SLACK_API_URL).host] : [])];
    const fallback = fallbackDates(o.config.QUIZ_TIMEZONE);
    this.view = {
      mention: (userId) => `<@${userId}>`,
      time: (ms) => slackDate(ms, o.clock.now(), fallback),
      channel: (channelId) => `<#${channelId}>`,
    };
  }

  async of(asker: Asker): Promise<Context> {
    const member = await this.member(asker);
    const scopeId = scopeOf(asker.teamId);
    const { mention, time, channel } = this.view;
    return {
      mention,
      time,
      channel,
      platform: 'slack',
      scopeId,
      channelId: asker.channelId,
      player: { userId: asker.userId, name: member.name },
      lang: await this.readLang(scopeId),
      langFromScope: true,
      isAdmin: this.admins.has(asker.userId) || member.workspaceAdmin,
      services: this.o.services,
      upload: (ref) => this.sharedFile(asker, ref),
    };
  }

  /**
   * A slash command carries no file: the file is the latest one the asker shared in this channel in
   * the last quarter of an hour (named `ref` when given), downloaded with the bot token from Slack.
   */
  private async sharedFile(asker: Asker, ref: string | undefined): Promise<Upload> {
    let listed;
    try {
      listed = await this.o.client.files.list({ channel: asker.channelId, user: asker.userId, ts_from: String(Math.floor(this.o.clock.now() / 1000) - SHARED_FILE_WINDOW_S), count: 20 });
    } catch (err) {
      this.o.log.warn({ err, user: asker.userId }, 'files.list failed');
      return { ok: false, error: msg('file.notListed') };
    }
    const wanted = (name: string, type: string | undefined) => (ref === undefined || ref.trim() === '' ? mayBeText({ name, contentType: type }) : name === ref.trim());
    const file = (listed.files ?? []).filter((f) => typeof f.name === 'string' && wanted(f.name, f.mimetype)).sort((a, b) => (b.created ?? 0) - (a.created ?? 0))[0];
    const url = file?.url_private_download ?? file?.url_private;
    if (!file?.name || !url) return { ok: false, error: msg('file.none') };
    return readHosted(
      { name: file.name, url, size: file.size, contentType: file.mimetype },
      { hosts: this.fileHosts, headers: { authorization: `Bearer ${this.o.config.SLACK_BOT_TOKEN}` }, log: this.o.log },
    );
  }

  /**
   * The workspace's language where no Context is at hand (a stale button); when its settings
   * cannot be read, the one last read (knownLang).
   */
  async langOf(scopeId: string | undefined): Promise<Lang> {
    if (scopeId === undefined) return this.o.config.QUIZ_LANGUAGE;
    try {
      return await this.readLang(scopeId);
    } catch {
      return this.knownLang(scopeId);
    }
  }

  /** The workspace's language from its settings, kept for knownLang. */
  private async readLang(scopeId: string): Promise<Lang> {
    const lang = (await this.o.services.quiz.scope(scopeId)).language;
    if (!this.langs.has(scopeId) && this.langs.size >= MAX_CACHED) this.langs.clear();
    this.langs.set(scopeId, lang);
    return lang;
  }

  /**
   * The workspace's language as last read, without reading the store: for saying that the store
   * is busy, in time, while it is. The deployment's for a workspace not seen since the start.
   */
  knownLang(scopeId: string | undefined): Lang {
    return (scopeId === undefined ? undefined : this.langs.get(scopeId)) ?? this.o.config.QUIZ_LANGUAGE;
  }

  private member(asker: Asker): Promise<Member> {
    const key = `${asker.teamId}/${asker.userId}`;
    const now = this.o.clock.now();
    const cached = this.members.get(key);
    if (cached && cached.until > now) return cached.member;
    if (this.members.size >= MAX_CACHED) this.members.clear();
    const fallback: Member = { name: asker.userName, workspaceAdmin: false };
    const member = this.lookUp(asker).catch((err: unknown) => {
      this.o.log.warn({ err, user: asker.userId }, 'users.info failed; using the name in the request and ADMIN_USER_IDS only');
      this.members.set(key, { until: this.o.clock.now() + FAILED_TTL_MS, member: Promise.resolve(fallback) });
      return fallback;
    });
    this.members.set(key, { until: now + MEMBER_TTL_MS, member });
    return member;
  }

  private async lookUp(asker: Asker): Promise<Member> {
    const { user } = await this.o.client.users.info({ user: asker.userId });
    if (!user) throw new Error(`users.info returned no user for ${asker.userId}`);
    const profile = user.profile;
    const name = [profile?.display_name, profile?.real_name, user.real_name, user.name, asker.userName].find((n) => n !== undefined && n.trim() !== '');
    return { name: name ?? asker.userId, workspaceAdmin: user.is_admin === true || user.is_owner === true || user.is_primary_owner === true };
  }
}

/** How a date token reads where Slack cannot render it: `23 Nov 2026, 10:01 GMT+8`. */
export const fallbackDates = (timeZone: string): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });

/**
 * A moment as Slack's date token, shown in each reader's own time zone: the clock time for a
 * deadline within hours, the date as well for one further away. The fallback (notifications,
 * old clients) is in the deployment's time zone.
 */
export function slackDate(ms: number, now: number, fallback: Intl.DateTimeFormat): string {
  const format = Math.abs(ms - now) < 12 * 3600_000 ? '{time}' : '{date_short_pretty} {time}';
  return `<!date^${Math.floor(ms / 1000)}^${format}|${fallback.format(ms)}>`;
}
