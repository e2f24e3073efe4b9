/**
 * SIGKILL at each step of an apply, on real rsync and MariaDB. Fake tools on PATH (and the service
 * argv) hold the run at the step; then cellar and everything it started are killed at once, as a
 * crash or an OOM kill of the whole unit would. After each crash the target must still be sound
 * and the next run must tell the truth and finish the job.
 *
 * Each step has a lane of its own (plan, target, tools) over one shared installation, so that the
 * backup crashes run side by side; the restore crash runs last, alone, as it rewrites the install.
 */
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRow, touchFiles } from '../../demo/sample-install.js';
import { checksumTables } from '../helpers/mariadb.js';
import { compareDigests, createSite, stackLine, treeDigest, waitForPause, type DigestEntry, type Lane, type Running, type Site } from './support.js';

interface Crashed {
  readonly pid: number;
  /** Snapshot ids that existed (complete) before the crashed run. */
  readonly before: readonly string[];
}

const steps = ['copy', 'dump', 'before-manifest', 'after-manifest', 'prune', 'restore'] as const;
type Step = (typeof steps)[number];

describe('crash: apply killed with SIGKILL at each step', () => {
  let site: Site;
  const lanes = {} as Record<Step, Lane>;
  let baseline: { files: Map<string, DigestEntry>; tables: Record<string, number | null> };

  beforeAll(async () => {
    site = await createSite('crash');
    for (const step of steps) {
      lanes[step] = site.lane(step, {
        service: true,
        ...(step === 'prune' ? { keep: '{ last: 2 }' } : {}),
        ...(step === 'restore' ? { extra: 'restore:\n  from: local' } : {}),
      });
    }
    // Two snapshots, taken once and copied (hard links kept) into every lane's target.
    const first = lanes.copy;
    for (const round of [1, 2]) {
      if (round === 2) await touchFiles(site.install, 1);
      const apply = await first.cellar(['apply', '--yes']);
      expect(apply.code, apply.stderr).toBe(0);
    }
    baseline = { files: treeDigest(site.install.workingDir), tables: await checksumTables(site.install.database.name) };
    for (const step of steps)
      if (lanes[step] !== first) cpSync(first.target, lanes[step].target, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    // Every lane now has files and rows to back up; nothing changes the install until the restore.
    await touchFiles(site.install, 2);
    await changeRow(site.install);
  }, 120_000);

  afterAll(async () => {
    await site.dispose();
  });

  const listed = async (lane: Lane): Promise<string[]> => {
    const result = await lane.inProcess(['snapshots', '--json']);
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { snapshots: { id: string }[] }).snapshots.map((snapshot) => snapshot.id);
  };

  /** Runs `args` with a pause point set, waits until the run holds there, and kills it. */
  const crashAt = async (lane: Lane, point: string, args: readonly string[] = ['apply', '--yes']): Promise<Crashed> => {
    const before = await listed(lane);
    lane.pause(point);
    let run: Running | undefined;
    try {
      run = lane.start(args);
      await waitForPause(lane, run, point);
      const result = await run.crash();
      expect(result.code, result.stderr).toBe(137);
      return { pid: run.child.pid ?? 0, before };
    } finally {
      lane.resume(point);
      if (run) await run.crash();
    }
  };

  const verifyAll = async (lane: Lane, ids: readonly string[]): Promise<void> => {
    const results = await Promise.all(ids.map((id) => lane.inProcess(['verify', '--read-data', '--snapshot', id])));
    results.forEach((result, index) => {
      expect(result.code, `verify ${ids[index] ?? ''}: ${result.stderr}`).toBe(0);
    });
  };

  /** Nothing holding the database password (an option file) may outlive a run, even a killed one. */
  const expectNothingInTmp = (lane: Lane): void => {
    expect(readdirSync(lane.tmp), `files left in TMPDIR by cellar or its tools`).toEqual([]);
  };

  /**
   * What must hold after any crash: earlier snapshots verify, nothing half-written is listed or
   * used, the plan names the interrupted run and its leftovers, and the next apply takes over the
   * lock, finishes, starts Cells again if it was left stopped, and leaves nothing behind.
   */
  const expectRecovery = async (lane: Lane, crashed: Crashed, expected: { leftover: boolean; serviceStopped: boolean; complete?: string }): Promise<void> => {
    const still = crashed.before.filter((id) => lane.snapshotIds().includes(id));
    await verifyAll(lane, still);
    const afterCrash = await listed(lane);
    expect(afterCrash).toEqual(expected.complete ? [...still, expected.complete] : still);
    expectNothingInTmp(lane);
    const leftovers = readdirSync(join(lane.target, 'snapshots')).filter((name) => !afterCrash.includes(name));
    expect(leftovers.length > 0, `leftovers: ${leftovers.join(', ')}`).toBe(expected.leftover);
    expect(existsSync(join(lane.target, 'cellar.lock')), 'the crashed run left its lock').toBe(true);

    const plan = await lane.inProcess(['plan', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const document = JSON.parse(plan.stdout) as { snapshot: string | null; warnings: string[]; actions: { action: string; address: string }[] };
    expect(document.snapshot, 'the latest snapshot is a complete one').toBe(afterCrash.at(-1));
    const warnings = document.warnings.join('\n');
    expect(warnings).toContain(`(pid ${crashed.pid}`);
    expect(warnings).toContain('was interrupted');
    if (expected.serviceStopped) {
      expect(warnings).toContain('after stopping Cells');
      expect(document.actions.map((action) => action.action)).toContain('start-service');
    }
    for (const name of leftovers) {
      expect(document.actions).toContainEqual(expect.objectContaining({ action: 'prune-snapshot', address: `snapshot.${name}` }));
    }

    const startsBefore = readFileSync(lane.marks, 'utf8')
      .split('\n')
      .filter((line) => line === 'start').length;
    const apply = await lane.cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain(`took over the lock of an interrupted cellar apply (pid ${crashed.pid})`);
    expect(apply.stderr).not.toMatch(stackLine);
    const marks = readFileSync(lane.marks, 'utf8').trimEnd().split('\n');
    expect(marks.at(-1), 'Cells is left running').toBe('start');
    if (expected.serviceStopped) expect(marks.filter((line) => line === 'start').length).toBeGreaterThan(startsBefore);
    expect(readdirSync(lane.target).sort(), 'no lock, no temporary file').toEqual(['cellar-target.json', 'snapshots']);
    const after = await listed(lane);
    expect(readdirSync(join(lane.target, 'snapshots')).sort(), 'no leftovers remain').toEqual(after);
    expect(after.length).toBeGreaterThan(still.length);
    expectNothingInTmp(lane);
    await verifyAll(
      lane,
      after.filter((id) => !crashed.before.includes(id)),
    );
    const again = await lane.inProcess(['plan', '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
  };

  it.concurrent('during a file copy', async () => {
    const lane = lanes.copy;
    const crashed = await crashAt(lane, 'rsync');
    await expectRecovery(lane, crashed, { leftover: true, serviceStopped: true });
  });

  it.concurrent('during the database dump', async () => {
    const lane = lanes.dump;
    const crashed = await crashAt(lane, 'dump-before');
    await expectRecovery(lane, crashed, { leftover: true, serviceStopped: true });
  });

  it.concurrent('just before the manifest is written (everything copied and dumped)', async () => {
    const lane = lanes['before-manifest'];
    const plan = JSON.parse((await lane.inProcess(['plan', '--json'])).stdout) as { actions: { action: string }[] };
    const dumps = plan.actions.filter((action) => action.action === 'dump-database' || action.action === 'dump-index').length;
    expect(plan.actions.at(-2)?.action).toBe('write-manifest');
    writeFileSync(join(lane.tools, 'dump-after.at'), String(dumps));
    const crashed = await crashAt(lane, 'dump-after');
    const draft = lane.snapshotIds().filter((id) => !crashed.before.includes(id));
    expect(draft).toHaveLength(1);
    const folder = join(lane.target, 'snapshots', draft[0]!);
    expect(existsSync(join(folder, 'manifest.json'))).toBe(false);
    expect(readdirSync(join(folder, 'database'))).toHaveLength(1);
    await expectRecovery(lane, crashed, { leftover: true, serviceStopped: true });
  });

  it.concurrent('just after the manifest is written (while Cells is being started)', async () => {
    const lane = lanes['after-manifest'];
    const crashed = await crashAt(lane, 'start');
    const written = lane.snapshotIds().filter((id) => !crashed.before.includes(id));
    expect(written).toHaveLength(1);
    await expectRecovery(lane, crashed, { leftover: false, serviceStopped: true, complete: written[0]! });
  });

  it.concurrent('during a prune', async () => {
    // keep: { last: 2 } and two snapshots: the apply prunes the oldest. Many hard links in it make
    // its removal last long enough to be caught half-done.
    const lane = lanes.prune;
    const before = await listed(lane);
    expect(before).toHaveLength(2);
    const ballast = join(lane.target, 'snapshots', before[0]!, 'ballast');
    mkdirSync(ballast);
    writeFileSync(join(ballast, 'file'), '');
    for (let i = 0; i < 20_000; i++) linkSync(join(ballast, 'file'), join(ballast, String(i)));
    const run = lane.start(['apply', '--yes']);
    const trash = join(lane.target, 'snapshots', `.deleting-${before[0]!}`);
    try {
      while (!existsSync(trash)) {
        if (run.child.exitCode !== null) throw new Error(`the apply ended before its prune was caught: ${(await run.done).stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    } finally {
      await run.crash();
    }
    expect(existsSync(trash), 'the prune was caught half-done').toBe(true);
    const written = lane.snapshotIds().filter((id) => !before.includes(id));
    expect(written).toHaveLength(1);
    await expectRecovery(lane, { pid: run.child.pid ?? 0, before }, { leftover: true, serviceStopped: false, complete: written[0]! });
  });

  it('during a restore', async () => {
    const lane = lanes.restore;
    const before = await listed(lane);
    const id = before.at(-1);
    // Pause only the copy into the working dir, not the safety snapshot's copy out of it.
    writeFileSync(join(lane.tools, 'rsync.match'), site.install.workingDir);
    const crashed = await crashAt(lane, 'rsync', ['apply', '--restore', '--snapshot', id!, '--yes']);
    const complete = await listed(lane);
    expect(complete, 'the safety snapshot is complete').toHaveLength(before.length + 1);
    await verifyAll(lane, complete);
    expectNothingInTmp(lane);

    const plan = await lane.inProcess(['plan', '--restore', '--snapshot', id!, '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const document = JSON.parse(plan.stdout) as { actions: { action: string }[] };
    expect(document.actions.map((action) => action.action)).toContain('restore-files');

    const apply = await lane.cellar(['apply', '--restore', '--snapshot', id!, '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain(`took over the lock of an interrupted cellar apply (pid ${crashed.pid})`);
    expect(readFileSync(lane.marks, 'utf8').trimEnd().split('\n').at(-1)).toBe('start');
    expect(compareDigests(baseline.files, treeDigest(site.install.workingDir))).toEqual([]);
    expect(await checksumTables(site.install.database.name)).toEqual(baseline.tables);
    expect(existsSync(join(lane.target, 'cellar.lock'))).toBe(false);
    expectNothingInTmp(lane);
  });

  // A restore plan reads the target's lock as a backup plan does (docs/reliability.md, defect 15).
  it('after a restore killed while starting Cells, the next restore names it and starts Cells', async () => {
    const lane = lanes.restore;
    const id = (await listed(lane)).at(-1);
    await touchFiles(site.install, 1);
    const crashed = await crashAt(lane, 'start', ['apply', '--restore', '--snapshot', id!, '--yes']);
    expect(readFileSync(lane.marks, 'utf8').trimEnd().split('\n').at(-1), 'the killed run left Cells stopped').toBe('stop');
    const plan = await lane.inProcess(['plan', '--restore', '--snapshot', id!, '--json']);
    const document = JSON.parse(plan.stdout) as { warnings: string[]; actions: { action: string }[] };
    expect(document.warnings.join('\n')).toContain(`(pid ${crashed.pid}`);
    expect(document.actions.map((action) => action.action)).toContain('start-service');
  });
});
