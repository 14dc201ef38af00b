/** Runs the built `paramquiz` bin the way a user's shell would (its shebang, via package.json "bin"). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
export const BIN = resolve(root, pkg.bin.paramquiz!);

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function paramquiz(args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(BIN, args, {
    cwd: root,
    input: options.input ?? '',
    env: { ...process.env, PARAMQUIZ_LANG: '', LANG: 'C.UTF-8', LC_ALL: '', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
