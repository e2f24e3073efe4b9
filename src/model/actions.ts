/*
 * The action plan: what `cellar plan` shows and `cellar apply` carries out, as plain data. Each
 * mode has its own closed set of actions; every field apply needs is decided by the planner and
 * carried here, so that apply never decides again (and a saved plan says all it will do).
 */

import type { Address } from './address.js';
import type { Drift } from './drift.js';
import type { ManifestTree, SnapshotCells, SnapshotExclusion } from './manifest.js';
import type { TreeSpec } from './tree.js';

interface ActionBase {
  readonly address: Address;
  /** Why the action is needed, for people; not used by apply. */
  readonly reason: string;
}

/** What a copy is expected to transfer (its added and modified files), for the progress total. */
export interface CopySize {
  readonly bytes: number;
  readonly files: number;
}

export type StopService = ActionBase & { readonly action: 'stop-service'; readonly argv: readonly string[] };
export type StartService = ActionBase & { readonly action: 'start-service'; readonly argv: readonly string[] };

/** A tree to copy into the new snapshot, and what the copy should transfer. */
export interface TreeCopyPlan {
  readonly tree: TreeSpec;
  readonly expected: CopySize;
}

export type SyncFiles = ActionBase & { readonly action: 'sync-files'; readonly copies: readonly TreeCopyPlan[] };
export type DumpDatabase = ActionBase & { readonly action: 'dump-database'; readonly database: string };
export type DumpIndex = ActionBase & {
  readonly action: 'dump-index';
  readonly datasource: string;
  readonly tables: readonly string[];
  /** Cells' own index snapshot, run while Cells is up, when the plan names the cells binary. */
  readonly cellsArgv: readonly string[] | undefined;
};
/** A store's dump command (stores.<id>.dump), and the fingerprint its dump is recorded with. */
export interface StoreDump {
  readonly store: string;
  readonly driver: string;
  readonly argv: readonly string[];
  /** sha256 of the fingerprint command's output, as observed. */
  readonly fingerprint: string;
}

export type DumpStore = ActionBase & { readonly action: 'dump-store' } & StoreDump;
export type WriteManifest = ActionBase & {
  readonly action: 'write-manifest';
  /** Every tree of the installation, in the manifest's order. */
  readonly trees: readonly TreeSpec[];
  /** Unchanged trees, hard-linked from the previous snapshot. */
  readonly reuse: readonly TreeSpec[];
  /** Optional trees absent live, recorded as absent. */
  readonly absent: readonly TreeSpec[];
  readonly reuseDatabase: boolean;
  /** Unchanged stores, hard-linked from the previous snapshot (dumped again where it lacks them). */
  readonly reuseStores: readonly StoreDump[];
  readonly cells: SnapshotCells;
  readonly excluded: readonly SnapshotExclusion[];
};
export type PruneSnapshot = ActionBase & {
  readonly action: 'prune-snapshot';
  readonly snapshot: string;
  /** A folder an interrupted apply left, not a snapshot. */
  readonly leftover: boolean;
};

/** A read-only file-system snapshot of the subvolume that holds `trees`, which are then copied from it. */
export type FreezeTrees = ActionBase & {
  readonly action: 'freeze-trees';
  readonly method: 'btrfs';
  readonly subvolume: string;
  /** Ids of the trees copied from the snapshot. */
  readonly trees: readonly string[];
};
/** Removes a file-system snapshot: the one this run took of `subvolume`, or a `leftover` an interrupted run left. */
export type ThawTrees = ActionBase & {
  readonly action: 'thaw-trees';
  readonly method: 'btrfs';
  readonly subvolume: string;
  readonly leftover: string | undefined;
};

export type BackupAction =
  FreezeTrees | ThawTrees | StopService | SyncFiles | DumpDatabase | DumpIndex | DumpStore | WriteManifest | StartService | PruneSnapshot;

/** A tree a safety snapshot keeps: its live folder, and whether equal size and time there prove equal bytes. */
export interface SafetyTree {
  readonly tree: TreeSpec;
  /** Hard-link from the restored snapshot what matches it (the folder the snapshot was taken from, on this host). */
  readonly linkFromSnapshot: boolean;
}

