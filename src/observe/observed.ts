import type { CellsConfig } from '../cells/cells-config.js';
import type { DsnOverride } from '../cells/patch-config.js';
import type { DatabaseVerdict } from '../model/database-drift.js';
import type { Address } from '../model/address.js';
import type { RestoreMarker } from '../model/installation.js';
import type { Manifest, ManifestIndex, ManifestTree, SnapshotExclusion } from '../model/manifest.js';
import type { ObservedTree } from '../model/ports.js';
import type { ObservedTarget } from '../model/target.js';
import type { RecordedEntry, TreeDrift } from '../model/tree.js';
import type { VerifyResult } from '../model/verification.js';

export interface ObservedDatabase {
  readonly name: string;
  readonly verdict: DatabaseVerdict;
  /** Index tables of each datasource (`%data_index_<ds>_idx_tree`). */
  readonly indexTables: Readonly<Record<string, readonly string[]>>;
  /** Routines the login may not read, which a dump would fail on, and the grant that fixes it. */
  readonly hiddenRoutines: { readonly names: readonly string[]; readonly grant: string };
}

/** A store of pydio.json that the plan declares (stores.<id>). */
export interface ObservedStore {
  readonly id: string;
  readonly driver: string;
  /** sha256 of what its fingerprint command prints now; undefined for a store the plan skips. */
  readonly fingerprint: string | undefined;
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

/** Everything a backup plan is decided from; gathered by src/observe, judged by src/plan. */
/** A btrfs subvolume the plan copies trees from through a read-only snapshot. */
export interface FrozenSubvolume {
  readonly method: 'btrfs';
  readonly subvolume: string;
  /** What asked for it: `workdir` (cells.consistency) or `datasource.NAME`. */
  readonly address: Address;
  /** Ids of the trees whose source lies in the subvolume. */
  readonly trees: readonly string[];
  /** Snapshots of it that an interrupted run left. */
  readonly leftovers: readonly string[];
}

export interface ObservedBackup {
  readonly target: ObservedTarget;
  /** The snapshot drift is measured against: the newest complete backup snapshot. */
  readonly latest: Manifest | undefined;
  readonly cells: CellsConfig | undefined;
  readonly trees: readonly ObservedTree[];
  readonly config: readonly { readonly name: string; readonly sha256: string | null }[];
  readonly database: ObservedDatabase | undefined;
  readonly stores: readonly ObservedStore[];
  readonly excluded: readonly SnapshotExclusion[];
  /** `backup: files` datasources that have no folder to copy. */
  readonly unplaced: readonly string[];
  /** A restore of the working dir that did not complete: its files are no snapshot's. */
  readonly incompleteRestore: RestoreMarker | null;
  readonly frozen: readonly FrozenSubvolume[];
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
  /**
   * Compared by rsync's quick check alone: the folder a backup was taken from, on its host, with no
   * restore left half-done there. Elsewhere equal size and time prove nothing, and files are hashed.
   */
  readonly trusted: boolean;
  /** Files that pass rsync's quick check against the snapshot but hold other bytes. */
  readonly mismatched: readonly string[];
}

/** A path inside a datasource that `--only datasource.NAME:PATH` restores, compared with the snapshot. */
export interface RestorePathDestination {
  /** As given: `datasource.NAME:PATH`. */
  readonly address: `datasource.${string}`;
  readonly tree: ManifestTree;
  /** Relative to the tree's root, without leading or trailing slashes. */
  readonly path: string;
  readonly kind: 'file' | 'dir';
  /** Where it is written: its own place in the destination tree, or `--to DIR/<its name>`. */
  readonly destination: string;
  /** `--to`: beside the original, in a place that must not exist yet. */
  readonly beside: boolean;
  /** The destination lies in the datasource's folder: Cells must index what appears there. */
  readonly inDatasource: boolean;
  /** The snapshot's entries below the path (as "live") against the destination's; only gains are restored. */
  readonly comparison: TreeDrift;
  readonly digest: string;
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
}

export interface ObservedIndex {
  readonly datasource: string;
  /** The snapshot's dump of its index tables; undefined when it has none cellar can load. */
  readonly index: ManifestIndex | undefined;
  readonly matchesSnapshot: boolean;
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
  /** What checking the snapshot against its manifest found (without reading file contents). */
  readonly verification: Pick<VerifyResult, 'problems' | 'problemCount' | 'foreign' | 'foreignCount'>;
  /** A restore of the working dir that did not complete, if one left its marker. */
  readonly incompleteRestore: RestoreMarker | null;
  /** Owners the snapshot names by ids this host gives other numbers, or does not know. */
  readonly owners: readonly OwnerChange[];
  readonly destinations: readonly RestoreDestination[];
  /** The paths `--only` names inside datasources (none for a restore of whole addresses). */
  readonly paths: readonly RestorePathDestination[];
  /** Flat datasources `--only` restores without the database: their index dump, and whether the database holds it. */
  readonly indexes: readonly ObservedIndex[];
  readonly workingDir: string;
  /** The snapshot's pydio.json: its text (it holds secrets: never shown) and its file-list entry. */
  readonly snapshotConfig: { readonly text: string; readonly entry: RecordedEntry | undefined };
  /** The snapshot's pydio.json, read. */
  readonly cells: CellsConfig;
  /** sha256 of the pydio.json the destination holds now; null when it has none. */
  readonly destinationConfig: string | null;
  readonly database: ObservedRestoreDatabase | undefined;
  /** The snapshot's stores (and the plan's skipped ones), with their fingerprint here and now. */
  readonly stores: readonly ObservedStore[];
  /** The database login fields the restore's pydio.json gets (secrets resolved), when the plan overrides them. */
  readonly databaseOverride: DsnOverride | undefined;
  /** Processes using the destination working dir: a live Cells. */
  readonly liveUsers: readonly { readonly pid: number; readonly command: string }[];
  /** Datasources whose objects folder's `.minio.sys` the snapshot holds. */
  readonly minioSysSaved: readonly string[];
}
