/**
 * Resources that fail under an apply: a target that fills up at each step (tmpfs with size=), a
 * target on a read-only file system, an unreachable database, missing tools, unreadable sources.
 * Each must end with exit 1 and one line naming the cause and the fix (no stack trace), leave
 * the previous snapshot intact, and never leave anything that looks like a snapshot.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, cpSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRow, touchFiles } from '../../demo/sample-install.js';
import type { CliResult } from '../helpers/cli.js';
import { databaseExists, dropDatabase, uniqueName } from '../helpers/mariadb.js';
import { createSite, pathWithout, stackLine, startCellar, waitForPause, type Lane, type Site } from './support.js';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log('resources: not root, so the tmpfs and read-only targets and the unreadable-file cases are skipped (they need mount and setpriv)');

/** The single `cellar:` line of a failed run: last on stderr, no stack, no "unexpected". */
function failureLine(result: CliResult): string {
  expect(result.code, result.stdout + result.stderr).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(
    lines.filter((line) => line.startsWith('cellar: ')),
    result.stderr,
  ).toHaveLength(1);
  expect(result.stderr).not.toMatch(stackLine);
  expect(result.stderr).not.toContain('unexpected error');
  const last = lines.at(-1) ?? '';
  expect(last.startsWith('cellar: '), result.stderr).toBe(true);
  return last;
}

