import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SampleDatasource } from '../../demo/sample-install.js';
import { checksumTables } from '../helpers/mariadb.js';
import { treeState } from '../helpers/tree-state.js';
import { inPlaceRestore, snapshotIds, type BackedUpInstall } from '../verify/backed-up-install.js';

let scratch: string;
let backed: BackedUpInstall;
let inPlace: string;
let datasource: SampleDatasource;
let snapshot: string;

interface PlanJson {
  readonly drift: readonly { readonly address: string; readonly files: { readonly added: number } }[];
  readonly actions: readonly { readonly action: string; readonly address: string }[];
  readonly patches: readonly unknown[];
}

const steps = (document: PlanJson): string[] => document.actions.map((action) => `${action.action} ${action.address}`);

/** A folder of the datasource with files in it, relative to the datasource folder. */
async function someFolder(): Promise<string> {
  const entries = await readdir(datasource.folder, { recursive: true, withFileTypes: true });
  const file = entries.find((entry) => entry.isFile() && entry.parentPath !== datasource.folder && !entry.parentPath.includes('.minio.sys'));
  return relative(datasource.folder, file!.parentPath);
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-restore-path-'));
  ({ backed, snapshot, inPlace, datasource } = await inPlaceRestore(join(scratch, 'install'), 300));
}, 120_000);

afterAll(async () => {
  await backed.install.dispose();
  await rm(scratch, { recursive: true, force: true });
});

describe('restore one path: --only datasource.NAME:PATH', () => {
  it("brings back a user's deleted folder with one command, and nothing else in the installation changes", async () => {
    const folder = await someFolder();
    const installBefore = treeState(backed.install.workingDir);
    const tablesBefore = await checksumTables(backed.install.database.name);
    await rm(join(datasource.folder, folder), { recursive: true });
    // Work that happened since, in the same datasource: it must stay.
    const since = join(datasource.folder, 'written-after-the-backup.txt');
    await writeFile(since, 'new\n');

    const address = `datasource.${datasource.name}:${folder}`;
    const planned = await backed.cellar(['plan', '--restore', '--only', address, '--json'], inPlace);
    expect(planned.code, planned.stderr).toBe(0);
    const document = JSON.parse(planned.stdout) as PlanJson;
    expect(document.drift.map((drift) => drift.address)).toEqual([address]);
    expect(document.drift[0]?.files.added).toBeGreaterThan(0);
    expect(steps(document)).toEqual([
      'safety-snapshot target.local',
      `restore-path ${address}`,
      'check-restore workdir',
      `resync-datasource datasource.${datasource.name}`,
    ]);
    expect(document.patches).toEqual([]);

    const apply = await backed.cellar(['apply', '--restore', '--only', address, '--yes'], inPlace);
    expect(apply.stderr).not.toMatch(/^cellar: /m);
    expect(apply.code).toBe(0);
    await rm(since);
    // Every file of the installation is what it was at the backup, by its hash; every table too.
    const installAfter = treeState(backed.install.workingDir);
    expect([...installAfter.keys()].filter((path) => installAfter.get(path) !== installBefore.get(path))).toEqual([]);
    expect(installAfter).toEqual(installBefore);
    expect(await checksumTables(backed.install.database.name)).toEqual(tablesBefore);

    const after = await backed.cellar(['plan', '--restore', '--only', address, '--detailed-exitcode'], inPlace);
    expect(after.stdout).toContain('No changes.');
    expect(after.code).toBe(0);
  });

  it('restores a path beside the original with --to, and never over something there', async () => {
    const folder = await someFolder();
    const original = treeState(join(datasource.folder, folder));
    const beside = join(scratch, 'recovered');
    const address = `datasource.${datasource.name}:${folder}`;
    const apply = await backed.cellar(['apply', '--restore', '--only', address, '--to', beside, '--yes'], inPlace);
    expect(apply.stderr).not.toMatch(/^cellar: /m);
    expect(apply.code).toBe(0);
    const name = folder.split('/').at(-1)!;
    expect(treeState(join(beside, name))).toEqual(original);
    expect(treeState(join(datasource.folder, folder))).toEqual(original);

    const again = await backed.cellar(['plan', '--restore', '--only', address, '--to', beside], inPlace);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`cellar: --to ${beside}: ${join(beside, name)} exists already; --to never overwrites, choose another folder\n`);
  });

  it('refuses to hand back a file the snapshot no longer holds as recorded, in one line, and keeps the safety snapshot', async () => {
    const folder = await someFolder();
    const [file] = (await readdir(join(datasource.folder, folder), { withFileTypes: true })).filter((entry) => entry.isFile());
    const path = `${folder}/${file!.name}`;
    await rm(join(datasource.folder, path));
    // Someone with write access to the target changes one byte of the snapshot's copy, keeping its size and time.
    const copy = join(backed.target, 'snapshots', snapshot, 'workdir', relative(backed.install.workingDir, datasource.folder), path);
    const times = await stat(copy);
    const bytes = await readFile(copy);
    bytes[0] = bytes[0]! ^ 0xff;
    await writeFile(copy, bytes);
    await utimes(copy, times.atime, times.mtime);
    const before = await snapshotIds(backed.target);
    const apply = await backed.cellar(['apply', '--restore', '--only', `datasource.${datasource.name}:${path}`, '--yes'], inPlace);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(
      /does not hold what the snapshot recorded \(its sha256 differs\): the snapshot's copy was changed; run cellar verify --read-data and restore from another snapshot\n$/,
    );
    expect(await snapshotIds(backed.target)).toHaveLength(before.length + 1);
  });

  it('refuses a path in a flat datasource, two that would land in one place, and one the snapshot lacks, saying why', async () => {
    const flat = backed.install.datasources.find((candidate) => candidate.flat)!;
    const flatResult = await backed.cellar(['plan', '--restore', '--only', `datasource.${flat.name}:some/folder`], inPlace);
    expect(flatResult.code).toBe(1);
    expect(flatResult.stderr).toContain(`datasource.${flat.name} is flat: its file names live in the index, not in its files`);
    const twice = await backed.cellar(
      ['plan', '--restore', '--only', `datasource.${datasource.name}:one/same,datasource.${datasource.name}:two/same`, '--to', join(scratch, 'beside')],
      inPlace,
    );
    expect(twice.code).toBe(1);
    expect(twice.stderr).toBe(`cellar: --to ${join(scratch, 'beside')}: two paths named same would land in the same place; restore them one at a time\n`);
    const missing = await backed.cellar(['plan', '--restore', '--only', `datasource.${datasource.name}:no/such/folder`], inPlace);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `cellar: --only datasource.${datasource.name}:no/such/folder: the snapshot holds no file or folder no/such/folder in datasource.${datasource.name}; check the path (it is relative to the datasource folder)\n`,
    );
  });
});
