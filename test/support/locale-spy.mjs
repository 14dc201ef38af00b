/**
 * Loads every module of the built bot (dist/src: not its entry points, nor the sandboxes' worker
 * scripts, which run elsewhere) with each way of making a locale formatter spied on, and prints
 * what made one while loading, as JSON. Run by test/architecture/locale-at-load.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const calls = [];
const caller = () =>
  (new Error().stack ?? '')
    .split('\n')
    .slice(3)
    .find((line) => line.includes('/dist/'))
    ?.trim() ?? '(outside the bot)';
const spied = (what) => calls.push(`${what} ${caller()}`);

for (const name of ['NumberFormat', 'DateTimeFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter', 'DisplayNames']) {
  Intl[name] = new Proxy(Intl[name], {
    construct: (target, args) => (spied(`Intl.${name}`), Reflect.construct(target, args)),
    apply: (target, self, args) => (spied(`Intl.${name}`), Reflect.apply(target, self, args)),
  });
}
const methods = [
  [Number.prototype, ['toLocaleString']],
  [BigInt.prototype, ['toLocaleString']],
  [Date.prototype, ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']],
  [String.prototype, ['localeCompare', 'toLocaleUpperCase', 'toLocaleLowerCase']],
];
for (const [proto, names] of methods) {
  for (const name of names) {
    const real = proto[name];
    proto[name] = function (...args) {
      spied(name);
      return real.apply(this, args);
    };
  }
}

const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
const ENTRY = /\/(main|cli|register)\.js$|worker/;
const modules = walk(join(process.argv[2], 'dist', 'src')).filter((file) => !ENTRY.test(file));
for (const file of modules) await import(file);
process.stdout.write(JSON.stringify({ modules: modules.length, calls }));
process.exit(0);
