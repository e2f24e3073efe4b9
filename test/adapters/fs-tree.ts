/** Temporary folders and small trees built from a list of paths, for the adapter tests. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';

export function makeTempDir(): string {
  return mkdtempSync(`${tmpdir()}/cellar-`);
}

export function removeTempDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/**
 * Creates `entries` below `root`: `name/` is a folder, `name -> target` a symlink, anything else a
 * file whose content is its own path.
 */
export function buildTree(root: string, entries: readonly string[]): void {
  for (const entry of entries) {
    const link = entry.split(' -> ');
    if (link.length === 2) {
      const [path = '', target = ''] = link;
      mkdirSync(dirname(`${root}/${path}`), { recursive: true });
      symlinkSync(target, `${root}/${path}`);
    } else if (entry.endsWith('/')) {
      mkdirSync(`${root}/${entry}`, { recursive: true });
    } else {
      mkdirSync(dirname(`${root}/${entry}`), { recursive: true });
      writeFileSync(`${root}/${entry}`, entry);
    }
  }
}

/** A path below `root` whose last name is `before`, the raw byte `byte` (not UTF-8 on its own), then `after`. */
export function rawBytePath(root: string, before: string, byte: number, after: string): Buffer {
  return Buffer.concat([Buffer.from(`${root}/${before}`), Buffer.from([byte]), Buffer.from(after)]);
}
