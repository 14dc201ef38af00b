/** Vitest global setup: build once (as `npm run build` does, bins made executable) so spawned bins run today's code. */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}
