/**
 * The data that flows from observation to apply. Drift (what changed outside cellar) is kept apart
 * from actions (what apply will do); both are plain data, rendered and saved as they are.
 */

export type Address =
  | 'workdir'
  | 'config'
  | `datasource.${string}`
  | `database.${string}`
  | `target.${string}`
  | `snapshot.${string}`;

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

export type DriftChange = 'added' | 'modified' | 'deleted';

export type Drift =
  | {
      readonly kind: 'files';
      readonly address: Address;
      readonly change: DriftChange;
      readonly files: FileCounts;
      /** Optional trees of the address that appeared or vanished as a whole; their paths are not listed. */
      readonly trees: readonly { readonly label: string; readonly change: Exclude<TreePresence, 'same'> }[];
      readonly paths: readonly PathChange[];
      readonly truncated: boolean;
    }
  | {
      readonly kind: 'database';
      readonly address: `database.${string}`;
      readonly change: DriftChange;
      /** How the change was established: binary log, InnoDB log sequence number, table metadata, checksums. */
      readonly signal: string;
      readonly tables: readonly string[];
    };


interface ActionBase {
  readonly address: Address;
  /** Why the action is needed, for people; not used by apply. */
  readonly reason: string;
}

export type Action =
  | (ActionBase & { readonly action: 'stop-service' | 'start-service'; readonly argv: readonly string[] })
  | (ActionBase & { readonly action: 'sync-files'; readonly trees: readonly TreeSpec[] })
  | (ActionBase & { readonly action: 'dump-database'; readonly database: string })
  | (ActionBase & { readonly action: 'dump-index'; readonly datasource: string; readonly tables: readonly string[]; readonly cellsArgv: readonly string[] | undefined })
  | (ActionBase & {
      readonly action: 'write-manifest';
      /** Unchanged trees, hard-linked from the previous snapshot. */
      readonly reuse: readonly TreeSpec[];
      /** Optional trees absent live, recorded as absent. */
      readonly absent: readonly TreeSpec[];
      readonly reuseDatabase: boolean;
    })
  | (ActionBase & { readonly action: 'prune-snapshot'; readonly snapshot: string })
  | (ActionBase & { readonly action: 'safety-snapshot'; readonly trees: readonly TreeSpec[]; readonly database: string | undefined })
  | (ActionBase & {
      readonly action: 'restore-files';
      readonly tree: TreeSpec;
      readonly destination: string;
      /** The snapshot recorded the (optional) tree as absent: the destination is removed. */
      readonly absent: boolean;
      /** Entries of the snapshot's copy that its list does not hold (relative to the tree root): not restored. */
      readonly leaveOut: readonly string[];
    })
  | (ActionBase & {
      readonly action: 'create-database';
      readonly database: string;
      /** The snapshot's database defaults (utf8mb4 with its Unicode collation when it did not record them). */
      readonly charset: string;
      readonly collation: string;
    })
  | (ActionBase & { readonly action: 'load-database'; readonly database: string; readonly dump: string })
  | (ActionBase & { readonly action: 'patch-config'; readonly file: string; readonly sha256: string })
  | (ActionBase & { readonly action: 'resync-datasource'; readonly datasource: string; readonly argv: readonly string[] })
  | (ActionBase & { readonly action: 'remove-files'; readonly path: string })
  | (ActionBase & { readonly action: 'drop-database'; readonly database: string });

export type ActionKind = Action['action'];

/** One change to pydio.json, with secrets already masked. */
export interface ConfigChangeView {
  readonly pointer: string;
  readonly before: string | null;
  readonly after: string;
  readonly sensitive: boolean;
}

export interface PatchView {
  readonly file: string;
  readonly changes: readonly ConfigChangeView[];
  /** Unified diff with secrets masked. */
  readonly diff: string;
}

export type PlanMode = 'backup' | 'restore' | 'uninstall';

/** What `cellar plan` shows and `cellar apply` carries out. */
export interface ActionPlan {
  readonly mode: PlanMode;
  readonly target: { readonly name: string; readonly path: string };
  /** The snapshot being restored (restore), or the latest snapshot drift is measured against (backup). */
  readonly snapshot: string | null;
  readonly drift: readonly Drift[];
  readonly actions: readonly Action[];
  readonly patches: readonly PatchView[];
  readonly warnings: readonly string[];
  /** Why apply will refuse this plan (a damaged snapshot, a live Cells, a stale backup), or null. */
  readonly blocked: string | null;
  /** Fingerprint of everything observed; a saved plan whose state moved is stale. */
  readonly state: string;
}
