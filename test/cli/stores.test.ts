import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { dropDatabase, uniqueName, withAdmin } from '../helpers/mariadb.js';
import { createTestInstall } from '../helpers/sample.js';

interface StoreRecord {
  readonly id: string;
  readonly driver: string;
  readonly dump: string;
  readonly dumped: boolean;
}

/*
 * A database of pydio.json that cellar cannot dump itself (Cells' document stores in MongoDB) is
 * named by the plan: backed up through the operator's own commands, or skipped with a reason. The
 * store here is a second MariaDB database declared with a mongodb driver, dumped and loaded by the
 * real mariadb-dump and mariadb clients, as a mongodump/mongorestore pair would be.
 */
describe('stores: databases that cellar backs up through the plan’s commands', () => {
  let root: string;
  let install: SampleInstall;
  let basePlan: string;
  let planFile: string;
  const store = uniqueName('cellar_store');
  const client = ['-h127.0.0.1', '-P3306', '-uroot'];
  const cellar = (args: readonly string[]): Promise<CliResult> =>
    runCellar(['-f', planFile, ...args], { cwd: root, env: { CELLS_DB_PASSWORD: install.database.password } });
  const rows = (): Promise<string[]> =>
    withAdmin(async (admin) => {
      const [found] = await admin.query<RowDataPacket[]>(`SELECT body FROM \`${store}\`.docs ORDER BY id`);
      return found.map((row) => String(row.body));
    });
  const snapshots = (): string[] =>
    readdirSync(join(root, 'backups', 'snapshots'))
      .filter((name) => /^\d{8}T\d{6}Z$/.test(name))
      .sort();
  const storesOf = (id: string): StoreRecord[] =>
    (JSON.parse(readFileSync(join(root, 'backups', 'snapshots', id, 'manifest.json'), 'utf8')) as { stores: StoreRecord[] }).stores;
  const writePlan = (stores: string): void => {
    writeFileSync(planFile, `${basePlan}stores:\n${stores}restore:\n  from: local\n`);
  };
  const commandStore = (dump: readonly string[]): string =>
    [
      '  documents:',
      '    backup: command',
      `    dump: ${JSON.stringify(dump)}`,
      `    restore: ${JSON.stringify(['mariadb', ...client, store])}`,
      `    fingerprint: ${JSON.stringify(['mariadb', ...client, '-N', '-e', 'CHECKSUM TABLE docs', store])}`,
      '',
    ].join('\n');
  const mariadbDump = ['mariadb-dump', ...client, '--skip-dump-date', store];

  beforeAll(async () => {
    install = await createTestInstall({ files: 20 });
    root = realpathSync(mkdtempSync(join(tmpdir(), 'cellar-stores-')));
    planFile = join(root, 'backup-plan.yaml');
    const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', join(root, 'backups'), '-o', planFile], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
    basePlan = readFileSync(planFile, 'utf8');
    await withAdmin(async (admin) => {
      await admin.query(`CREATE DATABASE \`${store}\``);
      await admin.query(`CREATE TABLE \`${store}\`.docs (id INT PRIMARY KEY, body TEXT)`);
      await admin.query(`INSERT INTO \`${store}\`.docs VALUES (1, 'versions'), (2, 'activity')`);
    });
    const configFile = join(install.workingDir, 'pydio.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { databases: Record<string, unknown> };
    config.databases.documents = { driver: 'mongodb', dsn: 'mongodb://127.0.0.1:27017/cells' };
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  });

  afterAll(async () => {
    await dropDatabase(store);
    await install.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a plan that does not say how a MongoDB of pydio.json is backed up', async () => {
    const validate = await cellar(['validate']);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(
      'database "documents" (driver mongodb) is in pydio.json but not in the plan, so it would not be backed up; declare it under stores',
    );
    const plan = await cellar(['plan']);
    expect(plan.code).toBe(1);
  });

  it('refuses a store that pydio.json does not hold, suggesting the one it does', async () => {
    writePlan('  documets: { backup: skip, reason: kept by the replica set }\n');
    const validate = await cellar(['validate']);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/stores\.documets is not a database of pydio\.json that needs declaring.*documents/);
  });

  it('repeats the reason of a skipped store as a warning of every plan', async () => {
    writePlan('  documents: { backup: skip, reason: kept by the replica set and its own backups }\n');
    const plan = await cellar(['plan', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect((JSON.parse(plan.stdout) as { warnings: string[] }).warnings).toContain(
      'store documents (mongodb) is not backed up by cellar: kept by the replica set and its own backups',
    );
  });

  it('dumps a command store with the snapshot, sees its changes by fingerprint, and reuses an unchanged dump', async () => {
    writePlan(commandStore(mariadbDump));
    const first = await cellar(['apply', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    const [firstId] = snapshots().slice(-1);
    expect(storesOf(firstId!)).toMatchObject([{ id: 'documents', driver: 'mongodb', dumped: true }]);
    const dump = readFileSync(join(root, 'backups', 'snapshots', firstId!, storesOf(firstId!)[0]!.dump), 'utf8');
    expect(dump).toContain('INSERT INTO `docs` VALUES');
    expect(dump).toContain("(2,'activity')");
    expect((await cellar(['plan', '--detailed-exitcode'])).code).toBe(0);

    await withAdmin((admin) => admin.query(`INSERT INTO \`${store}\`.docs VALUES (3, 'jobs')`));
    const drift = await cellar(['plan', '--detailed-exitcode', '--no-color']);
    expect(drift.code, drift.stderr).toBe(2);
    expect(drift.stdout).toContain('~ store.documents  modified (mongodb: its fingerprint changed)');
    expect((await cellar(['apply', '--yes'])).code).toBe(0);
    expect((await cellar(['plan', '--detailed-exitcode'])).code).toBe(0);
    const [secondId] = snapshots().slice(-1);
    expect(storesOf(secondId!)).toMatchObject([{ dumped: true }]);

    writeFileSync(join(install.workingDir, 'data', 'personal', 'note.txt'), 'a file changed, the store did not\n');
    expect((await cellar(['apply', '--yes'])).code).toBe(0);
    const [thirdId] = snapshots().slice(-1);
    const [reused] = storesOf(thirdId!);
    expect(reused).toMatchObject({ dumped: false });
    const inode = (id: string): number => statSync(join(root, 'backups', 'snapshots', id, reused!.dump)).ino;
    expect(inode(thirdId!)).toBe(inode(secondId!));
    expect((await cellar(['verify', '--read-data'])).code).toBe(0);
  });

  it('loads a store whose content was lost, checks its fingerprint after, and then plans nothing', async () => {
    await withAdmin((admin) => admin.query(`DELETE FROM \`${store}\`.docs WHERE id > 1`));
    const plan = await cellar(['plan', '--restore', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const document = JSON.parse(plan.stdout) as { actions: { address: string; action: string }[] };
    expect(document.actions).toContainEqual(expect.objectContaining({ address: 'store.documents', action: 'load-store' }));
    const restore = await cellar(['apply', '--restore', '--yes']);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await rows()).toEqual(['versions', 'activity', 'jobs']);
    expect((await cellar(['plan', '--restore', '--detailed-exitcode'])).code).toBe(0);
    // The safety snapshot kept the store as the restore found it.
    const safety = readdirSync(join(root, 'backups', 'snapshots'))
      .sort()
      .slice(-1)[0]!;
    const manifest = JSON.parse(readFileSync(join(root, 'backups', 'snapshots', safety, 'manifest.json'), 'utf8')) as { kind: string; stores: StoreRecord[] };
    expect(manifest.kind).toBe('safety');
    expect(readFileSync(join(root, 'backups', 'snapshots', safety, manifest.stores[0]!.dump), 'utf8')).not.toContain("(2,'activity')");
  });

  it('fails a restore whose restore command does not bring the store back, and a verify of a tampered dump', async () => {
    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace(/restore: \["mariadb".*\]/, 'restore: ["cat"]'));
    await withAdmin((admin) => admin.query(`DELETE FROM \`${store}\`.docs WHERE id = 3`));
    const restore = await cellar(['apply', '--restore', '--yes']);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain(
      "cellar: store documents does not hold the snapshot's dump after its restore command ran (its fingerprint differs); check stores.documents.restore",
    );
    const kindOf = (id: string): string => (JSON.parse(readFileSync(join(root, 'backups', 'snapshots', id, 'manifest.json'), 'utf8')) as { kind: string }).kind;
    const latest = snapshots()
      .filter((id) => storesOf(id).length > 0 && kindOf(id) === 'backup')
      .slice(-1)[0]!;
    const dumpFile = join(root, 'backups', 'snapshots', latest, storesOf(latest)[0]!.dump);
    writeFileSync(dumpFile, readFileSync(dumpFile, 'utf8').replace("'jobs'", "'jobz'"));
    const verify = await cellar(['verify', '--read-data', '--snapshot', latest]);
    expect(verify.code).toBe(1);
    expect(verify.stdout + verify.stderr).toContain(storesOf(latest)[0]!.dump);
  });

  it('fails an apply whose dump command fails, in one line naming the store, and keeps no snapshot', async () => {
    // The restore the last test left unfinished is completed first (from the first snapshot, which
    // shares no dump with the tampered one): until then backups are refused.
    writePlan(commandStore(mariadbDump));
    const finish = await cellar(['apply', '--restore', '--snapshot', snapshots()[0]!, '--yes']);
    expect(finish.code, finish.stderr).toBe(0);
    expect(await rows()).toEqual(['versions', 'activity']);
    writePlan(commandStore(['mariadb-dump', ...client, 'cellar_no_such_database_x']));
    await withAdmin((admin) => admin.query(`INSERT INTO \`${store}\`.docs VALUES (4, 'chat')`));
    const before = snapshots();
    const apply = await cellar(['apply', '--yes']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(
      /^cellar: the dump command of stores\.documents: mariadb-dump exited with 2: .*; run it by hand to see why, then fix it in the plan$/m,
    );
    expect(snapshots()).toEqual(before);
    expect(readdirSync(join(root, 'backups', 'snapshots')).filter((name) => !before.includes(name) && !name.startsWith('.'))).toEqual([]);
  });
});
