#!/usr/bin/env node
/**
 * The build, and the cheap check before `npm start` that it is current.
 *
 * `node tools/build.mjs` compiles (tsc -p tsconfig.build.json), makes the bins executable and
 * writes dist/.build-stamp: the newest modification time among the sources, read *before* tsc ran
 * (so a file saved while tsc runs still counts as newer than the build), and their names.
 *
 * `node tools/build.mjs --if-stale` (prestart) builds only when a source is newer than the stamp.
 * `npm ci` already built at install time (prepare), and a full tsc takes 15–20 s on a loaded
 * 2-core machine, while walking the sources' modification times takes a few milliseconds.
 * A source deleted or renamed changes the names. The check is plain JavaScript because it runs
 * before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
/** What tsconfig.build.json compiles, and the files that change how it compiles. */
const SOURCE_DIRS = ['src', 'commands', 'bench', 'tools'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const STAMP = join('dist', '.build-stamp');
const BINS = ['dist/src/cli.js', 'dist/src/main.js'];

/** What tsc reads under SOURCE_DIRS (bench/results.json and other data the build does not read are left out). */
const SOURCE = /\.(ts|mts|cts)$/;

/**
 * The sources as the build saw them: the newest modification time (ms) of SOURCE_FILES and the
 * sources under SOURCE_DIRS, and a digest of the sources' names (a deleted or renamed source
 * changes no file's time, but changes the names).
 */
export function sourceState(root = ROOT) {
  let newest = 0;
  const names = [];
  const see = (path) => {
    const s = statSync(path, { throwIfNoEntry: false });
    if (s) newest = Math.max(newest, s.mtimeMs);
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name)) {
        names.push(relative(root, path));
        see(path);
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of SOURCE_FILES) see(join(root, file));
  return { sources: newest, names: createHash('sha1').update(names.sort().join('\n')).digest('hex') };
}

/** True when dist/ holds a build of the sources as they are now. */
export function isCurrent(root = ROOT) {
  if (!BINS.every((bin) => existsSync(join(root, bin)))) return false;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return false;
  }
  const now = sourceState(root);
  return typeof stamp?.sources === 'number' && now.sources <= stamp.sources && now.names === stamp.names;
}

/** Records that dist/ was built from the sources in `state` (sourceState, read before tsc ran). */
export function writeStamp(state, root = ROOT) {
  writeFileSync(join(root, STAMP), `${JSON.stringify(state)}\n`);
}

/** A character past Latin-1, one UTF-16 unit at a time (an astral character is its two surrogates). */
const WIDE = /[\u0100-\uffff]/g;

/**
 * A process keeps every module's text in memory as long as it runs, and V8 holds a text at two
 * bytes a character if any of its characters is past Latin-1: one `×` in a message doubles the
 * module. The emitted JavaScript has no comments, so such a character is in a string, template or
 * regular expression literal, or an identifier, and in each `\u00d7` means the same character (a
 * template's raw text would differ, and no tag here reads it). A module is rewritten with escapes
 * where that makes it smaller in memory: not the Chinese catalogues, all of whose messages are
 * wide. Columns after an escape on its line are a few further right than the source map says.
 */
export function narrowModule(text) {
  const wide = text.match(WIDE)?.length ?? 0;
  // Escaped, each wide character takes 6 one-byte characters where it took 1 of 2 bytes.
  if (wide === 0 || text.length + 5 * wide >= 2 * text.length) return text;
  return text.replace(WIDE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function narrowModules(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) narrowModules(path);
    else if (entry.name.endsWith('.js')) {
      const text = readFileSync(path, 'utf8');
      const narrow = narrowModule(text);
      if (narrow !== text) writeFileSync(path, narrow);
    }
  }
}

export function build() {
  const state = sourceState();
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  if (tsc.status !== 0) return tsc.status ?? 1;
  narrowModules(join(ROOT, 'dist'));
  for (const bin of BINS) chmodSync(join(ROOT, bin), 0o755);
  writeStamp(state);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const ifStale = process.argv.includes('--if-stale');
  process.exitCode = ifStale && isCurrent() ? 0 : build();
}
