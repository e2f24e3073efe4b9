import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleInstall, type SampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { createLoopBtrfs, type LoopBtrfs } from '../servers/loop-btrfs.js';

let scratch: string;
let btrfs: LoopBtrfs;
let install: SampleInstall;
let planText: string;
let serviceLog: string;

const commentedService = '  # service:\n  #   stop: [systemctl, stop, cells]\n  #   start: [systemctl, start, cells]\n';

/** The plan with a service whose start runs `start` (a shell line), and the working dir copied from btrfs snapshots. */
async function planWith(name: string, start: string): Promise<string> {
  const path = join(scratch, name);
  const service = `  service:\n    stop: [sh, -c, "echo stop >> ${serviceLog}"]\n    start: [sh, -c, "${start}"]\n  consistency: { snapshot: btrfs }\n`;
  await writeFile(path, planText.replace(commentedService, service));
  return path;
}

const cellar = (args: readonly string[], plan: string): Promise<CliResult> =>
  runCellar([...args, '-f', plan], { cwd: scratch, env: { CELLS_DB_PASSWORD: install.database.password, CELLAR_PLAN: '' } });

const leftovers = async (): Promise<string[]> => (await readdir(btrfs.mountPoint)).filter((name) => name.startsWith('.cellar-'));

interface PlanJson {
  readonly actions: readonly { readonly action: string; readonly address: string; readonly reason: string }[];
  readonly drift: readonly { readonly address: string; readonly paths: readonly { readonly path: string }[] }[];
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-btrfs-'));
  btrfs = await createLoopBtrfs({ size: 256 * 1024 * 1024 });
  // The working dir lies inside the subvolume `data`: cellar snapshots the subvolume that holds it.
  install = await createSampleInstall({ root: join(btrfs.subvolume, 'site'), files: 200 });
  const planFile = join(scratch, 'init.yaml');
  const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', join(scratch, 'backups'), '-o', planFile], { cwd: scratch });
  expect(init.code, init.stderr).toBe(0);
  planText = await readFile(planFile, 'utf8');
  expect(planText).toContain(commentedService);
  serviceLog = join(scratch, 'service.log');
  await sleep(1100);
}, 120_000);

afterAll(async () => {
  await install.dispose();
  await btrfs.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe('consistency: { snapshot: btrfs }', () => {
  it('stops Cells only for the instant of the snapshot, copies from it, and removes it', async () => {
    // Cells writes a file as soon as it runs again: the copy, made from the snapshot, must not see it.
    const late = join(install.workingDir, 'written-after-the-snapshot.txt');
    const plan = await planWith('frozen.yaml', `echo start >> ${serviceLog}; echo late > ${late}`);
    const planned = await cellar(['plan', '--json'], plan);
    expect(planned.code, planned.stderr).toBe(0);
    const actions = (JSON.parse(planned.stdout) as PlanJson).actions;
    expect(actions.map((action) => action.action).slice(0, 4)).toEqual(['stop-service', 'freeze-trees', 'start-service', 'sync-files']);
    expect(actions.at(-1)?.action).toBe('thaw-trees');
    expect(actions[1]?.reason).toMatch(new RegExp(`^btrfs read-only snapshot of ${btrfs.subvolume}; .*workdir.* copied from it$`));

    const apply = await cellar(['apply', '--yes'], plan);
    expect(apply.stderr).not.toMatch(/^cellar: /m);
    expect(apply.code).toBe(0);
    expect((await readFile(serviceLog, 'utf8')).split('\n')).toEqual(['stop', 'start', '']);
    expect(await leftovers()).toEqual([]);

    const next = await cellar(['plan', '--json'], plan);
    const drift = (JSON.parse(next.stdout) as PlanJson).drift;
    expect(drift.map((item) => [item.address, item.paths.map((path) => path.path)])).toEqual([['workdir', ['written-after-the-snapshot.txt']]]);
    await rm(late);
    const clean = await cellar(['plan', '--detailed-exitcode'], plan);
    expect(clean.stdout).toContain('No changes.');
    expect(clean.code).toBe(0);
  });

  it('removes the snapshot a killed apply left, on the next apply', async () => {
    await writeFile(join(install.workingDir, 'changed.txt'), 'a change to back up\n');
    // Killed right after the snapshot: start-service's command kills cellar itself.
    const killer = await planWith('killer.yaml', 'kill -9 $PPID');
    const killed = await cellar(['apply', '--yes'], killer);
    expect(killed.code).not.toBe(0);
    const [left] = await leftovers();
    expect(left).toMatch(/^\.cellar-data-\d{8}T\d{6}Z-\d+$/);

    const plan = await planWith('after-kill.yaml', `echo start >> ${serviceLog}`);
    const planned = await cellar(['plan', '--json'], plan);
    const thaws = (JSON.parse(planned.stdout) as PlanJson).actions.filter((action) => action.action === 'thaw-trees');
    expect(thaws.map((action) => action.reason)).toContain(`${join(btrfs.mountPoint, left!)}: a btrfs snapshot an interrupted apply left`);
    const apply = await cellar(['apply', '--yes'], plan);
    expect(apply.stderr).not.toMatch(/^cellar: /m);
    expect(apply.code).toBe(0);
    expect(await leftovers()).toEqual([]);
    const clean = await cellar(['plan', '--detailed-exitcode'], plan);
    expect(clean.code).toBe(0);
  });

  it('refuses a working dir that is not on btrfs, in one line', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cellar-not-btrfs-'));
    const elsewhere = await createSampleInstall({ root: join(root, 'site'), files: 20 });
    try {
      const plan = join(root, 'plan.yaml');
      const init = await runCellar(['init', '--working-dir', elsewhere.workingDir, '--target', join(root, 'backups'), '-o', plan], { cwd: root });
      expect(init.code, init.stderr).toBe(0);
      await writeFile(plan, (await readFile(plan, 'utf8')).replace(commentedService, '  consistency: { snapshot: btrfs }\n'));
      const result = await runCellar(['plan', '-f', plan], { cwd: root, env: { CELLS_DB_PASSWORD: elsewhere.database.password, CELLAR_PLAN: '' } });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^cellar: cells\\.consistency: ${elsewhere.workingDir} is on \\w+, not btrfs; move it to a btrfs subvolume or drop consistency: \\{ snapshot: btrfs \\}\\n$`,
        ),
      );
    } finally {
      await elsewhere.dispose();
      await rm(root, { recursive: true, force: true });
    }
  });
});
