/**
 * The system's time-zone database (`TZDIR`, else /usr/share/zoneinfo): a zone's offsets read from
 * its TZif file. The bot asks for offsets here rather than of Intl because ICU's
 * first use maps about 6 MB more of the node binary into memory for the rest of the process; a
 * zone file is a few kilobytes.
 *
 * Zone names come from users (/settings, /schedule), so only names of the IANA form are looked
 * up, and only regular files inside the database directory are read.
 */
import { closeSync, fstatSync, openSync, readlinkSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseTzif } from './tzif.js';
import { Zone } from './zone.js';

/** A name as the tz database spells them: `Asia/Taipei`, `America/Argentina/Buenos_Aires`, `Etc/GMT+8`. */
const ZONE_NAME = /^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/;
/** The longest name in the database has 32 characters. */
const MAX_NAME = 64;
/**
 * Entries of the directory that are not zones Intl knows: other copies of the database (`posix/`,
 * `right/` with leap seconds), the file for TZ strings without rules, the machine's own zone, and
 * the placeholder zone of an unconfigured machine.
 */
const NOT_ZONES = new Set(['posix', 'right', 'posixrules', 'localtime', 'Factory']);
/** A zone file is a few kilobytes; anything larger is not one. */
const MAX_FILE_BYTES = 256 * 1024;

/** Whether `name` has the form of a zone name; it says nothing of whether the zone exists. */
export function isZoneName(name: string): boolean {
  return name.length <= MAX_NAME && ZONE_NAME.test(name) && !NOT_ZONES.has(name.split('/')[0]!);
}

const configuredDirectory = () => process.env.TZDIR || '/usr/share/zoneinfo';

/** The database directory as its real path, so that a file's real path can be checked to be inside it. */
function databaseDirectory(): string | undefined {
  try {
    return realpathSync(configuredDirectory());
  } catch {
    return undefined;
  }
}

const inside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

/** The bytes of the zone's file: a link may point elsewhere in the database, not out of it. */
function readZoneFile(dir: string, name: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    const path = realpathSync(join(dir, name));
    if (!inside(dir, path)) return undefined;
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    const { size } = stat;
    if (!stat.isFile() || size > MAX_FILE_BYTES) return undefined;
    const bytes = new Uint8Array(size);
    return readSync(fd, bytes, 0, size, 0) === size ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The zone `name` from the database, or undefined when it is not there (no such zone, no database
 * on this machine, a file this reader does not understand): the caller then asks Intl. Read each
 * time: offsets.ts keeps what it finds, for the zones in use.
 */
export function zoneFromDatabase(name: string): Zone | undefined {
  if (!isZoneName(name)) return undefined;
  const dir = databaseDirectory();
  const bytes = dir === undefined ? undefined : readZoneFile(dir, name);
  const file = bytes && parseTzif(bytes);
  return file && Zone.of(file);
}

/**
 * The machine's zone by name, without Intl: `TZ` when set (`Asia/Taipei` or `:Asia/Taipei`), else
 * the zone /etc/localtime links to. Undefined when neither names a zone in the database.
 */
export function machineZoneName(): string | undefined {
  const tz = process.env.TZ;
  const name = tz ? tz.replace(/^:/, '') : localtimeLink();
  if (name === undefined || zoneFromDatabase(name) === undefined) return undefined;
  return UTC_NAMES.has(name) ? 'UTC' : name;
}

/** Other names of UTC (Debian links /etc/localtime to Etc/UTC): called `UTC`, as Intl calls the machine's zone. */
const UTC_NAMES = new Set(['Etc/UTC', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu', 'UCT', 'Universal', 'Zulu']);

/** The zone name /etc/localtime links to: `/usr/share/zoneinfo/Asia/Taipei` is `Asia/Taipei`. */
function localtimeLink(): string | undefined {
  let target: string;
  try {
    target = resolve('/etc', readlinkSync('/etc/localtime'));
  } catch {
    return undefined; // not a link (a copied file names no zone), or no such file
  }
  // The link's own path names the zone; the database directory may be reached by another path (a link itself).
  const dir = [configuredDirectory(), databaseDirectory()].find((d) => d !== undefined && inside(d, target));
  return dir && relative(dir, target).split(sep).join('/');
}
