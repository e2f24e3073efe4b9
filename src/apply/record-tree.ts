import { join } from 'node:path';
import { sha256File } from '../adapters/fs/hash-file.js';
import { fsPath } from '../adapters/fs/path-bytes.js';
import { statEntry, walkTree } from '../adapters/fs/walk-tree.js';
import { createFileList, readFileList, type FileListSummary } from '../adapters/target/file-list.js';
import { compileExclude } from '../plan/exclude.js';
import { comparePaths } from '../plan/path-order.js';
import type { TreeEntry, TreeSpec } from '../plan/types.js';

export interface RecordedTree {
  readonly summary: FileListSummary;
  /** Bytes of the files this snapshot holds new copies of. */
  readonly newBytes: number;
  /** Files whose source differed from the copy once it was made: changed while being copied. */
  readonly unstable: readonly string[];
}

/**
 * Writes the file list of a tree just copied into `copy`: its entries as they landed, with the
 * content hash reused from the previous list where rsync's quick check says the file is the same,
 * and computed from the copy otherwise. Each new copy is compared with its source afterwards.
 */
export function recordTree(tree: TreeSpec, copy: string, listPath: string, previousList: string | undefined): RecordedTree {
  const list = createFileList(listPath);
  const previous = previousList === undefined ? undefined : readFileList(previousList)[Symbol.iterator]();
  let before = previous?.next();
  let newBytes = 0;
  const unstable: string[] = [];
  try {
    for (const entry of walkTree(copy, { exclude: tree.exclude.map(compileExclude), only: tree.only })) {
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
  return { summary: list.close(), newBytes, unstable };
}

function sameFile(a: TreeEntry, b: TreeEntry): boolean {
  return a.type === b.type && a.size === b.size && a.mtimeMs === b.mtimeMs && a.mode === b.mode;
}

/** Where a tree's file list lives inside a snapshot. */
export function listPathOf(tree: TreeSpec): string {
  return join('lists', `${tree.id}.ndjson`);
}
