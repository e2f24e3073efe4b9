import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRow, createSampleInstall, touchFiles, type SampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { checksumTables, uniqueName, withAdmin } from '../helpers/mariadb.js';
import { changedPaths, treeState } from '../helpers/tree-state.js';

interface PlanDocument {
  readonly changes: boolean;
  readonly actions: readonly { readonly action: string; readonly address: string }[];
  readonly patches: readonly {
    readonly file: string;
    readonly changes: readonly { readonly pointer: string; readonly before: string | null; readonly after: string; readonly sensitive: boolean }[];
    readonly diff: string;
  }[];
  readonly warnings: readonly string[];
  readonly blocked: string | null;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every leaf of a JSON document by its JSON pointer. */
function leaves(value: Json, pointer = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const escaped = key.replaceAll('~', '~0').replaceAll('/', '~1');
      for (const [path, leaf] of leaves(child, `${pointer}/${escaped}`)) found.set(path, leaf);
    }
  } else found.set(pointer, JSON.stringify(value));
  return found;
}

/** The pointers at which two pydio.json texts differ, sorted. */
function differingPointers(before: string, after: string): string[] {
  return changedPaths(leaves(JSON.parse(before) as Json), leaves(JSON.parse(after) as Json));
}

/** The MySQL DSN that pydio.json's defaults.database points at, and its pointer. */
function defaultDsn(text: string): { pointer: string; dsn: string } {
  const config = JSON.parse(text) as { defaults: { database: { $ref: string } }; databases: Record<string, { dsn: string }> };
  const id = config.defaults.database.$ref.split('/').pop()!;
  return { pointer: `/databases/${id}/dsn`, dsn: config.databases[id]!.dsn };
}

/** A uid and gid that are not the test's own, for the owner pydio.json must keep. */
const cellsOwner = 4242;
const snapshotIdInOutput = /--snapshot (\d{8}T\d{6}Z)/;