export type SafetySnapshot = ActionBase & {
  readonly action: 'safety-snapshot';
  readonly trees: readonly SafetyTree[];
  readonly database: string | undefined;
  /** Stores the restore loads, dumped first. */
  readonly stores: readonly StoreDump[];
};
export type RestoreFiles = ActionBase & {
  readonly action: 'restore-files';
  readonly tree: ManifestTree;
  readonly destination: string;
  /** The snapshot recorded the (optional) tree as absent: the destination is removed. */
  readonly absent: boolean;
  /** Entries of the snapshot's copy that its list does not hold (relative to the tree root): not restored. */
  readonly leaveOut: readonly string[];
  /** Destination files with the snapshot's size and time but other bytes: removed first, since rsync would keep them. */
  readonly replace: readonly string[];
  readonly expected: CopySize;
};
/** One path inside a datasource, copied back from the snapshot; what was added there since is kept. */
export type RestorePath = ActionBase & {
  readonly action: 'restore-path';
  readonly tree: ManifestTree;
  /** Relative to the tree's root. */
  readonly path: string;
  readonly kind: 'file' | 'dir';
  /** Where the path is written: its own place, or beside it (`--to`). */
  readonly destination: string;
  /** Every regular file the path holds in the snapshot, by its path below `path`, with its sha256: checked after the copy. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  readonly expected: CopySize;
};
/** A flat datasource's index tables, replaced from the index dump beside its blobs (the rest of the database stays). */
export type LoadIndex = ActionBase & {
  readonly action: 'load-index';
  readonly datasource: string;
  readonly database: string;
  /** The index dump, relative to the snapshot folder, and its sha256. */
  readonly dump: string;
  readonly sha256: string;
  readonly tables: readonly string[];
};
export type CreateDatabase = ActionBase & {
  readonly action: 'create-database';
  readonly database: string;
  /** The snapshot's database defaults (utf8mb4 with its Unicode collation when it did not record them). */
  readonly charset: string;
  readonly collation: string;
};
export type LoadDatabase = ActionBase & { readonly action: 'load-database'; readonly database: string; readonly dump: string };
export type LoadStore = ActionBase & {
  readonly action: 'load-store';
  readonly store: string;
  /** The snapshot's dump, relative to its folder. */
  readonly dump: string;
  /** The store's restore command, fed the dump on standard input. */
  readonly argv: readonly string[];
  /** Its fingerprint command: after the load it must print what the snapshot recorded. */
  readonly check: readonly string[];
  readonly fingerprint: string;
};
export type PatchConfig = ActionBase & {
  readonly action: 'patch-config';
  readonly file: string;
  /** sha256 of the text to write; the text itself holds secrets and travels apart from the plan. */
  readonly sha256: string;
  readonly mode: number;
  readonly owner: { readonly uid: number; readonly gid: number } | undefined;
  /** The snapshot's modification time, when the text is the snapshot's own (nothing patched). */
  readonly mtimeMs: number | undefined;
};

/** A destination the restore check compares with its list once everything is written. */
export interface CheckedTree {
  readonly tree: ManifestTree;
  /** What of the tree a restore writes there (the config tree without pydio.json). */
  readonly part: TreeSpec;
  readonly destination: string;
}

export type CheckRestore = ActionBase & {
  readonly action: 'check-restore';
  readonly trees: readonly CheckedTree[];
  /** Recorded owner and group ids that this host gives the same names other numbers, as `[from, to]`. */
  readonly owners: { readonly uids: readonly (readonly [number, number])[]; readonly gids: readonly (readonly [number, number])[] };
};
export type ResyncDatasource = ActionBase & {
  readonly action: 'resync-datasource';
  readonly datasource: string;
  readonly argv: readonly string[];
  /** cellar runs it (it starts Cells and knows the cells binary); otherwise the operator is told to. */
  readonly run: boolean;
};

export type RestoreAction =
  | StopService
  | SafetySnapshot
  | RestoreFiles
  | RestorePath
  | LoadIndex
  | CreateDatabase
  | LoadDatabase
  | LoadStore
  | PatchConfig
  | CheckRestore
  | StartService
  | ResyncDatasource;

export type RemoveFiles = ActionBase & {
  readonly action: 'remove-files';
  readonly path: string;
  /** What of it the plan backs up, as last seen: shown before anything is removed. */
  readonly holds: { readonly files: number; readonly bytes: number };
};
export type DropDatabase = ActionBase & { readonly action: 'drop-database'; readonly database: string };

export type UninstallAction = StopService | RemoveFiles | DropDatabase;

export interface ModeActions {
  readonly backup: BackupAction;
  readonly restore: RestoreAction;
  readonly uninstall: UninstallAction;
}

export type PlanMode = keyof ModeActions;
export type AnyAction = ModeActions[PlanMode];

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

/** A snapshot the target's keep rules keep, and the rules that keep it ("daily snapshot", "within 30d"). */
export interface RetainedSnapshot {
  readonly snapshot: string;
  readonly kind: 'backup' | 'safety';
  readonly rules: readonly string[];
}

/** What `cellar plan` shows and `cellar apply` carries out, in one mode. */
export interface ModePlan<M extends PlanMode> {
  readonly mode: M;
  readonly target: { readonly name: string; readonly path: string };
  /** The snapshot being restored (restore), or the latest snapshot drift is measured against (backup). */
  readonly snapshot: string | null;
  readonly drift: readonly Drift[];
  readonly actions: readonly ModeActions[M][];
  readonly patches: readonly PatchView[];
  /** Backup: the snapshots the keep rules keep, newest first, each with its rules (empty without rules). */
  readonly retention: readonly RetainedSnapshot[];
  readonly warnings: readonly string[];
  /** Why apply will refuse this plan (a damaged snapshot, a live Cells, a stale backup), or null. */
  readonly blocked: string | null;
  /** Fingerprint of everything observed; a saved plan whose state moved is stale. */
  readonly state: string;
}

export type BackupPlan = ModePlan<'backup'>;
export type RestorePlan = ModePlan<'restore'>;
export type UninstallPlan = ModePlan<'uninstall'>;
export type ActionPlan = BackupPlan | RestorePlan | UninstallPlan;
