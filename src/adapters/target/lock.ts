import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CellarError } from '../../core/errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { describeSystemError, hasErrorCode, writeFailure } from '../fs/errno.js';
import type { HeldLock, LockRecord, LockStatus } from '../../model/lock.js';
import { findFolderUsers } from '../process/folder-users.js';

const lockName = 'cellar.lock';

/**
 * The lock of an interrupted run, set aside before that lock is removed, so that whichever run
 * takes the lock next learns of it, even one that finds the lock gone; removed on release.
 */
const interruptedName = 'cellar.lock.interrupted';

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
  const interrupted = join(target, interruptedName);
  const record: LockRecord = {
    host: hostname(),
    pid: process.pid,
    processStart: processStart(process.pid),
    started: new Date().toISOString(),
    command,
    serviceStopped: false,
  };
  const text = `${JSON.stringify(record)}\n`;
  if (!tryCreate(path, text)) {
    const found = readLockFile(path);
    if (found && isAlive(found.holder)) throw lockedError(path, found.holder);
    if (found) {
      refuseOrphans(target, path, found);
      // An interrupted run set aside already (its business still unfinished) is the one kept.
      tryCreate(interrupted, found.text);
      // Another run may be taking the same stale lock over: only the one that removes it unchanged goes on.
      if (!removeUnchanged(path, found.text)) throw contended(path);
    }
    if (!tryCreate(path, text)) throw contended(path);
  }
  const tookOver = readLock(interrupted);
  let current = record;
  return {
    record,
    tookOver,
    update(change) {
      current = { ...current, ...change };
      writeFileAtomic(path, `${JSON.stringify(current)}\n`, { mode: 0o600 });
    },
    release() {
      rmSync(interrupted, { force: true });
      rmSync(path, { force: true });
    },
  };
}

/** Creates the file only if none exists: written aside, then hard-linked into place (atomic). */
function tryCreate(path: string, text: string): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if (hasErrorCode(error, 'EEXIST')) return false;
    throw (
      writeFailure(error, dirname(path)) ?? new CellarError('FILESYSTEM', `cannot create the lock ${path}: ${describeSystemError(error)}`, { cause: error })
    );
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Removes the lock file if it still holds `text`: it is first renamed aside (atomic), so that a
 * lock another run wrote meanwhile is never deleted, only put back.
 */
function removeUnchanged(path: string, text: string): boolean {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return true;
    throw new CellarError('FILESYSTEM', `cannot take over the lock ${path}: ${describeSystemError(error)}; check the target's permissions`, { cause: error });
  }
  try {
    if (readFileSync(aside, 'utf8') === text) return true;
    try {
      linkSync(aside, path);
    } catch (error) {
      if (!hasErrorCode(error, 'EEXIST')) throw error;
    }
    return false;
  } finally {
    rmSync(aside, { force: true });
  }
}

function readLock(path: string): LockRecord | undefined {
  return readLockFile(path)?.holder;
}

/** The lock file's text and what it says; a lock that cannot be parsed names an unknown holder. */
function readLockFile(path: string): { readonly text: string; readonly holder: LockRecord } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return undefined;
    throw new CellarError('TARGET_LOCKED', `cannot read the lock ${path}; check the target's permissions`, { cause: error });
  }
  return { text, holder: parseLock(text) };
}

function parseLock(text: string): LockRecord {
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

/**
 * A holder killed alone (an OOM kill) may leave its rsync or dump running in the target until
 * their next write to the closed pipe: taking over then would race them.
 */
function refuseOrphans(target: string, path: string, stale: { readonly text: string; readonly holder: LockRecord }): void {
  const [user] = findFolderUsers(join(target, 'snapshots'));
  if (!user) return;
  // A run that took the stale lock over since is working there: it is the holder, not an orphan.
  const now = readLockFile(path);
  if (now && now.text !== stale.text && isAlive(now.holder)) throw lockedError(path, now.holder);
  const { holder } = stale;
  throw new CellarError(
    'TARGET_LOCKED',
    `the interrupted cellar ${holder.command} (pid ${holder.pid}) left ${basename(user.command)} (pid ${user.pid}) working in ${target}; wait for it to end or stop it, then apply again`,
  );
}

/** Another run took the lock at the same moment: it holds it now, or will in an instant. */
function contended(path: string): CellarError {
  const winner = readLock(path);
  return winner ? lockedError(path, winner) : new CellarError('TARGET_LOCKED', `another cellar run is taking the lock ${path}; try again`);
}

function lockedError(path: string, holder: LockRecord): CellarError {
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
  return new CellarError(
    'TARGET_LOCKED',
    `the target is in use by cellar ${holder.command} (${where}, started ${holder.started}); wait for it to finish, or remove ${path} if that run is gone`,
  );
}
