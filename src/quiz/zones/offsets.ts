/**
 * A zone's UTC offset at any instant: from the system's time-zone database when it has the zone,
 * else from Intl. One path answers for each zone, chosen once, so a zone's answers never mix the
 * two sources (which may be different releases of the tz data).
 */
import { Lru } from '../../lru.js';
import { isZoneName, zoneFromDatabase } from './database.js';
import { intlOffsets } from './intl.js';

/** Local time minus UTC, in ms, at an instant (+8 h in Asia/Taipei). */
export type Offsets = (epochMs: number) => number;

/**
 * Each valid zone's source, chosen once. Only zones found go in, but Intl accepts a name in any
 * case (`asia/taipei`, `ASIA/Taipei`, ...), so the names kept are bounded like any other cache of
 * what users type; a class uses a handful.
 */
const sources = new Lru<string, Offsets>({ maxEntries: 256, maxBytes: 256 * 16, sizeOf: () => 1 });

/** The offsets of `timeZone`; throws a RangeError when neither the database nor Intl knows it. */
export function offsetsIn(timeZone: string): Offsets {
  const known = sources.get(timeZone);
  if (known !== undefined) return known;
  // Intl refuses a name not of the IANA form as well (`../etc/passwd`, `GMT+08:00`): no need to load ICU to say so.
  if (!isZoneName(timeZone)) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
  const zone = zoneFromDatabase(timeZone);
  const offsets: Offsets = zone ? (epochMs) => zone.offsetAt(Math.floor(epochMs / 1000)) * 1000 : intlOffsets(timeZone);
  sources.set(timeZone, offsets);
  return offsets;
}

/** Whether `timeZone` names a zone: one the database has, else one Intl accepts (as before the database was read). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    offsetsIn(timeZone);
    return true;
  } catch {
    return false;
  }
}
