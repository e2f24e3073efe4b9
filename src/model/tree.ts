/*
 * Trees are the units cellar copies: a source folder, its entries, and how a live tree compares
 * with the list a snapshot recorded of it.
 */

import type { Address } from './address.js';

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

/** One file-system entry of a tree, by its path relative to the tree root ('/'-separated). */
export interface TreeEntry {
  readonly path: string;
  readonly type: EntryType;
  readonly size: number;
  readonly mtimeMs: number;
  /** Permission bits (st_mode & 0o7777). */
  readonly mode: number;
  /** Owner and group ids; `unknownOwner` where a list of an older format did not record them. */
  readonly uid: number;
  readonly gid: number;
  /** Symlink target, for symlinks only. */
  readonly link?: string | undefined;
}

/** The owner of an entry whose list did not record it: equal to no live owner, so it is copied again once. */
export const unknownOwner = -1;

/** A tree entry as a manifest records it: files carry their content hash. */
export interface RecordedEntry extends TreeEntry {
  readonly sha256?: string | undefined;
}

/**
 * A unit that is copied on its own: a source folder, the folder inside a snapshot that holds its
 * copy, and what is left out of it. Several trees may report under one address.
 */
export interface TreeSpec {
  readonly id: string;
  readonly address: Address;
  readonly source: string;
  /** Relative to the snapshot folder, e.g. `workdir` or `datasources/archive/folder`. */
  readonly snapshotPath: string;
  /** rsync exclude patterns, relative to `source`. */
  readonly exclude: readonly string[];
  /** When set, only these top-level names belong to the tree (the config files). */
  readonly only?: readonly string[] | undefined;
  /** A source that may be absent (an objects folder's `.minio.sys`): then it is recorded as absent. */
  readonly optional?: boolean | undefined;
  /** How the tree's paths are shown beside the others of its address (`.minio.sys`); the main tree has none. */
  readonly label?: string | undefined;
}

export type ChangeKind = 'added' | 'modified' | 'deleted';

export interface PathChange {
  readonly path: string;
  readonly change: ChangeKind;
  readonly type: EntryType;
  /** Size now, or the recorded size for a deleted entry. */
  readonly size: number;
}

/** Changed entries of a tree: files (and symlinks, specials) by kind; folders counted apart. */
export interface FileCounts {
  readonly added: number;
  readonly modified: number;
  readonly deleted: number;
  /** Bytes that must be copied: added and modified files. */
  readonly bytes: number;
  /** Folders added, deleted or whose mode changed. */
  readonly folders: number;
}

/** An optional tree that exists on one side of a comparison only. */
export type TreePresence = 'same' | 'appeared' | 'vanished';

/** A tree compared with its recorded copy: counts, the first changed paths, and its live totals. */
export interface TreeDrift {
  readonly tree: TreeSpec;
  readonly presence: TreePresence;
  readonly counts: FileCounts;
  readonly changes: readonly PathChange[];
  /** More changes exist than `changes` holds. */
  readonly truncated: boolean;
  readonly files: number;
  readonly bytes: number;
}
