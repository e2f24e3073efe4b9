/**
 * Several cellar runs on one target: exactly one apply holds it, the others stop at once naming
 * it, and a plan made meanwhile describes the running apply, not its half-made snapshot.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchFiles } from '../../demo/sample-install.js';
import type { CliResult } from '../helpers/cli.js';
import { createSite, stackLine, waitFor, waitForPause, type Lane, type Running, type Site } from './support.js';

describe('concurrency: one target, several runs', () => {
  let site: Site;
  let lane: Lane;
  let winner: Running | undefined;
  let complete: string[] = [];

  beforeAll(async () => {
    site = await createSite('concurrency');
    lane = site.lane('main', { service: true });
    const first = await lane.cellar(['apply', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    complete = lane.snapshotIds();
  });

  afterAll(async () => {
    lane.resume('rsync');
    await winner?.crash();
    await site.dispose();
  });

  it('two applies at once: exactly one runs, the other exits 1 at once naming it', async () => {
    await touchFiles(site.install, 2);
    lane.pause('rsync');
    const runs = [lane.start(['apply', '--yes']), lane.start(['apply', '--yes'])];
    const first = await Promise.race(runs.map((run, index) => run.done.then((result) => ({ index, result }))));
    const loser = runs[first.index]!;
    winner = runs[1 - first.index]!;
    await waitForPause(lane, winner, 'rsync');
    expect(first.result.code, first.result.stdout + first.result.stderr).toBe(1);
    expect(first.result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^cellar: the target is in use by cellar apply \\(pid ${winner.child.pid ?? 0}, started [^)]+\\); wait for it to finish`),
      ),
    ]);
    expect(first.result.stderr).not.toMatch(stackLine);
    expect(loser.child.exitCode).toBe(1);
    // The loser stopped nothing: Cells was stopped once, by the winner.
    expect(readFileSync(lane.marks, 'utf8')).toBe('stop\nstart\nstop\n');
  });

  it('a plan made while the apply runs reports the apply, not its half-made snapshot', async () => {
    const pid = winner?.child.pid ?? 0;
    const drafts = lane.snapshotIds().filter((id) => !complete.includes(id));
    expect(drafts, 'the running apply has a draft snapshot').toHaveLength(1);
    const plan = await lane.inProcess(['plan', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const document = JSON.parse(plan.stdout) as { snapshot: string; warnings: string[]; actions: { action: string; address: string; reason: string }[] };
    expect(document.snapshot).toBe(complete.at(-1));
    expect(document.warnings.join('\n')).toContain(`cellar apply is running on this target (pid ${pid}`);
    expect(document.actions.filter((action) => action.action === 'prune-snapshot')).toEqual([]);
    const text = await lane.inProcess(['plan']);
    expect(text.stdout).not.toContain('interrupted');
    expect(text.stdout).not.toContain(drafts[0]!);

    const snapshots = await lane.inProcess(['snapshots', '--json']);
    const listing = JSON.parse(snapshots.stdout) as { snapshots: { id: string }[]; running: { pid: number } | null };
    expect(listing.snapshots.map((snapshot) => snapshot.id)).toEqual(complete);
    expect(listing.running?.pid).toBe(pid);
    const verify = await lane.inProcess(['verify']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain(complete.at(-1));
  });

  it('the running apply then completes on its own', async () => {
    lane.resume('rsync');
    const result = await winner!.done;
    expect(result.code, result.stderr).toBe(0);
    complete = lane.snapshotIds();
    expect(complete).toHaveLength(2);
    expect(existsSync(join(lane.target, 'cellar.lock'))).toBe(false);
  });

  it('applies racing for a stale lock: exactly one takes it over', async () => {
    // A lock left by a run that is gone: its pid no longer exists.
    const gone = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    const stale = { host: hostname(), pid: Number(gone), processStart: null, started: new Date().toISOString(), command: 'apply', serviceStopped: false };
    for (let round = 0; round < 3; round++) {
      await touchFiles(site.install, 1);
      writeFileSync(join(lane.target, 'cellar.lock'), `${JSON.stringify(stale)}\n`);
      lane.pause('rsync');
      const runs = [0, 1, 2].map(() => lane.start(['apply', '--yes']));
      const ended: CliResult[] = [];
      for (const run of runs) void run.done.then((result) => ended.push(result));
      await waitFor(() => ended.length === 2 && lane.reached('rsync'), `round ${round}: one run holding the lock and two refused`, 20_000);
      const holders = runs.filter((run) => run.child.exitCode === null);
      expect(holders).toHaveLength(1);
      expect(isHolder(lane, holders[0]!)).toBe(true);
      for (const result of ended) {
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`in use by cellar apply \\(pid ${holders[0]!.child.pid ?? 0}`));
      }
      lane.resume('rsync');
      const result = await holders[0]!.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`took over the lock of an interrupted cellar apply (pid ${gone})`);
    }
  });
});

/** Whether `run` is the process named in the target's lock. */
function isHolder(lane: Lane, run: Running): boolean {
  try {
    return (JSON.parse(readFileSync(join(lane.target, 'cellar.lock'), 'utf8')) as { pid: number }).pid === run.child.pid;
  } catch {
    return false;
  }
}
