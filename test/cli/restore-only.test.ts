import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRow, type SampleDatasource } from '../../demo/sample-install.js';
import { checksumTables } from '../helpers/mariadb.js';
import { treeState } from '../helpers/tree-state.js';
import { inPlaceRestore, snapshotIds, type BackedUpInstall } from '../verify/backed-up-install.js';

let scratch: string;
let backed: BackedUpInstall;
let inPlace: string;
let datasource: SampleDatasource;
let tablesBackedUp: Record<string, number | null>;

interface PlanJson {
  readonly drift: readonly { readonly address: string }[];
  readonly actions: readonly { readonly action: string; readonly address: string }[];
  readonly patches: readonly unknown[];
}

const steps = (document: PlanJson): string[] => document.actions.map((action) => `${action.action} ${action.address}`);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-restore-only-'));
  ({ backed, inPlace, datasource } = await inPlaceRestore(join(scratch, 'install'), 300));
  tablesBackedUp = await checksumTables(backed.install.database.name);
}, 120_000);

afterAll(async () => {
  await backed.install.dispose();
  await rm(scratch, { recursive: true, force: true });
});

describe('restore by address: --only', () => {
  it('brings back a deleted folder of one datasource, and nothing else', async () => {
    const datasourceBefore = treeState(datasource.folder);
    const configBefore = await readFile(join(backed.install.workingDir, 'pydio.json'));
    // One user deleted a folder; meanwhile the database moved on.
    const [folder] = (await readdir(datasource.folder, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
    await rm(join(datasource.folder, folder!.name), { recursive: true });
    await changeRow(backed.install);
    const tablesNow = await checksumTables(backed.install.database.name);

    const planned = await backed.cellar(['plan', '--restore', '--only', `datasource.${datasource.name}`, '--json'], inPlace);
    expect(planned.code, planned.stderr).toBe(0);
    const document = JSON.parse(planned.stdout) as PlanJson;
    expect(document.drift.map((drift) => drift.address)).toEqual([`datasource.${datasource.name}`]);
    expect(steps(document)).toEqual([
      'safety-snapshot target.local',
      `restore-files datasource.${datasource.name}`,
      'check-restore workdir',
      `resync-datasource datasource.${datasource.name}`,
    ]);
    expect(document.patches).toEqual([]);

    const before = await snapshotIds(backed.target);
    const apply = await backed.cellar(['apply', '--restore', '--only', `datasource.${datasource.name}`, '--yes'], inPlace);
    expect(apply.stderr).not.toMatch(/^cellar: /m);
    expect(apply.code).toBe(0);
    expect(treeState(datasource.folder)).toEqual(datasourceBefore);
    expect(await readFile(join(backed.install.workingDir, 'pydio.json'))).toEqual(configBefore);
    expect(await checksumTables(backed.install.database.name)).toEqual(tablesNow);
    // The safety snapshot kept the datasource as it was (without the folder) and pydio.json.
    expect(await snapshotIds(backed.target)).toHaveLength(before.length + 1);

    const after = await backed.cellar(['plan', '--restore', '--only', `datasource.${datasource.name}`, '--detailed-exitcode'], inPlace);
    expect(after.stdout).toContain('No changes.');
    expect(after.code).toBe(0);
  });

  it('brings back only the database', async () => {
    const planned = await backed.cellar(['plan', '--restore', '--only', 'database', '--json'], inPlace);
    expect(planned.code, planned.stderr).toBe(0);
    expect(steps(JSON.parse(planned.stdout) as PlanJson)).toEqual([
      'safety-snapshot target.local',
      `load-database database.${backed.install.database.name}`,
      'check-restore workdir',
    ]);
    const apply = await backed.cellar(['apply', '--restore', '--only', 'database', '--yes'], inPlace);
    expect(apply.stderr).not.toMatch(/^cellar: /m);
    expect(apply.code).toBe(0);
    expect(await checksumTables(backed.install.database.name)).toEqual(tablesBackedUp);
    const after = await backed.cellar(['plan', '--restore', '--only', 'database', '--detailed-exitcode'], inPlace);
    expect(after.code).toBe(0);
  });

  it('brings back a flat datasource with its index tables, and leaves the rest of the database as it is', async () => {
    const flat = backed.install.datasources.find((candidate) => candidate.flat)!;
    const indexTables = (table: string): boolean => table.startsWith(`data_index_${flat.name}_`);
    const filesBefore = treeState(flat.folder);
    const blobs = (await readdir(flat.folder, { recursive: true, withFileTypes: true })).filter(
      (entry) => entry.isFile() && !entry.parentPath.includes('.minio.sys'),
    );
    await Promise.all(blobs.slice(0, 5).map((entry) => rm(join(entry.parentPath, entry.name))));
    const connection = await createConnection({ host: '127.0.0.1', user: 'root', database: backed.install.database.name });
    const [table] = Object.keys(tablesBackedUp).filter(indexTables);
    expect(table).toBeDefined();
    await connection.query(`DELETE FROM \`${table!}\` LIMIT 3`);
    await connection.end();
    await changeRow(backed.install);
    const tablesNow = await checksumTables(backed.install.database.name);

    const planned = await backed.cellar(['plan', '--restore', '--only', `datasource.${flat.name}`, '--json'], inPlace);
    expect(planned.code, planned.stderr).toBe(0);
    expect(steps(JSON.parse(planned.stdout) as PlanJson)).toEqual([
      'safety-snapshot target.local',
      `restore-files datasource.${flat.name}`,
      `load-index datasource.${flat.name}`,
      'check-restore workdir',
    ]);
    const apply = await backed.cellar(['apply', '--restore', '--only', `datasource.${flat.name}`, '--yes'], inPlace);
    expect(apply.stderr).not.toMatch(/^cellar: /m);
    expect(apply.code).toBe(0);
    expect(treeState(flat.folder)).toEqual(filesBefore);
    const tablesAfter = await checksumTables(backed.install.database.name);
    // The index tables are the snapshot's again; every other table is as it was before the restore.
    for (const [name, checksum] of Object.entries(tablesAfter))
      expect([name, checksum]).toEqual([name, indexTables(name) ? tablesBackedUp[name] : tablesNow[name]]);
    const after = await backed.cellar(['plan', '--restore', '--only', `datasource.${flat.name}`, '--detailed-exitcode'], inPlace);
    expect(after.stdout).toContain('No changes.');
    expect(after.code).toBe(0);
  });

  it('refuses an address the snapshot does not hold, and --only without --restore, in one line', async () => {
    const unknown = await backed.cellar(['plan', '--restore', '--only', 'datasource.nope'], inPlace);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^cellar: --only datasource\.nope: snapshot \d{8}T\d{6}Z has no such address; choose among config, database, datasource\..+\n$/,
    );
    const backup = await backed.cellar(['plan', '--only', 'database'], inPlace);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toBe('cellar: --only only applies to --restore\n');
  });
});
