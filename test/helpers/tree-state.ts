import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface TreeStateOptions {
  readonly skip?: readonly string[];
  /** Also owner, group and modification time of every entry (folders included), the time to the microsecond. */
  readonly metadata?: boolean;
}

/**
 * Every entry below `root` as `type mode content`: the sha256 of a file, the target of a symlink.
 * Two folders with equal states hold the same bytes, permissions and links (and, with `metadata`,
 * owners and times). Paths are relative.
 */
export function treeState(root: string, options: TreeStateOptions = {}): Map<string, string> {
  const skip = new Set(options.skip ?? []);
  const state = new Map<string, string>();
  const visit = (relative: string): void => {
    const path = relative === '' ? root : join(root, relative);
    const stats = lstatSync(path);
    const mode = `${(stats.mode & 0o7777).toString(8)}${options.metadata === true ? ` ${stats.uid}:${stats.gid} ${metadata(path)}` : ''}`;
    if (stats.isSymbolicLink()) state.set(relative, `symlink ${mode} ${readlinkSync(path)}`);
    else if (stats.isFile()) state.set(relative, `file ${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    else if (stats.isDirectory()) {
      state.set(relative, `dir ${mode}`);
      for (const name of readdirSync(path).sort()) {
        const child = relative === '' ? name : `${relative}/${name}`;
        if (!skip.has(child)) visit(child);
      }
    } else state.set(relative, `other ${mode}`);
  };
  visit('');
  return state;
}

/** The paths whose entries differ between two states (present in one only, or different), sorted. */
export function changedPaths(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

/** An entry's modification time in whole microseconds: what cellar sets on a folder is exact to that. */
function metadata(path: string): string {
  return (lstatSync(path, { bigint: true }).mtimeNs / 1000n).toString();
}
