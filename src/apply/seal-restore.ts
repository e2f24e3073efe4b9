import { changedAt, setModified, setOwner } from '../adapters/fs/entry-fixes.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { fsPath } from '../adapters/fs/path-bytes.js';
import { removeTree } from '../adapters/fs/folders.js';
import { walkTree } from '../adapters/fs/walk-tree.js';
import { runsAsRoot } from '../adapters/process/identity.js';
import { readFileList } from '../adapters/target/file-list.js';
import { compileExclude } from '../model/exclude.js';
import { pairByPath } from '../model/path-order.js';
import { unknownOwner, type RecordedEntry, type TreeEntry, type TreeSpec } from '../model/tree.js';
import { printablePath } from '../model/text.js';

/** Recorded owner and group ids that this host gives the same names other numbers. */
export interface OwnerMap {
  readonly uids: ReadonlyMap<number, number>;
  readonly gids: ReadonlyMap<number, number>;
}

/** A tree just restored: the part of it that was copied, where to, and the list it must match. */
export interface RestoredTree {
  readonly part: TreeSpec;
  readonly destination: string;
  readonly list: string;
}

export interface SealOutcome {
  /** The first differences that remain, one printable line each; `problemCount` counts them all. */
  readonly problems: readonly string[];
  readonly problemCount: number;
  /** Entries the destination held that the snapshot does not: removed. */
  readonly removed: number;
  /** Entries whose owner could not be given back: cellar does not run as root. */
  readonly ownersLeft: number;
  /** Gives the folders their recorded times, deepest first: call it once nothing writes into them any more. */
  readonly setFolderTimes: () => void;
}

const problemsKept = 20;

/**
 * Makes each restored tree exactly what its file list records, and checks it: every listed entry
 * is there with its type, size, mode and link; files written since `since` (those the restore
 * copied) hash to their recorded sha256; owners are given back (mapped by name where this host
 * numbers them differently); entries the list does not hold are removed. Folders get their
 * recorded times from `setFolderTimes`, once nothing writes into them any more.
 */
export function sealRestore(trees: readonly RestoredTree[], options: { readonly since: number; readonly owners: OwnerMap }): SealOutcome {
  const problems: string[] = [];
  let problemCount = 0;
  let removed = 0;
  let ownersLeft = 0;
  const folderTimes: { readonly path: string | Buffer; readonly mtimeMs: number; readonly depth: number }[] = [];
  const depth = (tree: RestoredTree, path: string): number => tree.destination.split('/').length + (path === '' ? 0 : path.split('/').length);
  const report = (tree: RestoredTree, path: string, what: string): void => {
    problemCount += 1;
    if (problems.length < problemsKept) problems.push(`${printablePath(path === '' ? tree.destination : `${tree.destination}/${path}`)}: ${what}`);
  };
  const root = runsAsRoot();

  for (const tree of trees) {
    const names = tree.part.only ? new Set(tree.part.only) : undefined;
    const listed = filterNames(readFileList(tree.list), names);
    const found = walkTree(tree.destination, { exclude: tree.part.exclude.map(compileExclude), only: tree.part.only });
    for (const { left: want, right: have } of pairByPath(listed, found)) {
      if (!want) {
        if (have) {
          removeTree(fsPath(tree.destination, have.path));
          removed += 1;
        }
        continue;
      }
      if (!have) {
        report(tree, want.path, 'missing after the restore');
        continue;
      }
      const difference = differs(want, have, tree.destination, options.since);
      if (difference) {
        report(tree, want.path, difference);
        continue;
      }
      const uid = mapped(want.uid, options.owners.uids);
      const gid = mapped(want.gid, options.owners.gids);
      if ((uid !== unknownOwner && uid !== have.uid) || (gid !== unknownOwner && gid !== have.gid)) {
        if (root) setOwner(fsPath(tree.destination, want.path), uid === unknownOwner ? have.uid : uid, gid === unknownOwner ? have.gid : gid);
        else ownersLeft += 1;
      }
      if (want.type === 'dir' && !sameMicrosecond(have.mtimeMs, want.mtimeMs)) {
        folderTimes.push({ path: fsPath(tree.destination, want.path), mtimeMs: want.mtimeMs, depth: depth(tree, want.path) });
      }
    }
  }
  const setFolderTimes = (): void => {
    for (const folder of folderTimes.sort((a, b) => b.depth - a.depth)) setModified(folder.path, folder.mtimeMs);
  };
  return { problems, problemCount, removed, ownersLeft, setFolderTimes };
}

/** What makes a restored entry not the recorded one, or undefined when it is. */
function differs(want: RecordedEntry, have: TreeEntry, destination: string, since: number): string | undefined {
  if (want.type !== have.type) return `is a ${have.type}, the snapshot has a ${want.type}`;
  if (want.mode !== have.mode) return `has mode ${have.mode.toString(8)}, the snapshot has ${want.mode.toString(8)}`;
  if (want.type === 'symlink' && want.link !== have.link) return 'links elsewhere than in the snapshot';
  if (want.type !== 'file') return undefined;
  if (want.size !== have.size) return `is ${have.size} bytes, the snapshot has ${want.size}`;
  if (want.mtimeMs !== have.mtimeMs) return 'has another modification time than in the snapshot';
  const path = fsPath(destination, want.path);
  if (want.sha256 !== undefined && changedAt(path) >= since && sha256File(path) !== want.sha256) {
    return "its bytes differ from the snapshot's sha256: the snapshot's copy is damaged (run cellar verify --read-data)";
  }
  return undefined;
}

/**
 * Folder times are set through seconds held in a double, which keeps about a tenth of a
 * microsecond at today's dates: a folder whose time is within a microsecond is left alone.
 */
function sameMicrosecond(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.001;
}

function mapped(id: number, map: ReadonlyMap<number, number>): number {
  return map.get(id) ?? id;
}

function* filterNames(entries: Iterable<RecordedEntry>, names: ReadonlySet<string> | undefined): Generator<RecordedEntry> {
  for (const entry of entries) if (!names || names.has(entry.path)) yield entry;
}
