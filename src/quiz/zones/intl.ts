/**
 * UTC offsets from Intl (ICU), for zones the system's database does not have: a slim container
 * without tzdata, or a name only Intl accepts (it ignores case: `asia/taipei`). The first use maps
 * ICU's code and data into memory for the rest of the process, hence only the fallback.
 */

/**
 * A zone's offset (local time minus UTC, in ms) at an instant, read from Intl's wall clock. Throws
 * a RangeError, as Intl does, when `timeZone` is not a zone Intl knows.
 */
export function intlOffsets(timeZone: string): (epochMs: number) => number {
  const wallClock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return (epochMs) => {
    const parts = wallClock.formatToParts(epochMs);
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    // The wall clock shows whole seconds: compared with the instant's whole second, the offset is exact.
    return wall - Math.floor(epochMs / 1000) * 1000;
  };
}
