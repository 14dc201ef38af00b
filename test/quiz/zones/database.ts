/** Where the tests find the system's time-zone database, and why the tests that need it are skipped without it. */
import { existsSync } from 'node:fs';

export const DATABASE = process.env.TZDIR || '/usr/share/zoneinfo';
export const HAS_DATABASE = existsSync(`${DATABASE}/Asia/Taipei`);
/** Appended to the name of a test that needs the database, so a run without it says why it skipped. */
export const NO_DATABASE = HAS_DATABASE ? '' : ` (skipped: no time-zone database at ${DATABASE}; Debian's tzdata package installs it)`;
