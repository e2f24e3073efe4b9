import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { addExternalDatasource, type ExternalDatasource } from '../helpers/external-datasource.js';
import { createTestInstall } from '../helpers/sample.js';

/*
 * A datasource outside the working dir keeps its objects folder's `.minio.sys` beside it, but only
 * once Cells has served it: until then, and after a restore without it, the folder is absent. An
 * absent optional tree is recorded as absent, so that a second apply changes nothing.
 */
describe('an optional tree that is absent', () => {
  let root: string;
  let install: SampleInstall;
  let archive: ExternalDatasource;
  let planFile: string;
  let target: string;
  const cellar = (args: readonly string[]): Promise<CliResult> =>
    runCellar(['-f', planFile, ...args], { cwd: root, env: { CELLS_DB_PASSWORD: install.database.password } });
  const snapshots = (): string[] => readdirSync(join(target, 'snapshots')).filter((name) => /^\d{8}T\d{6}Z$/.test(name));
  const expectClean = async (): Promise<void> => {
    const plan = await cellar(['plan', '--detailed-exitcode']);
    expect(plan.stdout + plan.stderr).toContain('No changes.');
    expect(plan.code).toBe(0);
  };
  const apply = async (): Promise<void> => {
    const result = await cellar(['apply', '--yes']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).not.toContain('lacks files');
  };

  beforeAll(async () => {
    install = await createTestInstall();
    root = mkdtempSync(join(tmpdir(), 'cellar-optional-'));
    archive = addExternalDatasource(install.workingDir, join(root, 'disk2'));
    target = join(root, 'backups');
    planFile = join(root, 'backup-plan.yaml');
    const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', target, '-o', planFile], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
  });

  afterAll(async () => {
    await install.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('is recorded as absent: plan is clean after the first apply and after every next one', async () => {
    await apply();
    await expectClean();
    writeFileSync(join(archive.folder, 'report.txt'), 'second quarter, longer\n');
    await apply();
    await expectClean();
    const before = snapshots();
    await apply();
    expect(snapshots()).toEqual(before);
  });

  it('is reported when it appears, and recorded once copied', async () => {
    mkdirSync(join(archive.localFolder, '.minio.sys', 'buckets'), { recursive: true });
    writeFileSync(join(archive.localFolder, '.minio.sys', 'format.json'), '{"version":"1"}\n');
    const plan = await cellar(['plan', '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/datasource\.archive.*\n(?:.*\n)*.*\.minio\.sys appeared/);
    await apply();
    await expectClean();
  });

  it('is reported when it vanishes, and recorded as absent again', async () => {
    rmSync(join(archive.localFolder, '.minio.sys'), { recursive: true });
    const plan = await cellar(['plan', '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/\.minio\.sys vanished/);
    await apply();
    await expectClean();
  });

  it('comes back absent: a restore of a snapshot that recorded it absent removes what appeared since', async () => {
    const first = snapshots().sort()[0]!;
    mkdirSync(join(archive.localFolder, '.minio.sys'));
    writeFileSync(join(archive.localFolder, '.minio.sys', 'format.json'), '{"version":"1"}\n');
    appendFileSync(planFile, 'restore:\n  from: local\n');
    const plan = await cellar(['plan', '--restore', '--snapshot', first, '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const document = JSON.parse(plan.stdout) as { drift: { address: string; trees: { label: string; change: string }[] }[] };
    expect(document.drift).toContainEqual(expect.objectContaining({ address: 'datasource.archive', trees: [{ label: '.minio.sys', change: 'vanished' }] }));
    const restore = await cellar(['apply', '--restore', '--snapshot', first, '--yes']);
    expect(restore.code, restore.stdout + restore.stderr).toBe(0);
    expect(existsSync(join(archive.localFolder, '.minio.sys'))).toBe(false);
    expect(readFileSync(join(archive.folder, 'report.txt'), 'utf8')).toBe('first quarter\n');
  });
});
