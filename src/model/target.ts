/* A target folder as observed: the snapshots it holds, what is not a snapshot, and its lock. */
import type { LockStatus } from './lock.js';
import type { Manifest } from './manifest.js';

/** Name of the file that marks a folder as a cellar target (DESIGN §4). */
export const targetMarkerName = 'cellar-target.json';

/** A marker being written (`.cellar-target.json.<uuid>`): it is linked into place whole, and until then the folder counts as empty. */
export function isMarkerDraft(name: string): boolean {
  return name.startsWith(`.${targetMarkerName}.`);
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
