import type { ForeignEntry } from '../model/verification.js';
import type { CellsConfig } from '../cells/cells-config.js';
import type { DatabaseVerdict } from '../model/database-drift.js';
import type { Exclusion } from '../config/layout.js';
import type { Manifest, ManifestTree } from '../model/manifest.js';
import type { ConfigChangeView, TreeDrift } from '../model/types.js';

/** Who holds a target's lock, and what it has done that a successor must know about. */
export interface LockRecord {
  readonly host: string;
  readonly pid: number;
  /** The process's start time in clock ticks since boot, so a reused pid is not mistaken for the holder. */
  readonly processStart: string | null;
  readonly started: string;
  readonly command: string;
  /** The holder stopped Cells and has not started it again yet. */
  readonly serviceStopped: boolean;
}

export type LockStatus =
  | { readonly state: 'free' }
  | { readonly state: 'held'; readonly holder: LockRecord }
  | { readonly state: 'stale'; readonly holder: LockRecord };

export interface ObservedTarget {
  readonly name: string;
  readonly path: string;
  readonly state: 'missing' | 'empty' | 'ready';
  /** Complete snapshots, oldest first. */
  readonly snapshots: readonly Manifest[];
  readonly leftovers: readonly string[];
  /** Snapshots whose manifest is damaged: ignored, and reported on every plan. */
  readonly damaged: readonly { readonly id: string; readonly reason: string }[];
  readonly lock: LockStatus;
}

export interface ObservedTree {
  readonly drift: TreeDrift;
  readonly digest: string;
  /** The latest snapshot holds this tree (false for a datasource declared since). */
  readonly recorded: boolean;
  /** The live source exists: false only for an absent optional tree. */
  readonly present: boolean;
}

export interface ObservedDatabase {
  readonly name: string;
  readonly verdict: DatabaseVerdict;
  /** Index tables of each datasource (`%data_index_<ds>_idx_tree`). */
  readonly indexTables: Readonly<Record<string, readonly string[]>>;
  /** Routines the login may not read, which a dump would fail on, and the grant that fixes it. */
  readonly hiddenRoutines: { readonly names: readonly string[]; readonly grant: string };
}

/** An owner or group the snapshot names that this host numbers differently, or does not know. */
export interface OwnerChange {
  readonly kind: 'user' | 'group';
  readonly name: string;
  /** The id the snapshot recorded. */
  readonly from: number;
  /** The id of that name here; null when this host has no such name (the recorded id is kept). */
  readonly to: number | null;
}

/** Recorded owner and group ids that have another id on this host (the same name, another number). */
export interface OwnerMap {
  readonly uids: ReadonlyMap<number, number>;
  readonly gids: ReadonlyMap<number, number>;
}

/** What a restore that has not completed left in the working dir. */
export interface RestoreMarker {
  readonly snapshot: string;
  readonly started: string;
}

/** Everything a backup plan is decided from; gathered by src/observe, judged by src/plan. */
export interface ObservedBackup {
  readonly target: ObservedTarget;
  /** The snapshot drift is measured against: the newest complete backup snapshot. */
  readonly latest: Manifest | undefined;
  readonly cells: CellsConfig | undefined;
  readonly trees: readonly ObservedTree[];
  readonly config: readonly { readonly name: string; readonly sha256: string | null }[];
  readonly database: ObservedDatabase | undefined;
  readonly excluded: readonly Exclusion[];
  /** `backup: files` datasources that have no folder to copy. */
  readonly unplaced: readonly string[];
  /** A restore of the working dir that did not complete: its files are no snapshot's. */
  readonly incompleteRestore: RestoreMarker | null;
}

/** One tree of a snapshot and the folder a restore writes it to, compared with what is there now. */
export interface RestoreDestination {
  /** The tree as the snapshot recorded it. */
  readonly tree: ManifestTree;
  readonly destination: string;
  readonly exists: boolean;
  /** Snapshot (as "live") against the destination: added = gained, deleted = lost. */
  readonly comparison: TreeDrift;
  readonly digest: string;
}

export interface ObservedRestoreDatabase {
  readonly name: string;
  readonly exists: boolean;
  readonly tables: number;
  /** The database provably holds what the snapshot's dump holds: no load needed. */
  readonly matchesSnapshot: boolean;
}

/** Everything a restore plan is decided from. */
export interface ObservedRestore {
  readonly target: ObservedTarget;
  readonly snapshot: Manifest;
  /** What verification found wrong with the snapshot: the first problems, and how many in all. */
  readonly problems: readonly string[];
  readonly problemCount: number;
  /** Entries of the snapshot's folders that its lists do not hold: left out of the restore. */
  readonly foreign: readonly ForeignEntry[];
  readonly foreignCount: number;
  /** A restore of the working dir that did not complete, if one left its marker. */
  readonly incompleteRestore: RestoreMarker | null;
  /** Owners the snapshot names by ids this host gives other names, or none. */
  readonly owners: readonly OwnerChange[];
  readonly destinations: readonly RestoreDestination[];
  readonly workingDir: string;
  readonly patch: {
    readonly file: string;
    readonly changes: readonly ConfigChangeView[];
    readonly diff: string;
    readonly sha256: string;
    /** The destination already holds exactly the patched text. */
    readonly current: boolean;
  };
  readonly database: ObservedRestoreDatabase | undefined;
  /** Processes using the destination working dir: a live Cells. */
  readonly liveUsers: readonly { readonly pid: number; readonly command: string }[];
  /** Structured datasources restored without their `.minio.sys`: Cells must resync them. */
  readonly resync: readonly { readonly datasource: string; readonly argv: readonly string[] }[];
}
