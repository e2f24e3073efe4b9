import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { CellarError } from '../../core/errors.js';
import { isExcluded, type ExcludeMatcher } from '../../model/exclude.js';
import type { EntryType, TreeEntry } from '../../model/tree.js';
import { describeSystemError as describe, hasErrorCode as isCode } from './errno.js';
import { decodeName, fsPath } from './path-bytes.js';

export interface WalkOptions {
  readonly exclude: readonly ExcludeMatcher[];
  /** Only these top-level names (files), nothing below them. */
  readonly only?: readonly string[] | undefined;
}

/**
 * The root (path '') and every entry below it in `comparePaths` order, without following
 * symlinks and without reading file contents. Excluded folders are not entered. Entries that
 * vanish while the walk runs are skipped; a folder that cannot be read is an error that names it.
 */
export function* walkTree(root: string, options: WalkOptions): Generator<TreeEntry> {
  const top = statRoot(root);
  if (options.only) {
    for (const name of [...options.only].sort()) {
      const entry = statEntry(root, name);
      if (entry) yield entry;
    }
    return;
  }
  yield top;
  const stack: { readonly dir: string; readonly names: readonly string[]; index: number }[] = [{ dir: '', names: readNames(root, ''), index: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    const name = frame.names[frame.index++];
    if (name === undefined) {
      stack.pop();
      continue;
    }
    const path = frame.dir === '' ? name : `${frame.dir}/${name}`;
    const entry = statEntry(root, path);
    if (!entry || isExcluded(options.exclude, path, entry.type === 'dir')) continue;
    yield entry;
    if (entry.type === 'dir') stack.push({ dir: path, names: readNames(root, path), index: 0 });
  }
}

function statRoot(root: string): TreeEntry {
  let stats: Stats;
  try {
    stats = lstatSync(root);
  } catch (error) {
    throw new CellarError('FILESYSTEM', `${root} does not exist or cannot be read; check the path in the plan`, { cause: error });
  }
  if (!stats.isDirectory()) throw new CellarError('FILESYSTEM', `${root} is not a folder; check the path in the plan`);
  return { path: '', type: 'dir', size: 0, mtimeMs: stats.mtimeMs, mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid };
}

/** One entry's facts as the walk records them; undefined when it does not exist. */
export function statEntry(root: string, path: string): TreeEntry | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(fsPath(root, path));
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw new CellarError('FILESYSTEM', `cannot read ${root}/${path}: ${describe(error)}`, { cause: error });
  }
  const type = entryType(stats);
  return {
    path,
    type,
    size: type === 'file' ? stats.size : 0,
    mtimeMs: stats.mtimeMs,
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
    link: type === 'symlink' ? readLink(root, path) : undefined,
  };
}

/** Sorted names of a folder; re-read as bytes when a name is not valid UTF-8. */
function readNames(root: string, dir: string): string[] {
  const path = fsPath(root, dir);
  try {
    const names = readdirSync(path);
    if (!names.some((name) => name.includes('\uFFFD'))) return names.sort();
    return readdirSync(path, { encoding: 'buffer' }).map(decodeName).sort();
  } catch (error) {
    if (isCode(error, 'ENOENT')) return [];
    const where = dir === '' ? root : `${root}/${dir}`;
    throw new CellarError('FILESYSTEM', `cannot read the folder ${where}: ${describe(error)}; give the backup user read access or exclude it`, {
      cause: error,
    });
  }
}

function readLink(root: string, path: string): string {
  return decodeName(readlinkSync(fsPath(root, path), { encoding: 'buffer' }));
}

function entryType(stats: Stats): EntryType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'dir';
  if (stats.isSymbolicLink()) return 'symlink';
  return 'other';
}
