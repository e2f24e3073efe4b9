import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/adapters/target/lock.js';
import type { LockRecord } from '../../src/model/lock.js';

/** A lock record of a process that has ended. */
function goneRun(serviceStopped: boolean): LockRecord {
  const pid = Number(spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim());
  return { host: hostname(), pid, processStart: null, started: '2026-12-01T02:00:00.000Z', command: 'apply', serviceStopped };
}

describe('the target lock', () => {
  let target: string;
  const lock = (): string => join(target, 'cellar.lock');
  const interrupted = (): string => join(target, 'cellar.lock.interrupted');
  const write = (path: string, record: LockRecord): void => {
    writeFileSync(path, `${JSON.stringify(record)}\n`);
  };

  beforeEach(() => {
    target = mkdtempSync(join(tmpdir(), 'cellar-lock-'));
  });

  afterEach(() => {
    rmSync(target, { recursive: true, force: true });
  });

  it('takes over a lock whose run is gone, keeps its record while held, and removes both on release', () => {
    const stale = goneRun(true);
    write(lock(), stale);
    const held = acquireLock(target, 'apply');
    expect(held.tookOver).toEqual(stale);
    expect(existsSync(interrupted())).toBe(true);
    held.release();
    expect([existsSync(lock()), existsSync(interrupted())]).toEqual([false, false]);
  });

  it('tells the run that finds the lock gone of the interrupted run another run had set aside', () => {
    // The state a takeover leaves when it loses the race: the stale lock removed, its record kept.
    const stale = goneRun(true);
    write(interrupted(), stale);
    const held = acquireLock(target, 'apply');
    expect(held.tookOver).toEqual(stale);
    held.release();
  });

  it('keeps the older interrupted run when the run that took over its lock was interrupted too', () => {
    const first = goneRun(true);
    write(interrupted(), first);
    write(lock(), goneRun(false));
    const held = acquireLock(target, 'apply');
    expect(held.tookOver).toEqual(first);
    held.release();
  });

  it('refuses a lock whose run is alive, and sets nothing aside', () => {
    write(lock(), { host: hostname(), pid: process.pid, processStart: null, started: '2026-12-01T02:00:00.000Z', command: 'apply', serviceStopped: false });
    expect(() => acquireLock(target, 'apply')).toThrow(/in use by cellar apply \(pid \d+/);
    expect(existsSync(interrupted())).toBe(false);
  });

  it('reports no takeover for a free target', () => {
    const held = acquireLock(target, 'apply');
    expect(held.tookOver).toBeUndefined();
    held.release();
  });
});
