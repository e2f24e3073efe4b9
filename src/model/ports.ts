/*
 * The two ports the engine runs on. A snapshot store is where snapshots live; a host is where the
 * trees of an installation live. Observe and apply speak to these interfaces only; each
 * implementation is an adapter (src/adapters/target/local-store.ts: the hard-link folder;
 * src/adapters/host/local-host.ts: this machine).
 */
import type { HeldLock, LockStatus } from './lock.js';
import type { Manifest } from './manifest.js';
import type { TargetMarker, TargetState, SnapshotListing } from './target.js';
import type { RecordedEntry, TreeDrift, TreeSpec } from './tree.js';

/** A snapshot being written: its id, and the local folder its files go into until it is committed. */
export interface ReservedSnapshot {
  readonly id: string;
  readonly folder: string;
}

/** Where snapshots live. Every manifest read is checked (and, with a signing key, authenticated). */
export interface SnapshotStore {
  /** The target's name in the plan. */
  readonly name: string;
  /** Where it is, for messages: a folder today. */
  readonly location: string;
  readState(): TargetState;
  /** Makes the store ready for its first snapshot; a store made ready by another run is left as it is. */
  init(): TargetMarker;
  /** Complete snapshots (oldest first), leftovers of interrupted runs, and damaged ones. */
  list(): SnapshotListing;
  /** Whether a snapshot of that id has a manifest, without reading any other. */
  hasManifest(id: string): boolean;
  readManifest(id: string): Manifest;
  /** A local file holding one of a snapshot's file lists (`list` as its manifest names it). */
  listFile(id: string, list: string): string;
  readList(id: string, list: string): Iterable<RecordedEntry>;
  /** The local folder holding a snapshot's files: what a restore copies from and a new snapshot links to. */
  folderOf(id: string): string;
  inspectLock(): LockStatus;
  /** Takes the store's lock for `command`, or fails at once naming its holder. */
  lock(command: string): HeldLock;
  /** A new snapshot named by `now`, or the next free second; it is no snapshot until `commit`. */
  reserve(now: Date): ReservedSnapshot;
  /** Writes the manifest last and atomically: from this moment the snapshot exists. */
  commit(manifest: Manifest): void;
  /** Removes a snapshot so that an interrupted removal never leaves one that looks complete. */
  remove(id: string): void;
  /** Removes what an interrupted run left behind; only while holding the lock. */
  removeLeftover(name: string): void;
}

/** One tree to compare: the live side, and the file list the latest snapshot recorded for it. */
export interface TreeToObserve {
  readonly tree: TreeSpec;
  /** A local file holding the recorded list; undefined when no snapshot holds the tree. */
  readonly list: string | undefined;
  /** Entries of that list, to start the biggest trees first. */
  readonly entries: number;
  /** How many changed paths to keep. */
  readonly keepPaths: number;
}

export interface ObservedTree {
  readonly drift: TreeDrift;
  readonly digest: string;
  /** The latest snapshot holds this tree (false for a datasource declared since). */
  readonly recorded: boolean;
  /** The live source exists: false only for an absent optional tree. */
  readonly present: boolean;
}

/** One copy of a tree between a host and this machine, with rsync's semantics. */
export interface TreeTransfer {
  readonly source: string;
  readonly destination: string;
  readonly exclude: readonly string[];
  /** Copy only these top-level names. */
  readonly only?: readonly string[] | undefined;
  /** Hard-link files that are unchanged in this folder instead of copying them. */
  readonly linkDest?: string | undefined;
  /** Delete what the source does not have; only ever inside `destination`. */
  readonly delete: boolean;
  /** Paths below `source` (exact names, not patterns) that are not copied. */
  readonly leaveOut?: readonly string[] | undefined;
  /** Bytes and files copied so far. */
  readonly onProgress?: ((copied: TransferProgress) => void) | undefined;
}

export interface TransferProgress {
  readonly bytes: number;
  readonly files: number;
}

export interface TransferOutcome {
  /** Source files that disappeared while the copy ran. */
  readonly vanished: readonly string[];
}

export interface CommandOptions {
  /** Variables added to the environment (a hook's CELLAR_* facts). */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Variables removed from the inherited environment: the plan's secrets stay with cellar. */
  readonly hide?: readonly string[] | undefined;
}

/** A recorded file looked at again where it lives: hashed only when its size and time are unchanged. */
export type SampledFile =
  { readonly path: string; readonly state: 'unchanged'; readonly sha256: string } | { readonly path: string; readonly state: 'changed' | 'missing' };

/** Where an installation's trees live and its service runs. */
export interface Host {
  readonly name: string;
  hasFolder(path: string): boolean;
  /** Every tree walked where it lives and compared with its recorded list, in the order given. */
  observeTrees(trees: readonly TreeToObserve[]): Promise<ObservedTree[]>;
  /** Copies a tree of this host (`source`) into a folder of this machine. */
  copyFrom(transfer: TreeTransfer): Promise<TransferOutcome>;
  /** Copies a folder of this machine into a tree of this host (`destination`). */
  copyTo(transfer: TreeTransfer): Promise<TransferOutcome>;
  /** Each recorded file below `root`: missing, changed (size or time), or unchanged with the sha256 of what it holds now. */
  sampleFiles(root: string, files: readonly RecordedEntry[]): Promise<SampledFile[]>;
  /** Runs a command of the plan (the service's stop and start) on this host, never through a shell. */
  run(argv: readonly string[], what: string, options?: CommandOptions): Promise<string>;
}
