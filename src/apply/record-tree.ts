import { join } from 'node:path';
import { sha256File } from '../adapters/fs/hash-file.js';
import { fsPath } from '../adapters/fs/path-bytes.js';
import { statEntry, walkTree } from '../adapters/fs/walk-tree.js';
import { runsAsRoot } from '../adapters/process/identity.js';
import { startThreadPool, threadsFor } from '../adapters/process/thread-pool.js';
import { createFileList, readFileList, type FileListSummary } from '../adapters/target/file-list.js';
import type { Manifest } from '../model/manifest.js';
import { compileExclude } from '../model/exclude.js';
import { comparePaths } from '../model/path-order.js';
import type { TreeEntry, TreeSpec } from '../model/tree.js';

/** A tree just copied: where the copy is, where its list goes, and the previous list to reuse hashes from. */
export interface TreeToRecord {
  readonly tree: TreeSpec;
  readonly copy: string;
  readonly listPath: string;
  readonly previousList: string | undefined;
}

export interface RecordedTree {
  readonly summary: FileListSummary;
  /** Bytes of the files this snapshot holds new copies of. */
  readonly newBytes: number;
  /** Files whose source differed from the copy once it was made: changed while being copied. */
  readonly unstable: readonly string[];
  /** The owner and group ids the list holds, to record their names. */
  readonly uids: readonly number[];
  readonly gids: readonly number[];
}

/** Records trees as their copies finish: in-process, or on threads beside the next copy. */
export interface Recorder {
  record(tree: TreeToRecord): Promise<RecordedTree>;
  close(): Promise<void>;
}

const worker = new URL('./record-tree-worker.js', import.meta.url);

/** A recorder for a snapshot drawn from `baseline`: on threads when its lists are big enough to pay for them. */
export function startRecorder(baseline: Manifest | undefined): Recorder {
  const tasks = (baseline?.trees ?? []).map((tree) => ({ input: tree.id, weight: tree.entries }));
  const threads = threadsFor(worker, tasks);
  if (threads === 0) return { record: (tree) => Promise.resolve().then(() => recordTree(tree)), close: () => Promise.resolve() };
  const pool = startThreadPool<TreeToRecord, RecordedTree>(worker, threads);
  return { record: (tree) => pool.run(tree), close: () => pool.close() };
}

/**
 * Writes the file list of a tree just copied into `copy`: its entries as they landed, with the
 * content hash reused from the previous list where rsync's quick check says the file is the same,
 * and computed from the copy otherwise. Each new copy is compared with its source afterwards.
 * Owners are the copy's when rsync could keep them (as root), otherwise the source's; folder times
 * are always the source's, since copies of other trees nested in this one change the copy's.
 */
export function recordTree({ tree, copy, listPath, previousList }: TreeToRecord): RecordedTree {
  const list = createFileList(listPath);
  const previous = previousList === undefined ? undefined : readFileList(previousList)[Symbol.iterator]();
  let before = previous?.next();
  let newBytes = 0;
  const unstable: string[] = [];
  const owners = { uids: new Set<number>(), gids: new Set<number>() };
  const root = runsAsRoot();
  try {
    for (const copied of walkTree(copy, { exclude: tree.exclude.map(compileExclude), only: tree.only })) {
      const entry = copied.type === 'dir' || !root ? withSourceFacts(tree.source, copied, !root) : copied;
      owners.uids.add(entry.uid);
      owners.gids.add(entry.gid);
      while (before && !before.done && comparePaths(before.value.path, entry.path) < 0) before = previous?.next();
      const match = before && !before.done && before.value.path === entry.path ? before.value : undefined;
      if (entry.type !== 'file') {
        list.add(entry);
        continue;
      }
      if (match?.sha256 !== undefined && sameFile(entry, match)) {
        list.add({ ...entry, sha256: match.sha256 });
        continue;
      }
      list.add({ ...entry, sha256: sha256File(fsPath(copy, entry.path)) ?? undefined });
      newBytes += entry.size;
      const source = statEntry(tree.source, entry.path);
      if (source && !sameFile(source, entry)) unstable.push(entry.path);
    }
  } catch (error) {
    list.close();
    throw error;
  } finally {
    previous?.return(undefined);
  }
  return { summary: list.close(), newBytes, unstable, uids: [...owners.uids], gids: [...owners.gids] };
}

function sameFile(a: TreeEntry, b: TreeEntry): boolean {
  return a.type === b.type && a.size === b.size && a.mtimeMs === b.mtimeMs && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;
}

/** The entry with its source's folder time (and owner); the copy's own when the source is gone (it vanished since). */
function withSourceFacts(source: string, entry: TreeEntry, owner: boolean): TreeEntry {
  const live = statEntry(source, entry.path);
  if (!live) return entry;
  return {
    ...entry,
    mtimeMs: entry.type === 'dir' ? live.mtimeMs : entry.mtimeMs,
    uid: owner ? live.uid : entry.uid,
    gid: owner ? live.gid : entry.gid,
  };
}

/** Where a tree's file list lives inside a snapshot. */
export function listPathOf(tree: TreeSpec): string {
  return join('lists', `${tree.id}.ndjson`);
}
