import { closeSync, linkSync, openSync, readFileSync, rmSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CellarError } from '../../core/errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { hasErrorCode } from '../fs/errno.js';
import type { LockRecord, LockStatus } from '../../plan/observed.js';

export const lockName = 'cellar.lock';

export interface HeldLock {
  readonly record: LockRecord;
  /** A previous holder that died with the lock; its unfinished business is the new holder's. */
  readonly tookOver: LockRecord | undefined;
  update(change: Partial<Pick<LockRecord, 'serviceStopped'>>): void;
  release(): void;
}

/** Reads the lock without taking it, for `plan` to report a running apply. */
export function inspectLock(target: string): LockStatus {
  const holder = readLock(join(target, lockName));
  if (!holder) return { state: 'free' };
  return isAlive(holder) ? { state: 'held', holder } : { state: 'stale', holder };
}

/**
 * Takes the target's lock or fails at once naming the holder. A lock whose process is gone (same
 * host, pid not running or reused) is taken over; the caller warns and finishes its business.
 */
export function acquireLock(target: string, command: string): HeldLock {
  const path = join(target, lockName);
  const record: LockRecord = {
    host: hostname(),
    pid: process.pid,
    processStart: processStart(process.pid),
    started: new Date().toISOString(),
    command,
    serviceStopped: false,
  };
  let tookOver: LockRecord | undefined;
  if (!tryCreate(path, record)) {
    const holder = readLock(path);
    if (holder && isAlive(holder)) throw lockedError(path, holder);
    tookOver = holder;
    rmSync(path, { force: true });
    if (!tryCreate(path, record)) {
      const winner = readLock(path);
      throw winner ? lockedError(path, winner) : new CellarError('TARGET_LOCKED', `cannot take the lock ${path}; try again`);
    }
  }
  let current = record;
  return {
    record,
    tookOver,
    update(change) {
      current = { ...current, ...change };
      writeFileAtomic(path, `${JSON.stringify(current)}\n`, { mode: 0o600 });
    },
    release() {
      rmSync(path, { force: true });
    },
  };
}

/** Creates the lock only if none exists: written aside, then hard-linked into place (atomic). */
function tryCreate(path: string, record: LockRecord): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if (hasErrorCode(error, 'EEXIST')) return false;
    throw new CellarError('FILESYSTEM', `cannot create the lock ${path}; is the target writable?`, { cause: error });
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readLock(path: string): LockRecord | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return undefined;
    throw new CellarError('TARGET_LOCKED', `cannot read the lock ${path}; check the target's permissions`, { cause: error });
  }
  try {
    const record = JSON.parse(text) as Partial<LockRecord>;
    if (typeof record.host === 'string' && typeof record.pid === 'number' && typeof record.started === 'string') {
      return {
        host: record.host,
        pid: record.pid,
        processStart: typeof record.processStart === 'string' ? record.processStart : null,
        started: record.started,
        command: typeof record.command === 'string' ? record.command : 'apply',
        serviceStopped: record.serviceStopped === true,
      };
    }
  } catch {
    // An unreadable lock is treated below like one from an unknown holder.
  }
  return { host: 'unknown', pid: 0, processStart: null, started: 'unknown', command: 'unknown', serviceStopped: false };
}

function isAlive(holder: LockRecord): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if (hasErrorCode(error, 'ESRCH')) return false;
  }
  return holder.processStart === null || processStart(holder.pid) === holder.processStart;
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function lockedError(path: string, holder: LockRecord): CellarError {
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
  return new CellarError(
    'TARGET_LOCKED',
    `the target is in use by cellar ${holder.command} (${where}, started ${holder.started}); wait for it to finish, or remove ${path} if that run is gone`,
  );
}
