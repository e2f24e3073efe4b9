import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CellarError } from '../../core/errors.js';
import { isNotFound, lastLine, toolMissing } from '../process/run-tool.js';
import { fileSystemTypeOf } from './mount-type.js';

/** The inode number of every btrfs subvolume's root folder. */
const subvolumeRootInode = 256;

/** Where the read-only snapshots of a subvolume go: beside it, named after it. */
function snapshotPrefix(subvolume: string): string {
  return join(dirname(subvolume), `.cellar-${basename(subvolume)}-`);
}

/**
 * The root of the btrfs subvolume that holds `folder` (the folder itself, or the nearest parent
 * whose inode is 256); a folder on another file system is FILESYSTEM, with what to do.
 */
export async function subvolumeOf(folder: string, what: string): Promise<string> {
  let path: string;
  try {
    path = realpathSync(folder);
  } catch (error) {
    throw new CellarError('FILESYSTEM', `${what}: ${folder} does not exist; check the path`, { cause: error });
  }
  const type = await fileSystemTypeOf(path);
  if (type !== 'btrfs') {
    throw new CellarError(
      'FILESYSTEM',
      `${what}: ${folder} is on ${type ?? 'an unknown file system'}, not btrfs; move it to a btrfs subvolume or drop consistency: { snapshot: btrfs }`,
    );
  }
  while (statSync(path).ino !== subvolumeRootInode && path !== '/') path = dirname(path);
  return path;
}

/** Takes a read-only snapshot of `subvolume` beside it; its name carries `id`, so that leftovers are found. */
export async function snapshotSubvolume(subvolume: string, id: string): Promise<string> {
  const snapshot = `${snapshotPrefix(subvolume)}${id}`;
  await btrfs(['subvolume', 'snapshot', '-r', subvolume, snapshot], `the read-only snapshot of ${subvolume}`);
  return snapshot;
}

export async function deleteSnapshot(snapshot: string): Promise<void> {
  await btrfs(['subvolume', 'delete', snapshot], `removing the snapshot ${snapshot}`);
}

/** Snapshots of `subvolume` that a run left behind (killed before it removed them). */
export function leftoverSnapshots(subvolume: string): string[] {
  const prefix = snapshotPrefix(subvolume);
  const parent = dirname(prefix);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  return names
    .map((name) => join(parent, name))
    .filter((path) => path.startsWith(prefix))
    .sort();
}

async function btrfs(args: readonly string[], what: string): Promise<void> {
  const { execa } = await import('execa');
  const result = await execa('btrfs', args, { reject: false, stdin: 'ignore', all: true });
  if (result.failed && isNotFound(result.cause)) throw toolMissing('btrfs', result.cause);
  if (result.exitCode !== 0) {
    throw new CellarError(
      'TOOL_FAILED',
      `btrfs failed at ${what}: ${lastLine(typeof result.all === 'string' ? result.all : '')}; cellar must run as root for btrfs snapshots`,
    );
  }
}
