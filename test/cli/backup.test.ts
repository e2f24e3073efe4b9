import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRow, createSampleInstall, touchFiles, type SampleInstall } from '../../demo/sample-install.js';
import { cellarBin, runCellar, type CliResult } from '../helpers/cli.js';

describe('backup: plan and apply on real rsync and MariaDB', () => {
  let root: string;
  let install: SampleInstall;
  let planFile: string;
  let target: string;
  let env: Record<string, string>;
  const cellar = (args: readonly string[], extraEnv: Record<string, string> = {}): Promise<CliResult> =>
    runCellar(['-f', planFile, ...args], { cwd: root, env: { ...env, ...extraEnv } });
  const snapshotIds = (): string[] =>
    readdirSync(join(target, 'snapshots'))
      .filter((name) => /^\d{8}T\d{6}Z$/.test(name))
      .sort();
  const manifestOf = (id: string): { database: { dumped: boolean; dump: string } } =>
    JSON.parse(readFileSync(join(target, 'snapshots', id, 'manifest.json'), 'utf8')) as { database: { dumped: boolean; dump: string } };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cellar-backup-'));
    install = await createSampleInstall({ root: join(root, 'site'), files: 400 });
    target = join(root, 'backups');
    planFile = join(root, 'backup-plan.yaml');
    env = { CELLS_DB_PASSWORD: install.database.password };
    const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', target, '-o', planFile], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
  });

  afterAll(async () => {
    await install.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('snapshots everything on the first apply', async () => {
    const plan = await cellar(['plan', '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('no snapshot yet');

    const apply = await cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/Apply complete: snapshot \d{8}T\d{6}Z written/);
    expect(snapshotIds()).toHaveLength(1);
    const id = snapshotIds()[0]!;
    const copied = statSync(join(target, 'snapshots', id, 'workdir', 'pydio.json'));
    expect(copied.isFile()).toBe(true);
    expect(manifestOf(id).database.dumped).toBe(true);
  });

  it('reports no changes right after, also under --detailed-exitcode', async () => {
    const plan = await cellar(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    const json = await cellar(['plan', '--json']);
    const document = JSON.parse(json.stdout) as { changes: boolean; actions: unknown[]; drift: unknown[] };
    expect(document).toMatchObject({ changes: false, actions: [], drift: [] });
  });

  it('plans exactly the touched files and copies only them; the rest are hard links', async () => {
    const touched = await touchFiles(install, 3);
    const plan = await cellar(['plan', '--json', '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    const document = JSON.parse(plan.stdout) as {
      drift: { address: string; files?: { added: number; modified: number; deleted: number }; paths?: { path: string }[] }[];
      actions: { action: string; address: string }[];
    };
    const fileDrift = document.drift.filter((drift) => drift.files);
    const modified = fileDrift.reduce((sum, drift) => sum + (drift.files?.modified ?? 0), 0);
    const addedOrDeleted = fileDrift.reduce((sum, drift) => sum + (drift.files?.added ?? 0) + (drift.files?.deleted ?? 0), 0);
    expect(modified).toBe(3);
    expect(addedOrDeleted).toBe(0);
    const planned = fileDrift.flatMap((drift) => (drift.paths ?? []).map((path) => `${drift.address}:${path.path}`));
    expect(planned).toHaveLength(3);
    expect(document.actions.some((action) => action.action === 'dump-database')).toBe(false);

    const [first] = snapshotIds();
    const apply = await cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    const second = snapshotIds()[1]!;
    const inode = (id: string, path: string): number => statSync(join(target, 'snapshots', id, 'workdir', path)).ino;
    for (const path of touched) expect(inode(second, path)).not.toBe(inode(first!, path));
    expect(inode(second, 'pydio.json')).toBe(inode(first!, 'pydio.json'));
    const untouched = install.datasources[0]!;
    const sample = readdirSync(untouched.folder).find(
      (name) => !touched.some((path) => path.endsWith(name)) && statSync(join(untouched.folder, name)).isFile(),
    );
    const relative = join('data', untouched.folder.split('/data/')[1]!, sample!);
    expect(inode(second, relative)).toBe(inode(first!, relative));

    const database = manifestOf(second).database;
    expect(database.dumped).toBe(false);
    expect(statSync(join(target, 'snapshots', second, database.dump)).ino).toBe(statSync(join(target, 'snapshots', first!, database.dump)).ino);
  });

  it('detects one changed row and dumps the database again', async () => {
    await changeRow(install);
    const plan = await cellar(['plan', '--json', '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    const document = JSON.parse(plan.stdout) as { drift: { address: string; database?: { tables: string[] } }[]; actions: { action: string }[] };
    const database = document.drift.find((drift) => drift.database);
    expect(database?.database?.tables).toEqual(['idm_roles']);
    expect(document.actions.map((action) => action.action)).toEqual(['dump-database', 'write-manifest']);
    const apply = await cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(manifestOf(snapshotIds().at(-1)!).database.dumped).toBe(true);
    expect((await cellar(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('refuses a saved plan that went stale', async () => {
    await touchFiles(install, 1);
    const saved = join(root, 'saved.json');
    expect((await cellar(['plan', '--out', saved])).code).toBe(0);
    await touchFiles(install, 2);
    const apply = await runCellar(['apply', saved, '--yes'], { cwd: root, env });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('saved plan is stale');

    expect((await cellar(['plan', '--out', saved])).code).toBe(0);
    const fresh = await runCellar(['apply', saved, '--yes'], { cwd: root, env });
    expect(fresh.code, fresh.stderr).toBe(0);
  });

  it('refuses a second apply while one holds the target', async () => {
    await touchFiles(install, 1);
    const holder = spawn('sleep', ['30']);
    try {
      const started = readFileSync(`/proc/${holder.pid!}/stat`, 'utf8');
      const processStart = started.slice(started.lastIndexOf(')') + 2).split(' ')[19];
      const record = {
        host: (await import('node:os')).hostname(),
        pid: holder.pid,
        processStart,
        started: new Date().toISOString(),
        command: 'apply',
        serviceStopped: false,
      };
      writeFileSync(join(target, 'cellar.lock'), JSON.stringify(record));
      const apply = await cellar(['apply', '--yes']);
      expect(apply.code).toBe(1);
      expect(apply.stderr).toMatch(new RegExp(`in use by cellar apply \\(pid ${holder.pid!}`));
      const plan = await cellar(['plan']);
      expect(plan.code).toBe(0);
      expect(plan.stdout).toContain(`cellar apply is running on this target (pid ${holder.pid!}`);
    } finally {
      holder.kill();
      rmSync(join(target, 'cellar.lock'), { force: true });
    }
  });

  it('starts Cells again when the dump fails after it was stopped, and leaves no snapshot', async () => {
    const marks = join(root, 'service.log');
    const servicePlan = join(root, 'service-plan.yaml');
    const text = readFileSync(planFile, 'utf8').replace(
      / {2}# service:\n.*\n.*\n.*\n/,
      `  service:\n    stop: [sh, -c, "echo stop >> ${marks}"]\n    start: [sh, -c, "echo start >> ${marks}"]\n    stopFor: always\n`,
    );
    writeFileSync(servicePlan, text);
    const fakeTools = join(root, 'fake-bin');
    mkdirSync(fakeTools, { recursive: true });
    for (const tool of ['mariadb-dump', 'mysqldump']) {
      writeFileSync(join(fakeTools, tool), '#!/bin/sh\necho "mysqldump: Got error: 2013: Lost connection to server during query" >&2\nexit 2\n');
      chmodSync(join(fakeTools, tool), 0o755);
    }
    await changeRow(install);
    await touchFiles(install, 1);
    const before = snapshotIds();
    const apply = await runCellar(['-f', servicePlan, 'apply', '--yes'], { cwd: root, env: { ...env, PATH: `${fakeTools}:${process.env.PATH ?? ''}` } });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('Lost connection to server during query');
    expect(apply.stderr).not.toContain('    at ');
    expect(readFileSync(marks, 'utf8')).toBe('stop\nstart\n');
    expect(snapshotIds()).toEqual(before);
  });

  it('never shows the database password: output, saved plan, child argv', async () => {
    const secret = install.database.password;
    await touchFiles(install, 2);
    await changeRow(install);
    const saved = join(root, 'secret-check.json');
    const outputs = [await cellar(['plan', '--json', '--out', saved]), await cellar(['plan', '--verbose'])];
    const seen = new Set<string>();
    const child = spawn(process.execPath, [cellarBin, '-f', planFile, 'apply', '--yes', '--verbose'], {
      cwd: root,
      env: { ...process.env, ...env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const done = new Promise<number>((resolve) =>
      child.on('close', (code) => {
        resolve(code ?? 1);
      }),
    );
    const state = { running: true };
    void done.then(() => (state.running = false));
    while (state.running) {
      for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
        try {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          seen.add(cmdline);
        } catch {
          // The process ended between listing and reading.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await done).toBe(0);
    expect([...seen].some((cmdline) => cmdline.includes('dump'))).toBe(true);
    for (const text of [...seen, output, readFileSync(saved, 'utf8'), ...outputs.flatMap((result) => [result.stdout, result.stderr])]) {
      expect(text).not.toContain(secret);
    }
  });

  it('fails validation when pydio.json gains an undeclared datasource', async () => {
    const configPath = join(install.workingDir, 'pydio.json');
    const original = readFileSync(configPath, 'utf8');
    try {
      const config = JSON.parse(original) as { services: Record<string, { sources?: string[] } & Record<string, unknown>> };
      config.services['pydio.grpc.data.sync']!.sources!.push('newds');
      config.services['pydio.grpc.data.sync.newds'] = { StorageConfiguration: { folder: join(install.workingDir, 'data', 'newds') } };
      writeFileSync(configPath, JSON.stringify(config, null, 2));
      for (const command of [['validate'], ['plan'], ['apply', '--yes']]) {
        const result = await cellar(command);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('newds');
      }
    } finally {
      writeFileSync(configPath, original);
    }
  });
});
