/** Locations inside the installed package, the same from src/ (tests) and dist/src/ (built). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('paramquiz: cannot find the package root');
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findRoot();
