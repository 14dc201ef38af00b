/**
 * Reading the file a user gave a command (a question set to import), the same way on every
 * platform: from the platform's own file host only (never an address a message names), within a
 * few seconds, and at most MAX_UPLOAD_BYTES: a larger file is refused before it is read whole.
 */
import { readFile, stat } from 'node:fs/promises';
import { MAX_UPLOAD_BYTES, type Upload } from '../../commands/types.js';
import { msg } from '../i18n/messages.js';
import type { Logger } from '../log.js';

const FETCH_TIMEOUT_MS = 10_000;
const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

const tooLarge = (): Upload => ({ ok: false, error: msg('teacher.fileTooLarge', { max: kib(MAX_UPLOAD_BYTES) }) });

/** UTF-8 text of a file's bytes (a byte-order mark is kept for the CSV reader to drop). */
const text = (name: string, bytes: Uint8Array): Upload => ({ ok: true, name, text: new TextDecoder('utf-8').decode(bytes) });

/**
 * Downloads `url` if its host is one of `hosts`, with `headers` (a bot token for Slack's private
 * files); refused past the size limit, the deadline, or an HTTP error.
 */
export async function fetchUpload(o: { readonly url: string; readonly name: string; readonly hosts: readonly string[]; readonly headers?: Record<string, string>; readonly log: Logger }): Promise<Upload> {
  let url: URL;
  try {
    url = new URL(o.url);
  } catch {
    return { ok: false, error: msg('teacher.fetchFailed') };
  }
  if (!o.hosts.includes(url.host) || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    o.log.warn({ host: url.host }, 'an upload from a host that is not the platform\'s own was refused');
    return { ok: false, error: msg('teacher.fetchFailed') };
  }
  try {
    const response = await fetch(url, { headers: o.headers ?? {}, redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok || !response.body) return { ok: false, error: msg('teacher.fetchFailed') };
    if (Number(response.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES) return tooLarge();
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_UPLOAD_BYTES) return tooLarge();
      parts.push(chunk);
    }
    return text(o.name, Buffer.concat(parts));
  } catch (err) {
    o.log.warn({ err, host: url.host }, 'an upload could not be downloaded');
    return { ok: false, error: msg('teacher.fetchFailed') };
  }
}

/** A file on this machine (the terminal: the user is at the machine already). */
export async function readLocalUpload(path: string | undefined): Promise<Upload> {
  if (path === undefined || path.trim() === '') return { ok: false, error: msg('teacher.noFile') };
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, error: msg('teacher.fileUnreadable', { name: path, why: 'not a file' }) };
    if (info.size > MAX_UPLOAD_BYTES) return tooLarge();
    return text(path.split(/[\\/]/).pop() ?? path, await readFile(path));
  } catch (e) {
    return { ok: false, error: msg('teacher.fileUnreadable', { name: path, why: (e as NodeJS.ErrnoException).code ?? 'unreadable' }) };
  }
}
