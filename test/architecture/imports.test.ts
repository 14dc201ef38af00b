/**
 * Data flows one way (DESIGN.md): platform event -> adapter -> command -> quiz/engine/store ->
 * Reply -> adapter renders. Read from the import lines of src/ and commands/ (type imports
 * included: a type import is a dependency of the design, if not of the bundle), so the arrows
 * stay as drawn.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

type Part = 'Domain' | 'Engine' | 'Store' | 'Quiz' | 'Commands' | 'Platforms' | 'Report' | 'Web' | 'Workers' | 'Charts' | 'I18n' | 'Main' | 'Support';

/** Which floor a file is on; the small shared helpers (clock, log, paths, lru) are Support. */
function partOf(file: string): Part {
  const table: Array<[string, Part]> = [
    ['src/domain/', 'Domain'],
    ['src/reply.ts', 'Domain'],
    ['src/engine/', 'Engine'],
    ['src/store/', 'Store'],
    ['src/quiz/', 'Quiz'],
    ['commands/', 'Commands'],
    ['src/platforms/', 'Platforms'],
    ['src/report/', 'Report'],
    ['src/web/', 'Web'],
    ['src/workers/', 'Workers'],
    ['src/counting/', 'Workers'],
    ['src/charts/', 'Charts'],
    ['src/i18n/', 'I18n'],
    ['src/main.ts', 'Main'],
    ['src/cli.ts', 'Main'],
    ['src/app.ts', 'Main'],
    ['src/config.ts', 'Main'],
  ];
  return table.find(([prefix]) => file.startsWith(prefix))?.[1] ?? 'Support';
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

interface Edge {
  readonly from: string;
  /** A repository path for a relative import, else the package's name. */
  readonly to: string;
  /** `import type` / `export type`: a dependency of the design, nothing loaded when the bot runs. */
  readonly typeOnly: boolean;
}

/** `import ... from 'x'`, `export ... from 'x'`, `import 'x'`, `import('x')`. */
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const from of [...sources('src'), ...sources('commands')]) {
    const text = readFileSync(join(ROOT, from), 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      const to = spec.startsWith('.')
        ? relative(ROOT, resolve(ROOT, dirname(from), spec)).replace(/\.js$/, '.ts')
        : spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/');
      out.push({ from, to, typeOnly: /^\s*(?:import|export)\s+type\s/.test(m[0]) });
    }
  }
  return out;
}

const ALL = edges();
const between = (from: Part, to: Part) => ALL.filter((e) => partOf(e.from) === from && e.to.includes('/') && !e.to.startsWith('@') && partOf(e.to) === to);
const packages = (from: (p: Part) => boolean, names: readonly string[]) => ALL.filter((e) => from(partOf(e.from)) && names.includes(e.to));
const show = (list: readonly Edge[]) => list.map((e) => `${e.from} -> ${e.to}`);

describe('the import graph', () => {
  it('is read: the known arrows are there', () => {
    expect(ALL.length).toBeGreaterThan(500);
    expect(show(ALL)).toEqual(expect.arrayContaining(['src/quiz/service.ts -> src/store/store.ts', 'commands/types.ts -> src/reply.ts', 'src/store/rounds.ts -> src/domain/index.ts']));
    expect(between('Quiz', 'Store').length).toBeGreaterThan(0);
  });

  it.each<[Part, Part, string]>([
    ['Store', 'Quiz', 'shared records live in the domain, not in quiz/'],
    ['Store', 'Commands', 'storage is below commands'],
    ['Store', 'Platforms', 'storage knows no chat'],
    ['Store', 'Report', 'storage is below the report'],
    ['Store', 'Web', 'storage is below the pages'],
    ['Store', 'Engine', 'the store keeps what the domain names'],
    ['Quiz', 'Commands', 'the quiz builds no chat reply'],
    ['Quiz', 'Platforms', 'the quiz knows no Discord or Slack'],
    ['Commands', 'Platforms', 'commands are platform-neutral'],
    ['Engine', 'Store', 'the engine is pure arithmetic'],
    ['Engine', 'Quiz', 'the engine knows no quiz'],
    ['Engine', 'Commands', 'the engine is the bottom floor'],
    ['Engine', 'Platforms', 'the engine knows no chat'],
    ['Engine', 'Domain', 'the engine is the bottom floor'],
  ])('%s never imports %s: %s', (from: Part, to: Part, _why: string) => {
    expect(show(between(from, to))).toEqual([]);
  });

  it('the domain is a floor: it imports only itself, and types of the engine and the catalogues', () => {
    const out = ALL.filter((e) => partOf(e.from) === 'Domain' && !['Domain', 'Engine', 'I18n'].includes(partOf(e.to)));
    expect(show(out)).toEqual([]);
    for (const e of ALL.filter((x) => partOf(x.from) === 'Domain' && partOf(x.to) !== 'Domain')) {
      expect(readFileSync(join(ROOT, e.from), 'utf8'), `${e.from} imports ${e.to} for its types only`).toMatch(
        new RegExp(`import type [^;]*'[./]*${e.to.replace(/^src\//, '').replace(/\.ts$/, '')}\\.js'`),
      );
    }
  });

  it('the main process loads the code reader at the first paste, not with the engine (src/engine/code/reader.ts)', () => {
    const loads = new Map<string, string[]>();
    for (const e of ALL) if (!e.typeOnly) loads.set(e.from, [...(loads.get(e.from) ?? []), e.to]);
    const reached = new Set(['src/main.ts']);
    for (const file of reached) for (const to of loads.get(file) ?? []) reached.add(to);
    expect(reached.size).toBeGreaterThan(200);
    expect(reached).toContain('src/engine/count.ts');
    expect(reached).toContain('src/engine/code/reader.ts');
    expect([...reached].filter((f) => f.startsWith('src/engine/code/')).sort()).not.toContain('src/engine/code/read.ts');
  });

  it('only the store speaks SQL, and a command imports no chat library', () => {
    expect(show(packages((p) => p !== 'Store', ['better-sqlite3', 'pg']))).toEqual([]);
    expect(show(packages((p) => p === 'Commands' || p === 'Quiz' || p === 'Domain', ['discord.js', '@slack/bolt']))).toEqual([]);
  });
});
