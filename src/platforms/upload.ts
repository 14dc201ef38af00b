/**
 * The file a user gives a command (`/count file:` a model's source, `/questions action:import` a
 * question set), read the same way on every platform: only a text file (by its name or its type,
 * then checked once read: UTF-8, no NUL), only from the platform's own file host (never an
 * address a message names), within a few seconds, and never more than MAX_UPLOAD_BYTES: a larger
 * file is refused before it is downloaded, and a download that grows past it is cut off.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_UPLOAD_BYTES, type Upload } from '../../commands/types.js';
import { formatInt } from '../engine/format.js';
import { msg } from '../i18n/messages.js';
import type { Logger } from '../log.js';

const FETCH_TIMEOUT_MS = 5_000;
/** Source files and question sets; anything else must say it is text in its type. */
const TEXT_NAMES = /\.(py|txt|md|pq|csv|tsv|ya?ml|json)$/i;
const SIZE = `${formatInt(MAX_UPLOAD_BYTES)} bytes`;

/** A file a platform lists for a command: its name, its size and type when known, where to download it. */
export interface HostedFile {
  readonly name: string;
  readonly url: string;
  readonly size?: number | undefined;
  readonly contentType?: string | null | undefined;
}

/** Where a platform's files may be downloaded from, and how (Slack's private files need the bot token). */
export interface FileHost {
  readonly hosts: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly log: Logger;
}

const tooLarge = (name: string): Upload => ({ ok: false, error: msg('file.tooLarge', { name, max: SIZE }) });
const notText = (name: string): Upload => ({ ok: false, error: msg('file.notText', { name }) });
const unreadable = (name: string): Upload => ({ ok: false, error: msg('file.unreadable', { name }) });

/** Whether a listed file may be text, before anything is downloaded. */
export const mayBeText = (file: Pick<HostedFile, 'name' | 'contentType'>): boolean => TEXT_NAMES.test(file.name) || (file.contentType ?? '').startsWith('text/');

/** A file's bytes as text: UTF-8 (a byte-order mark dropped) with no NUL, else not a text file. */
function decoded(name: string, bytes: Uint8Array): Upload {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return notText(name);
  }
  return text.includes('\u0000') ? notText(name) : { ok: true, name, text };
}

/** Downloads a file a platform listed, from one of `host.hosts` only. */
export async function readHosted(file: HostedFile, host: FileHost): Promise<Upload> {
  const { name } = file;
  if (!mayBeText(file)) return notText(name);
  if ((file.size ?? 0) > MAX_UPLOAD_BYTES) return tooLarge(name);
  let url: URL;
  try {
    url = new URL(file.url);
  } catch {
    return unreadable(name);
  }
  if (!host.hosts.includes(url.host) || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    host.log.warn({ host: url.host }, "a file from a host that is not the platform's own was refused");
    return unreadable(name);
  }
  try {
    const response = await fetch(url, { headers: { ...host.headers }, redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok || !response.body) return unreadable(name);
    if (Number(response.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES) return tooLarge(name);
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_UPLOAD_BYTES) return tooLarge(name); // leaving the loop cancels the download
      parts.push(chunk);
    }
    return decoded(name, Buffer.concat(parts));
  } catch (err) {
    host.log.warn({ err, host: url.host }, 'a file could not be downloaded');
    return unreadable(name);
  }
}

/** A file on this machine (the terminal: the user is at the machine already), read no further than the limit. */
export async function readLocal(path: string | undefined): Promise<Upload> {
  if (path === undefined || path.trim() === '') return { ok: false, error: msg('file.none') };
  const name = basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, error: msg('file.missing', { name: path, why: 'not a file' }) };
    if (info.size > MAX_UPLOAD_BYTES) return tooLarge(name);
    const bytes = new Uint8Array(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    return decoded(name, bytes.subarray(0, bytesRead));
  } catch (e) {
    return { ok: false, error: msg('file.missing', { name: path, why: (e as NodeJS.ErrnoException).code ?? 'unreadable' }) };
  } finally {
    await handle?.close();
  }
}
