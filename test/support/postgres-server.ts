/**
 * A real PostgreSQL server for the test run: the one PARAMQUIZ_TEST_DATABASE_URL names, or a
 * throwaway cluster started from the machine's PostgreSQL binaries (Debian's `postgresql`
 * package; installed with apt-get when missing and this is root, as .ci/run does). Nothing is
 * skipped: if no server can be had, the run fails with one line saying what to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const URL_VARIABLE = 'PARAMQUIZ_TEST_DATABASE_URL';

function binaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

function install(): void {
  const root = userInfo().uid === 0;
  if (!root || spawnSync('apt-get', ['--version']).status !== 0) {
    throw new Error(`The PostgreSQL tests need a server: install PostgreSQL (Debian: apt-get install postgresql) or set ${URL_VARIABLE}=postgres://...`);
  }
  process.stdout.write("PostgreSQL binaries not found: installing Debian's postgresql package for the tests…\n");
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningServer {
  readonly url: string;
  stop(): void;
}

export interface Cluster extends RunningServer {
  /** Takes the server down (as an upgrade or a crash would): every connection is dropped. */
  down(): void;
  /** Brings it back on the same port and data. */
  up(): void;
}

/** PostgreSQL refuses to run as root: the cluster is run as the `postgres` user the package creates. */
function runAs(bin: string, args: readonly string[]): void {
  const asRoot = userInfo().uid === 0;
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
  const r = spawnSync(command, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin.split('/').pop()} failed: ${r.stderr || r.stdout}`);
}

export async function startPostgres(): Promise<RunningServer> {
  const given = process.env[URL_VARIABLE];
  if (given) return { url: given, stop: () => {} };
  return startCluster();
}

/** A new throwaway cluster of its own (a test that restarts its server needs one nobody else uses). */
export async function startCluster(): Promise<Cluster> {
  let bin = binaries();
  if (!bin) {
    install();
    bin = binaries();
    if (!bin) throw new Error('installed postgresql, but found no pg_ctl under /usr/lib/postgresql');
  }
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-pg-'));
  chmodSync(dir, 0o777); // the postgres user writes the cluster and its socket here
  const data = join(dir, 'data');
  const port = await freePort();
  runAs(join(bin, 'initdb'), ['-D', data, '-U', 'paramquiz', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '-N']);
  const options = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  runAs(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start']);
  return {
    url: `postgres://paramquiz@127.0.0.1:${port}/postgres`,
    down: () => runAs(join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']),
    up: () => runAs(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start']),
    stop: () => {
      try {
        runAs(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
