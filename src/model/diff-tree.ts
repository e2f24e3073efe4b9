import { createHash } from 'node:crypto';
import { comparePaths } from './path-order.js';
import type { ChangeKind, PathChange, RecordedEntry, TreeDrift, TreeEntry, TreePresence, TreeSpec } from './tree.js';

export interface DiffOptions {
  /** How many changed paths to keep; the counts always cover all of them. */
  readonly keep: number;
}

/** What a tree comparison yields: the drift and a digest of the live side, for saved-plan freshness. */
export interface TreeComparison {
  readonly drift: TreeDrift;
  readonly digest: string;
}

/**
 * Compares a live tree with its recorded copy in one pass over both, each in `comparePaths` order.
 * Entries match on type, mode and owner; files also on size and mtime (rsync's quick check),
 * symlinks on their target.
 */
export function diffTree(tree: TreeSpec, live: Iterable<TreeEntry>, recorded: Iterable<RecordedEntry>, options: DiffOptions): TreeComparison {
  const digest = createHash('sha256');
  const changes: PathChange[] = [];
  const counts = { added: 0, modified: 0, deleted: 0, bytes: 0, folders: 0 };
  let total = 0;
  let files = 0;
  let bytes = 0;
  let liveRoot = false;
  let recordedRoot = false;

  const note = (entry: TreeEntry, change: ChangeKind): void => {
    if (entry.type === 'dir') counts.folders += 1;
    else counts[change] += 1;
    if (change !== 'deleted' && entry.type === 'file') counts.bytes += entry.size;
    if (changes.length < options.keep) changes.push({ path: entry.path, change, type: entry.type, size: entry.size });
    total += 1;
  };
  const seeLive = (entry: TreeEntry): void => {
    if (entry.path === '') liveRoot = true;
    digest.update(digestLine(entry));
    if (entry.type === 'file') {
      files += 1;
      bytes += entry.size;
    }
  };

  const liveIt = live[Symbol.iterator]();
  const recordedIt = recorded[Symbol.iterator]();
  let a = liveIt.next();
  let b = recordedIt.next();
  while (!a.done || !b.done) {
    const order = a.done ? 1 : b.done ? -1 : comparePaths(a.value.path, b.value.path);
    if (order < 0 && !a.done) {
      seeLive(a.value);
      note(a.value, 'added');
      a = liveIt.next();
    } else if (order > 0 && !b.done) {
      if (b.value.path === '') recordedRoot = true;
      note(b.value, 'deleted');
      b = recordedIt.next();
    } else if (!a.done && !b.done) {
      if (b.value.path === '') recordedRoot = true;
      seeLive(a.value);
      if (!sameEntry(a.value, b.value)) note(a.value, 'modified');
      a = liveIt.next();
      b = recordedIt.next();
    }
  }
  return {
    drift: { tree, presence: presenceOf(tree, liveRoot, recordedRoot), counts, changes, truncated: total > changes.length, files, bytes },
    digest: digest.digest('hex'),
  };
}

/** What a saved plan's freshness digest takes of an entry: everything a comparison looks at. */
export function digestLine(entry: TreeEntry): string {
  return `${entry.path}\0${entry.type}\0${entry.size}\0${entry.mtimeMs}\0${entry.mode}\0${entry.uid}:${entry.gid}\0${entry.link ?? ''}\n`;
}

/** An optional tree is absent on a side whose entries lack its root; other trees are always there. */
function presenceOf(tree: TreeSpec, live: boolean, recorded: boolean): TreePresence {
  if (tree.optional !== true || live === recorded) return 'same';
  return live ? 'appeared' : 'vanished';
}

/** rsync's quick check: equal when nothing that a copy preserves has changed, the owner included. */
export function sameEntry(live: TreeEntry, recorded: TreeEntry): boolean {
  if (live.type !== recorded.type || live.mode !== recorded.mode || live.uid !== recorded.uid || live.gid !== recorded.gid) return false;
  switch (live.type) {
    case 'file':
      return live.size === recorded.size && live.mtimeMs === recorded.mtimeMs;
    case 'symlink':
      return live.link === recorded.link;
    case 'dir':
    case 'other':
      return true;
  }
}
