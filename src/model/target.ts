/* A target folder as observed: the snapshots it holds, what is not a snapshot, and its lock. */
import type { LockStatus } from './lock.js';
import type { Manifest } from './manifest.js';

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
