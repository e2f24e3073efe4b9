import { realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The path with every symlink and `..` resolved by the file system. For a path that does not exist
 * yet, its longest existing ancestor is resolved and the rest appended, as it would be created.
 */
export async function resolveRealPath(path: string): Promise<string> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(await realpath(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return join(current, ...missing.reverse());
      missing.push(basename(current));
      current = parent;
    }
  }
}