/** Runs cellar while reading the argv of every process on the machine, and returns both. */
async function runReadingArgv(run: () => Promise<CliResult>): Promise<{ result: CliResult; argv: Set<string> }> {
  const argv = new Set<string>();
  const state = { running: true };
  const done = run().finally(() => (state.running = false));
  while (state.running) {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        argv.add(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        // The process ended between listing and reading.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { result: await done, argv };
}

describe('restore: plan and apply on real rsync and MariaDB', () => {
  let root: string;
  let install: SampleInstall;
  let older: SampleInstall;
  let planFile: string;
  let planText: string;
  let target: string;
  let restoredDir: string;
  let env: Record<string, string>;
  let secrets: string[];
  let originalConfig: string;
  let originalState: Map<string, string>;
  let originalChecksums: Record<string, number | null>;
  let plannedPointers: string[];
  const newDatabase = uniqueName('cellar_restored');
  const newUser = uniqueName('cellar_ruser');
  const newPassword = `Restored-${randomBytes(8).toString('hex')}`;
  /** What beforeAll created, undone in reverse order even when it stopped part-way. */
  const cleanups: (() => unknown)[] = [];

  const cellar = (args: readonly string[], plan = planFile): Promise<CliResult> => runCellar(['-f', plan, ...args], { cwd: root, env });
  const snapshotIds = (folder = target): string[] =>
    readdirSync(join(folder, 'snapshots'))
      .filter((name) => /^\d{8}T\d{6}Z$/.test(name))
      .sort();
  /** A plan file beside the main one: the same backup plan, with its own restore section. */
  const planWith = (name: string, restore: string): string => {
    const path = join(root, name);
    writeFileSync(path, `${planText.slice(0, planText.indexOf('\nrestore:\n'))}\n${restore}`);
    return path;
  };
  const expectNoSecret = (...results: CliResult[]): void => {
    for (const result of results)
      for (const secret of secrets) {
        expect(result.stdout).not.toContain(secret);
        expect(result.stderr).not.toContain(secret);
      }
  };
  const firstFile = (prefix: string): string => [...originalState].find(([path, entry]) => path.startsWith(prefix) && entry.startsWith('file '))![0];

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'cellar-restore-')));
    cleanups.push(() => {
      rmSync(root, { recursive: true, force: true });
    });
    // Created before the backup: its tables were last changed before the snapshot was taken.
    older = await createSampleInstall({ root: join(root, 'older'), files: 120, seed: 2, database: uniqueName('cellar_older') });
    cleanups.push(() => older.dispose());
    install = await createSampleInstall({ root: join(root, 'site'), files: 300, database: uniqueName('cellar_restore') });
    cleanups.push(() => install.dispose());
    const workingDir = install.workingDir;
    symlinkSync('../pydio.json', join(workingDir, 'logs', 'config-link'));
    symlinkSync('rotated/pydio.log.1', join(workingDir, 'logs', 'dangling-link'));
    chmodSync(join(workingDir, 'certs', 'rootCA.pem'), 0o640);
    // A folder beside the session's secureKey, so that the working dir's move puts the key in the diff's context.
    const configPath = join(workingDir, 'pydio.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as { frontend: { session: Record<string, string> } };
    config.frontend.session = { storage: join(workingDir, 'services', 'pydio.web.session'), ...config.frontend.session };
    writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
    chownSync(configPath, cellsOwner, cellsOwner);
    originalConfig = readFileSync(configPath, 'utf8');

    await withAdmin(async (admin) => {
      await admin.query('CREATE USER ?@? IDENTIFIED BY ?, ?@? IDENTIFIED BY ?', [newUser, 'localhost', newPassword, newUser, '127.0.0.1', newPassword]);
    });
    cleanups.push(() =>
      withAdmin(async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS \`${newDatabase}\``);
        await admin.query('DROP USER IF EXISTS ?@?, ?@?', [newUser, 'localhost', newUser, '127.0.0.1']);
      }),
    );
    target = join(root, 'backups');
    restoredDir = join(root, 'restored', 'cells');
    planFile = join(root, 'plan.yaml');
    env = {
      CELLS_DB_PASSWORD: install.database.password,
      NEW_DB_PASSWORD: newPassword,
      OLDER_DB_PASSWORD: older.database.password,
      CELLAR_PLAN: '',
    };
    const init = await runCellar(['init', '--working-dir', workingDir, '--target', target, '-o', planFile], { cwd: root, env });
    expect(init.code, init.stderr).toBe(0);
    planText = `${readFileSync(planFile, 'utf8')}
restore:
  from: local
  workingDir: ${restoredDir}
  database:
    admin: { user: root }
  overrides:
    hostname: cells2.internal
    publicUrl: https://files.example.com
    database: { name: ${newDatabase}, user: ${newUser}, password: { env: NEW_DB_PASSWORD } }
`;
    writeFileSync(planFile, planText);
    const backup = await cellar(['apply', '--yes']);
    expect(backup.code, backup.stderr).toBe(0);

    originalState = treeState(workingDir);
    originalChecksums = await checksumTables(install.database.name);
    const apiSecret = /"ApiSecret": "([^"]+)"/.exec(originalConfig)![1]!;
    const secureKeys = [...originalConfig.matchAll(/"secureKey": "([^"]+)"/g)].map((match) => match[1]!);
    secrets = [install.database.password, newPassword, apiSecret, ...secureKeys];
  }, 120_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('plans the pydio.json patch pointer by pointer, secrets only as (sensitive)', async () => {
    const json = await cellar(['plan', '--restore', '--json', '--detailed-exitcode']);
    expect(json.code, json.stderr).toBe(2);
    const document = JSON.parse(json.stdout) as PlanDocument;
    expect(document.blocked).toBeNull();
    expect(document.actions.map((action) => action.action)).toEqual(
      expect.arrayContaining(['restore-files', 'create-database', 'load-database', 'patch-config']),
    );
    const changes = document.patches[0]!.changes;
    plannedPointers = changes.map((change) => change.pointer).sort();
    const dsn = defaultDsn(originalConfig);
    expect(plannedPointers).toEqual(expect.arrayContaining([dsn.pointer, '/defaults/sites/0/ReverseProxyURL', '/frontend/session/storage']));
    const dsnChange = changes.find((change) => change.pointer === dsn.pointer)!;
    expect(dsnChange.sensitive).toBe(true);
    expect(dsnChange.before).toBe(dsn.dsn.replace(install.database.password, '(sensitive)'));
    expect(dsnChange.after).toBe(`${newUser}:(sensitive)@tcp(127.0.0.1:3306)/${newDatabase}?parseTime=true`);
    for (const change of changes) expect(change.before).not.toBe(change.after);

    const text = await cellar(['plan', '--restore']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`+      "dsn": "${newUser}:(sensitive)@tcp(127.0.0.1:3306)/${newDatabase}?parseTime=true"`);
    expect(text.stdout).toMatch(/^ {7}"ApiSecret": "\(sensitive\)",$/m);
    expect(text.stdout).toMatch(/^ {7}"secureKey": "\(sensitive\)"$/m);
    expectNoSecret(json, text);
  });

  it('restores every file, table and pointer into another folder and database', async () => {
    const { result: apply, argv } = await runReadingArgv(() => cellar(['apply', '--restore', '--yes']));
    expect(apply.code, apply.stderr).toBe(0);
    expectNoSecret(apply);
    expect([...argv].some((line) => line.includes('--defaults-extra-file='))).toBe(true);
    for (const line of argv) for (const secret of secrets) expect(line).not.toContain(secret);

    const restored = treeState(restoredDir);
    expect(changedPaths(originalState, restored)).toEqual(['pydio.json']);
    expect(restored.get('pydio.json')?.slice(0, 9)).toBe(originalState.get('pydio.json')?.slice(0, 9));
    expect(statSync(join(restoredDir, 'pydio.json'))).toMatchObject({ uid: cellsOwner, gid: cellsOwner });
    expect(Object.keys(originalChecksums).length).toBeGreaterThan(20);
    expect(await checksumTables(newDatabase)).toEqual(originalChecksums);

    const restoredConfig = readFileSync(join(restoredDir, 'pydio.json'), 'utf8');
    expect(differingPointers(originalConfig, restoredConfig)).toEqual(plannedPointers);
    const [, user, password, host, port, database] = /^([^:]+):(.*)@tcp\(([^:]+):(\d+)\)\/([^?]+)/.exec(defaultDsn(restoredConfig).dsn)!;
    const connection = await createConnection({ host: host!, port: Number(port), user: user!, password: password!, database: database! });
    try {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT COUNT(*) AS tables FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()');
      expect(Number(rows[0]!.tables)).toBe(Object.keys(originalChecksums).length);
      const [schema] = await connection.query<RowDataPacket[]>(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()',
      );
      expect(schema[0]!.charset).toBe('utf8mb4');
    } finally {
      await connection.end();
    }
  });

  it('plans nothing once applied, and a second apply changes nothing', async () => {
    const plan = await cellar(['plan', '--restore', '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    const before = { files: treeState(restoredDir), snapshots: snapshotIds() };
    const again = await cellar(['apply', '--restore', '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(changedPaths(before.files, treeState(restoredDir))).toEqual([]);
    expect(snapshotIds()).toEqual(before.snapshots);
    expect(await checksumTables(newDatabase)).toEqual(originalChecksums);
  });

  it('refuses to change a running Cells, and stops it first when cells.service is declared', async () => {
    const live = spawn('sleep', ['600'], { cwd: join(restoredDir, 'logs'), stdio: 'ignore' });
    try {
      const idle = await cellar(['plan', '--restore', '--detailed-exitcode']);
      expect(idle.code, idle.stdout).toBe(0);
      expect((await cellar(['apply', '--restore', '--yes'])).code).toBe(0);

      appendFileSync(join(restoredDir, firstFile('data/pydiods1/')), 'changed while Cells ran');
      const before = { files: treeState(restoredDir), snapshots: snapshotIds() };
      const refused = await cellar(['apply', '--restore', '--yes']);
      expect(refused.code).toBe(1);
      expect(refused.stderr.trimEnd().split('\n')).toEqual([
        `cellar: apply refused: Cells is running in ${restoredDir}; stop it first, or declare cells.service so that cellar stops it`,
      ]);
      expect(changedPaths(before.files, treeState(restoredDir))).toEqual([]);
      expect(snapshotIds()).toEqual(before.snapshots);

      const marks = join(root, 'service.log');
      const servicePlan = join(root, 'service-plan.yaml');
      writeFileSync(
        servicePlan,
        planText.replace(
          / {2}# service:\n.*\n.*\n.*\n/,
          `  service:\n    stop: [sh, -c, "echo stop >> ${marks} && kill ${live.pid!}"]\n    start: [sh, -c, "echo start >> ${marks}"]\n`,
        ),
      );
      const plan = await cellar(['plan', '--restore', '--no-safety-snapshot', '--json'], servicePlan);
      const document = JSON.parse(plan.stdout) as PlanDocument;
      expect(document.actions.map((action) => action.action)).toEqual(['stop-service', 'restore-files', 'check-restore', 'start-service']);
      expect(document.warnings.join('\n')).toContain('--no-safety-snapshot');
      const stopped = await cellar(['apply', '--restore', '--no-safety-snapshot', '--yes'], servicePlan);
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(readFileSync(marks, 'utf8')).toBe('stop\nstart\n');
      expect(live.exitCode !== null || live.signalCode !== null).toBe(true);
      expect(changedPaths(originalState, treeState(restoredDir))).toEqual(['pydio.json']);
      expect(snapshotIds()).toEqual(before.snapshots);
    } finally {
      live.kill();
    }
  });

  it('refuses a damaged snapshot without changing anything, and verify names the damage', async () => {
    const copy = join(root, 'damaged-target');
    await promisify(execFile)('cp', ['-a', target, copy]);
    const damagedPlan = join(root, 'damaged-plan.yaml');
    writeFileSync(damagedPlan, planText.replace(`path: ${target}\n`, `path: ${copy}\n`));
    const [id] = snapshotIds(copy);
    const removed = firstFile('data/cellsdata/');
    unlinkSync(join(copy, 'snapshots', id!, 'workdir', removed));
    appendFileSync(join(restoredDir, firstFile('data/personal/')), 'changed since the backup');

    const before = { files: treeState(restoredDir), snapshots: snapshotIds(copy), checksums: await checksumTables(newDatabase) };
    const plan = await cellar(['plan', '--restore'], damagedPlan);
    expect(plan.stdout).toContain(`Apply will refuse this plan: snapshot ${id!} is damaged (workdir/${removed}: missing)`);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toBe(
      `cellar: this plan cannot be applied: snapshot ${id!} is damaged (workdir/${removed}: missing); run cellar verify and restore another snapshot\n`,
    );
    const apply = await cellar(['apply', '--restore', '--yes'], damagedPlan);
    expect(apply.code).toBe(1);
    expect(apply.stderr.trimEnd().split('\n')).toEqual([
      `cellar: apply refused: snapshot ${id!} is damaged (workdir/${removed}: missing); run cellar verify and restore another snapshot`,
    ]);
    expect(changedPaths(before.files, treeState(restoredDir))).toEqual([]);
    expect(snapshotIds(copy)).toEqual(before.snapshots);
    expect(await checksumTables(newDatabase)).toEqual(before.checksums);

    const verify = await cellar(['verify'], damagedPlan);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain(`workdir/${removed}: missing`);
  });

  it('refuses restore destinations that overlap the target it reads, before anything runs', async () => {
    const nested = join(root, 'nested');
    const inner = join(nested, 'backups');
    const overlapPlan = join(root, 'overlap-plan.yaml');
    const backupPart = planText.slice(0, planText.indexOf('\nrestore:\n')).replace('\ntargets:\n', `\ntargets:\n  inner:\n    path: ${inner}\n`);
    writeFileSync(overlapPlan, `${backupPart}\nrestore:\n  from: local\n  workingDir: ${nested}\n`);
    const backup = await cellar(['apply', '--target', 'inner', '--yes'], overlapPlan);
    expect(backup.code, backup.stderr).toBe(0);
    const snapshots = snapshotIds(inner);

    const plan = await cellar(['plan', '--restore', '--target', 'inner'], overlapPlan);
    expect(plan.code).toBe(1);
    expect(plan.stderr.trimEnd().split('\n')).toEqual([
      `cellar: refusing to restore into ${nested}: it overlaps the target ${inner} that the restore reads; restore into another folder`,
    ]);
    expect((await cellar(['apply', '--restore', '--target', 'inner', '--yes'], overlapPlan)).code).toBe(1);
    expect(snapshotIds(inner)).toEqual(snapshots);
  });

  it('undoes a restore into a folder and database holding an older installation with its safety snapshot', async () => {
    const olderPlan = planWith(
      'older-plan.yaml',
      `restore:
  from: local
  workingDir: ${older.workingDir}
  overrides:
    database: { name: ${older.database.name}, user: ${older.database.user}, password: { env: OLDER_DB_PASSWORD } }
`,
    );
    const previous = { files: treeState(older.workingDir), checksums: await checksumTables(older.database.name) };
    const apply = await cellar(['apply', '--restore', '--yes'], olderPlan);
    expect(apply.code, apply.stderr).toBe(0);
    const safety = snapshotIdInOutput.exec(apply.stdout)?.[1];
    expect(safety).toBeDefined();
    expect(changedPaths(originalState, treeState(older.workingDir))).toEqual(['pydio.json']);
    expect(await checksumTables(older.database.name)).toEqual(originalChecksums);

    const undo = await cellar(['apply', '--restore', '--snapshot', safety!, '--yes'], olderPlan);
    expect(undo.code, undo.stderr).toBe(0);
    expect(changedPaths(previous.files, treeState(older.workingDir))).toEqual([]);
    expect(await checksumTables(older.database.name)).toEqual(previous.checksums);
  });

  it('undoes a restore over the installation itself with its safety snapshot', async () => {
    const inPlacePlan = planWith('in-place-plan.yaml', 'restore:\n  from: local\n');
    const workingDir = install.workingDir;
    await touchFiles(install, 3);
    await changeRow(install);
    writeFileSync(join(workingDir, 'logs', 'added.log'), 'written after the backup\n');
    unlinkSync(join(workingDir, firstFile('data/pydiods1/')));
    chmodSync(join(workingDir, 'certs', 'local.pydio.pem'), 0o600);
    unlinkSync(join(workingDir, 'logs', 'config-link'));
    symlinkSync('pydio.log', join(workingDir, 'logs', 'config-link'));
    writeFileSync(join(workingDir, 'pydio.json'), originalConfig.replace('"A Vanila Setup"', '"Renamed since"'));
    const previous = { files: treeState(workingDir), checksums: await checksumTables(install.database.name) };

    const apply = await cellar(['apply', '--restore', '--yes'], inPlacePlan);
    expect(apply.code, apply.stderr).toBe(0);
    const safety = snapshotIdInOutput.exec(apply.stdout)?.[1];
    expect(safety).toBeDefined();
    expect(changedPaths(originalState, treeState(workingDir))).toEqual([]);
    expect(await checksumTables(install.database.name)).toEqual(originalChecksums);

    const undo = await cellar(['apply', '--restore', '--snapshot', safety!, '--yes'], inPlacePlan);
    expect(undo.code, undo.stderr).toBe(0);
    expect(changedPaths(previous.files, treeState(workingDir))).toEqual([]);
    expect(await checksumTables(install.database.name)).toEqual(previous.checksums);
  });

  it('resyncs a structured datasource restored without its .minio.sys, once Cells runs again', async () => {
    const other = join(root, 'without-minio-sys');
    const marks = join(root, 'resync.log');
    const fakeCells = join(root, 'fake-cells');
    writeFileSync(fakeCells, `#!/bin/sh\necho "$*" >> ${marks}\n`, { mode: 0o755 });
    const resyncPlan = join(root, 'resync-plan.yaml');
    const backupPart = planText
      .slice(0, planText.indexOf('\nrestore:\n'))
      .replace(/ {2}# service:\n.*\n.*\n.*\n/, `  service:\n    stop: [sh, -c, "echo stop >> ${marks}"]\n    start: [sh, -c, "echo start >> ${marks}"]\n`)
      .replace(/ {2}# binary: .*\n/, `  binary: ${fakeCells}\n`)
      .replace(/ {2}# exclude: .*\n/, '  exclude: [{ pattern: /data/.minio.sys/, force: true }]\n')
      .replace('\ntargets:\n', `\ntargets:\n  other:\n    path: ${other}\n`);
    writeFileSync(resyncPlan, `${backupPart}\nrestore:\n  from: other\n`);
    const backup = await cellar(['apply', '--target', 'other', '--yes'], resyncPlan);
    expect(backup.code, backup.stderr).toBe(0);
    rmSync(marks, { force: true });

    await touchFiles(install, 1);
    const plan = await cellar(['plan', '--restore', '--json'], resyncPlan);
    const document = JSON.parse(plan.stdout) as PlanDocument;
    expect(document.actions.map((action) => action.action).filter((action) => action !== 'restore-files')).toEqual([
      'stop-service',
      'safety-snapshot',
      'check-restore',
      'start-service',
      'resync-datasource',
    ]);
    expect(document.actions.at(-1)).toMatchObject({ address: 'datasource.cellsdata' });
    const apply = await cellar(['apply', '--restore', '--target', 'other', '--yes'], resyncPlan);
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(marks, 'utf8')).toBe('stop\nstart\nadmin datasource resync -d cellsdata\n');
    const again = await cellar(['plan', '--restore', '--detailed-exitcode'], resyncPlan);
    expect(again.code, again.stdout).toBe(0);
  });
});
