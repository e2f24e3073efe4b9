/* A target folder as observed: the snapshots it holds, what is not a snapshot, and its lock. */
import type { LockStatus } from './lock.js';
import type { Manifest } from './manifest.js';

/** Name of the file that marks a folder as a cellar target (DESIGN §4). */
export const targetMarkerName = 'cellar-target.json';

/** A marker being written (`.cellar-target.json.<uuid>`): it is linked into place whole, and until then the folder counts as empty. */
export function isMarkerDraft(name: string): boolean {
  return name.startsWith(`.${targetMarkerName}.`);
}

/** The file that makes a folder a cellar target; nothing is written to a folder without it. */
export interface TargetMarker {
  readonly format_version: '1';
  readonly kind: 'cellar-target';
  readonly id: string;
  readonly created: string;
}

export type TargetState = { readonly state: 'missing' } | { readonly state: 'empty' } | { readonly state: 'ready'; readonly marker: TargetMarker };

export interface SnapshotListing {
  /** Complete snapshots, oldest first. */
  readonly snapshots: readonly Manifest[];
  /** Folders left by an interrupted apply or prune: not snapshots, removed by the next apply. */
  readonly leftovers: readonly string[];
  /** Snapshots whose manifest cannot be trusted: never used, reported. */
  readonly damaged: readonly { readonly id: string; readonly reason: string }[];
}

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
