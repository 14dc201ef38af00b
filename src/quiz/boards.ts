/** Which boards an answer counts on. */
import type { Season } from '../store/store.js';
import { isoWeek } from './week.js';

/** All time, the ISO week of `at` in the scope's zone, and the season when there is one. */
export function boardsAt(at: number, timezone: string, season: Season | undefined): string[] {
  return ['all', `week:${isoWeek(at, timezone)}`, ...(season ? [`season:${season.id}`] : [])];
}
