/* The spot check: the live installation against the latest snapshot, by file counts and a sample of contents. */
import type { Address } from './address.js';

/** One tree's file count, live and in the snapshot. */
export interface SpotTree {
  readonly address: Address;
  readonly tree: string;
  readonly snapshotFiles: number;
  readonly liveFiles: number;
}

/** A sampled file: its recorded sha256, and what the live file is now. */
export interface SpotSample {
  readonly address: Address;
  readonly tree: string;
  readonly path: string;
  readonly recorded: string;
  readonly live: { readonly state: 'unchanged'; readonly sha256: string } | { readonly state: 'changed' | 'missing' };
}

/** What `verify --against-live` saw. */
export interface SpotObservation {
  readonly snapshot: string;
  readonly trees: readonly SpotTree[];
  /** Recorded files with a content hash: what the sample is drawn from. */
  readonly candidates: number;
  readonly samples: readonly SpotSample[];
}

export interface SpotTreeVerdict extends SpotTree {
  /** |live − snapshot| as a percentage of the snapshot's count. */
  readonly differencePercent: number;
  readonly withinTolerance: boolean;
}

export interface SpotReport {
  readonly snapshot: string;
  readonly tolerances: { readonly countTolerance: number; readonly sample: number; readonly dataTolerance: number };
  readonly trees: readonly SpotTreeVerdict[];
  readonly sample: {
    readonly candidates: number;
    /** Files read and hashed: those whose size and time did not change since the snapshot. */
    readonly compared: number;
    /** Sampled files that changed (size or time) or went since the snapshot: counted by the file counts, not read. */
    readonly skipped: number;
    /** Compared files whose contents differ although their size and time did not change. */
    readonly differing: readonly { readonly address: Address; readonly path: string }[];
    readonly differencePercent: number;
    readonly withinTolerance: boolean;
  };
  readonly passed: boolean;
}
