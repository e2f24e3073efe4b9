import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';
import { isFolder } from '../adapters/fs/exists.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { fsPath } from '../adapters/fs/path-bytes.js';
import { walkTree } from '../adapters/fs/walk-tree.js';
import { readFileList } from '../adapters/target/file-list.js';
import { diffTree, digestLine } from '../model/diff-tree.js';
import { compileExclude } from '../model/exclude.js';
import { restoredPart } from '../config/layout.js';
import type { ManifestTree } from '../model/manifest.js';
import type { RestoreDestination } from './observed.js';
import { comparePaths } from '../model/path-order.js';
import type { RecordedEntry, TreeEntry } from '../model/tree.js';

/**
 * Compares a restore destination with the snapshot's copy of a tree. Where the destination is not
 * `trusted` (not the folder the snapshot was taken from), equal size and time prove nothing: such
 * files are hashed and compared with the recorded sha256, so that a folder holding another
 * installation is restored byte for byte.
 */
export function observeDestination(
  tree: ManifestTree,
  destination: string,
  folder: string,
  options: { readonly keepPaths: number; readonly trusted: boolean },
): RestoreDestination {
  const part = restoredPart(tree);
  const exists = isFolder(destination);
  const saved = (): Iterable<RecordedEntry> => savedEntries(tree, folder, part.only);
  const hash = createHash('sha256');
  const mismatched: string[] = [];
  const walked = exists ? walkTree(destination, { exclude: part.exclude.map(compileExclude), only: part.only }) : [];
  const live = options.trusted ? walked : contentChecked(walked, saved(), destination, mismatched);
  const { drift } = diffTree(part, saved(), tap(live, hash), { keep: options.keepPaths });
  return { tree, destination, exists, comparison: drift, digest: hash.digest('hex'), trusted: options.trusted, mismatched };
}

/** The snapshot's entries of the tree, limited to the names a restore copies. */
function* savedEntries(tree: ManifestTree, folder: string, only: readonly string[] | undefined): Generator<RecordedEntry> {
  const names = only ? new Set(only) : undefined;
  for (const entry of readFileList(join(folder, tree.list))) if (!names || names.has(entry.path)) yield entry;
}

/**
 * The destination's entries, with each file that has its recorded twin's size and time (rsync's
 * quick check, which ignores the mode) but hashes differently marked as changed (a time of NaN
 * equals no other) and listed in `mismatched`.
 */
function* contentChecked(entries: Iterable<TreeEntry>, saved: Iterable<RecordedEntry>, root: string, mismatched: string[]): Generator<TreeEntry> {
  const recorded = saved[Symbol.iterator]();
  try {
    let next = recorded.next();
    for (const entry of entries) {
      while (!next.done && comparePaths(next.value.path, entry.path) < 0) next = recorded.next();
      const twin = !next.done && next.value.path === entry.path ? next.value : undefined;
      if (entry.type === 'file' && twin?.sha256 !== undefined && quickCheckEqual(entry, twin) && sha256File(fsPath(root, entry.path)) !== twin.sha256) {
        mismatched.push(entry.path);
        yield { ...entry, mtimeMs: Number.NaN };
      } else yield entry;
    }
  } finally {
    // Closes the list's file when the destination ends first.
    recorded.return?.();
  }
}

function quickCheckEqual(entry: TreeEntry, twin: RecordedEntry): boolean {
  return twin.type === 'file' && entry.size === twin.size && entry.mtimeMs === twin.mtimeMs;
}

/** Passes entries through, digesting what a saved plan's freshness depends on. */
export function* tap(entries: Iterable<TreeEntry>, hash: Hash): Generator<TreeEntry> {
  for (const entry of entries) {
    hash.update(digestLine(entry));
    yield entry;
  }
}