/** Writes zeros into `path` until its file system has no byte left. */
function fillUp(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 9, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe('resources: failures that must end cleanly', () => {
  let site: Site;
  const mounts: string[] = [];
  const lanes = new Map<string, Lane>();
  let complete: string[] = [];

  const mountTmpfs = (name: string): string => {
    const mountPoint = join(site.root, `${name}-mnt`);
    mkdirSync(mountPoint);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m,mode=0755', 'tmpfs', mountPoint]);
    mounts.push(mountPoint);
    return mountPoint;
  };

  const restoredDatabase = uniqueName('cellar_ro_restore');

  beforeAll(async () => {
    site = await createSite('resources');
    const base = site.lane('base', { service: true });
    const first = await base.cellar(['apply', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    complete = base.snapshotIds();
    const laneTargets: Record<string, string | undefined> = { 'no-rsync': undefined, 'no-dump': undefined, 'no-database': undefined, unreadable: undefined };
    if (isRoot) {
      for (const name of ['full-copy', 'full-dump', 'full-manifest', 'read-only']) laneTargets[name] = join(mountTmpfs(name), 'backups');
    }
    for (const [name, target] of Object.entries(laneTargets)) {
      const lane = site.lane(name, { service: true, ...(target === undefined ? {} : { target }) });
      cpSync(base.target, lane.target, { recursive: true, preserveTimestamps: true });
      lanes.set(name, lane);
    }
    const restoreYaml = `restore:\n  from: local\n  workingDir: ${join(site.root, 'read-only-mnt', 'restored')}\n  database:\n    admin: { user: root }\n  overrides:\n    database: { name: ${restoredDatabase} }\n`;
    const restoreLane = site.lane('restore-read-only', { extra: restoreYaml });
    cpSync(base.target, restoreLane.target, { recursive: true, preserveTimestamps: true });
    lanes.set('restore-read-only', restoreLane);
    if (isRoot) execFileSync('mount', ['-o', 'remount,ro', join(site.root, 'read-only-mnt')]);
    await touchFiles(site.install, 2);
    await changeRow(site.install);
  }, 120_000);

  afterAll(async () => {
    await dropDatabase(restoredDatabase);
    for (const mountPoint of mounts) execFileSync('umount', ['-l', mountPoint]);
    await site.dispose();
  });

  /** The previous snapshot is intact, nothing else is in the target, Cells runs, the lock is gone. */
  const expectUntouched = async (lane: Lane): Promise<void> => {
    expect(readdirSync(join(lane.target, 'snapshots')), 'no new snapshot, no leftover').toEqual(complete);
    expect(readdirSync(lane.target).sort()).toEqual(['cellar-target.json', 'snapshots']);
    const verify = await lane.inProcess(['verify', '--read-data']);
    expect(verify.code, verify.stderr).toBe(0);
    const marks = readdirSync(lane.root).includes('service.log') ? readFileSync(join(lane.root, 'service.log'), 'utf8') : '';
    expect(marks.endsWith('start\n') || marks === '', `Cells is started again: ${marks}`).toBe(true);
  };

  const fullAt =
    (laneName: string, point: string, setup: (lane: Lane) => Promise<void> = () => Promise.resolve()) =>
    async (): Promise<void> => {
      const lane = lanes.get(laneName)!;
      await setup(lane);
      lane.pause(point);
      const run = lane.start(['apply', '--yes']);
      try {
        await waitForPause(lane, run, point);
        fillUp(join(lane.target, '..', 'filler'));
      } finally {
        lane.resume(point);
      }
      const line = failureLine(await run.done);
      expect(line).toMatch(/^cellar: the disk holding .* is full; free space or prune snapshots, then apply again$/);
      await expectUntouched(lane);
      rmSync(join(lane.target, '..', 'filler'));
      const again = await lane.cellar(['apply', '--yes']);
      expect(again.code, again.stderr).toBe(0);
      expect(lane.snapshotIds()).toHaveLength(complete.length + 1);
    };

  it.runIf(isRoot).concurrent('a target that fills up during a file copy', fullAt('full-copy', 'rsync'));

  it.runIf(isRoot).concurrent('a target that fills up during the database dump', fullAt('full-dump', 'dump-before'));

  it.runIf(isRoot).concurrent(
    'a target that fills up once everything is copied, while the lists and the manifest are written',
    fullAt('full-manifest', 'dump-after', async (lane) => {
      const plan = JSON.parse((await lane.inProcess(['plan', '--json'])).stdout) as { actions: { action: string }[] };
      const dumps = plan.actions.filter((action) => action.action === 'dump-database' || action.action === 'dump-index').length;
      writeFileSync(join(lane.tools, 'dump-after.at'), String(dumps));
    }),
  );

  it.runIf(isRoot).concurrent('a target on a read-only file system', async () => {
    const lane = lanes.get('read-only')!;
    const plan = await lane.inProcess(['plan']);
    expect(plan.code, plan.stderr).toBe(0);
    const line = failureLine(await lane.cellar(['apply', '--yes']));
    expect(line).toMatch(/read-only file system; remount it read-write or choose another/);
    expect(line).toContain(lane.target);
    await expectUntouched(lane);
  });

  it.runIf(isRoot).concurrent('a restore into a folder on a read-only file system', async () => {
    const lane = lanes.get('restore-read-only')!;
    const destination = join(site.root, 'read-only-mnt', 'restored');
    const line = failureLine(await lane.cellar(['apply', '--restore', '--yes', '--no-safety-snapshot']));
    expect(line).toBe(`cellar: ${destination} is on a read-only file system; remount it read-write or choose another folder`);
    expect(await databaseExists(restoredDatabase), 'the database is not touched before the files can be written').toBe(false);
  });

  it.concurrent('an unreachable database (wrong port)', async () => {
    const lane = lanes.get('no-database')!;
    const text = readFileSync(lane.planFile, 'utf8').replace(/port: \d+/, 'port: 1');
    writeFileSync(lane.planFile, text);
    for (const args of [['plan'], ['apply', '--yes']]) {
      const line = failureLine(await lane.cellar(args));
      expect(line).toMatch(
        /^cellar: cannot connect to the database server at .*@127\.0\.0\.1:1 \(connection refused\); start it or fix the host and port in the plan$/,
      );
    }
    const verbose = await lane.cellar(['apply', '--yes', '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr, 'the cause, with its stack, only with --verbose').toMatch(stackLine);
    await expectUntouched(lane);
  });

  it.concurrent('rsync missing from PATH', async () => {
    const lane = lanes.get('no-rsync')!;
    const path = pathWithout(lane.root, ['rsync']);
    const line = failureLine(await lane.cellar(['apply', '--yes'], { PATH: path }));
    expect(line).toMatch(/^cellar: rsync was not found; install it \(apt-get install rsync\)/);
    await expectUntouched(lane);
  });

  it.concurrent('mysqldump and mariadb-dump missing from PATH', async () => {
    const lane = lanes.get('no-dump')!;
    const path = pathWithout(lane.root, ['mysqldump', 'mariadb-dump']);
    const line = failureLine(await lane.cellar(['apply', '--yes'], { PATH: path }));
    expect(line).toMatch(/^cellar: (mariadb-dump|mysqldump) was not found; install it \(apt-get install mariadb-client\)/);
    await expectUntouched(lane);
  });

  // As root, permissions do not stop reads: the run drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
  // (setpriv), so that a mode-000 file is unreadable to it as it would be to a backup user.
  it.runIf(isRoot).concurrent('an unreadable source file, then an unreadable source folder', async () => {
    const lane = lanes.get('unreadable')!;
    const asBackupUser = (args: readonly string[]): Promise<CliResult> => {
      const run = startCellar(['-f', lane.planFile, ...args], lane.root, lane.env, ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--']);
      return run.done;
    };
    const folder = site.install.datasources.find((datasource) => !datasource.flat)!.folder;
    const file = join(folder, 'unreadable.bin');
    writeFileSync(file, 'secret');
    chmodSync(file, 0o000);
    try {
      const plan = await asBackupUser(['plan']);
      expect(plan.code, plan.stderr).toBe(0);
      const line = failureLine(await asBackupUser(['apply', '--yes']));
      expect(line).toBe(`cellar: cannot read ${file} (permission denied); give the backup user read access or exclude it`);
      await expectUntouched(lane);
    } finally {
      rmSync(file);
    }
    const hidden = join(folder, 'unreadable-folder');
    mkdirSync(join(hidden, 'inside'), { recursive: true });
    chmodSync(hidden, 0o000);
    try {
      for (const args of [['plan'], ['apply', '--yes']]) {
        const line = failureLine(await asBackupUser(args));
        expect(line).toMatch(new RegExp(`^cellar: cannot read the folder ${hidden}: permission denied; give the backup user read access or exclude it$`));
      }
      await expectUntouched(lane);
    } finally {
      chmodSync(hidden, 0o755);
      rmSync(hidden, { recursive: true });
    }
  });
});
