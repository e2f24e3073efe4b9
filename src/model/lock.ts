/* A target's lock: one run at a time writes into a target. */

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

/** The lock this run holds. */
export interface HeldLock {
  readonly record: LockRecord;
  /** A previous holder that died with the lock; its unfinished business is the new holder's. */
  readonly tookOver: LockRecord | undefined;
  update(change: Partial<Pick<LockRecord, 'serviceStopped'>>): void;
  release(): void;
}

export type LockStatus =
  { readonly state: 'free' } | { readonly state: 'held'; readonly holder: LockRecord } | { readonly state: 'stale'; readonly holder: LockRecord };
