/**
 * The text of a file attached to `/count` (a student's model.py): Discord gives its name, size,
 * type and a CDN address; the bot reads it only from Discord's own hosts (or the API's host, a
 * loopback Discord in tests), only if it is text, and never more than the engine would take.
 */
import type { Attachment } from 'discord.js';
import { MAX_CODE_LENGTH } from '../../engine/spec.js';
import { formatInt } from '../../engine/format.js';
import { msg, type MessageRef } from '../../i18n/messages.js';

/** What pasted code may hold (the engine's own bound), in characters; a UTF-8 character is at most four bytes. */
const MAX_CHARS = MAX_CODE_LENGTH;
const MAX_BYTES = 4 * MAX_CHARS;
const READ_TIMEOUT_MS = 5_000;
const DISCORD_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'];
const TEXT_NAMES = /\.(py|txt|md|pq)$/i;

export type AttachmentText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: MessageRef };

export class AttachmentReader {
  private readonly hosts: ReadonlySet<string>;

  /** `api`: DISCORD_API_URL, whose host is trusted too (the loopback Discord of the tests). */
  constructor(api: string | undefined) {
    this.hosts = new Set([...DISCORD_HOSTS, ...(api ? [new URL(api).host] : [])]);
  }

  async read(file: Pick<Attachment, 'name' | 'size' | 'url' | 'contentType'>): Promise<AttachmentText> {
    const name = file.name;
    // A source file by its name or its type; what it holds is checked once read (UTF-8, no NUL).
    if (!TEXT_NAMES.test(name) && !(file.contentType ?? '').startsWith('text/')) return { ok: false, error: msg('count.fileNotText', { name }) };
    if (file.size > MAX_BYTES) return { ok: false, error: msg('count.fileTooLarge', { name, max: formatInt(MAX_CHARS) }) };
    let url: URL;
    try {
      url = new URL(file.url);
    } catch {
      return { ok: false, error: msg('count.fileUnreadable', { name }) };
    }
    if (!this.hosts.has(url.host)) return { ok: false, error: msg('count.fileUnreadable', { name }) };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(READ_TIMEOUT_MS), redirect: 'error' });
      if (!res.ok || !res.body) return { ok: false, error: msg('count.fileUnreadable', { name }) };
      const bytes = await readAtMost(res.body, MAX_BYTES);
      if (bytes === undefined) return { ok: false, error: msg('count.fileTooLarge', { name, max: formatInt(MAX_CHARS) }) };
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      if (text.length > MAX_CHARS) return { ok: false, error: msg('count.fileTooLarge', { name, max: formatInt(MAX_CHARS) }) };
      if (text.includes('\u0000')) return { ok: false, error: msg('count.fileNotText', { name }) };
      return { ok: true, text };
    } catch (err) {
      // Not UTF-8 is not text; anything else (a timeout, a refused connection) is a failed read.
      if (err instanceof TypeError && /encoded data/.test(err.message)) return { ok: false, error: msg('count.fileNotText', { name }) };
      return { ok: false, error: msg('count.fileUnreadable', { name }) };
    }
  }
}

/** The body's bytes, or undefined once it passes `max` (reading stops there). */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
