import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this module with a package.json (from demo/ or dist/demo/). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (no package.json above demo/)');
    dir = parent;
  }
  return dir;
}

/** The Cells fixtures kept in the repository (`test/fixtures`), or `$CELLAR_FIXTURES` when set. */
export function fixturesDir(): string {
  const override = process.env.CELLAR_FIXTURES;
  return override === undefined || override === '' ? join(repoRoot(), 'test', 'fixtures') : resolve(override);
}
