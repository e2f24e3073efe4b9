import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { checksumTables, dropDatabase, uniqueName } from '../helpers/mariadb.js';
import { createTestInstall } from '../helpers/sample.js';
import { changedPaths, treeState } from '../helpers/tree-state.js';

type Json = Record<string, unknown>;

/*
 * A restore gives back exactly what a snapshot's lists record, or fails: damaged bytes, entries
 * added to a snapshot folder, list entries that lead outside their tree, lost owners.
 */
describe('restore: exactly what was backed up, or a failure', () => {
  let root: string;
  let install: SampleInstall;
  let planFile: string;
  let target: string;
  const databases: string[] = [];
  let restoreCount = 0;
  const cellar = (args: readonly string[], plan = planFile): Promise<CliResult> =>
    runCellar(['-f', plan, ...args], { cwd: root, env: { CELLS_DB_PASSWORD: install.database.password } });
  const snapshots = (): string[] =>
    readdirSync(join(target, 'snapshots'))
      .filter((name) => /^\d{8}T\d{6}Z$/.test(name))
      .sort();
  const snapshotPath = (id: string, ...parts: string[]): string => join(target, 'snapshots', id, ...parts);
  const readManifest = (id: string): Json => JSON.parse(readFileSync(snapshotPath(id, 'manifest.json'), 'utf8')) as Json;
  /** Rewrites a manifest as a forger who can write the target would: its digest recomputed. */
  const forgeManifest = (id: string, change: (manifest: Json) => void): void => {
    const body = readManifest(id);
    delete body.digest;
    change(body);
    const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    writeFileSync(snapshotPath(id, 'manifest.json'), `${JSON.stringify({ ...body, digest }, null, 2)}\n`);
  };
  /** A plan whose restore goes into a fresh folder and database. */
  const freshRestore = (): { plan: string; workingDir: string; database: string } => {
    restoreCount += 1;
    const workingDir = join(root, `restored-${restoreCount}`, 'cells');
    const database = uniqueName('cellar_integrity');
    databases.push(database);
    const plan = join(root, `restore-${restoreCount}.yaml`);
    writeFileSync(
      plan,
      `${readFileSync(planFile, 'utf8')}
restore:
  from: local
  workingDir: ${workingDir}
  database:
    admin: { user: root }
  overrides:
    database: { name: ${database} }
`,
    );
    return { plan, workingDir, database };
  };
  const firstDatasourceFile = (id: string): string => {
    const list = readFileSync(snapshotPath(id, 'lists', 'datasource.pydiods1.ndjson'), 'utf8').split('\n');
    const entry = list
      .map((line) => (line === '' ? undefined : (JSON.parse(line) as { p: string; t: string; s?: number })))
      .find((item) => item?.t === 'f' && (item.s ?? 0) > 0);
    return entry!.p;
  };

  beforeAll(async () => {
    install = await createTestInstall();
    root = realpathSync(mkdtempSync(join(tmpdir(), 'cellar-integrity-')));
    target = join(root, 'backups');
    planFile = join(root, 'backup-plan.yaml');
    const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', target, '-o', planFile], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
    const apply = await cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
  });

  afterAll(async () => {
    for (const database of databases) await dropDatabase(database);
    await install.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('fails on a flipped byte in a snapshot file, naming it, and leaves the destination marked incomplete', async () => {
    const id = snapshots().at(-1)!;
    const file = firstDatasourceFile(id);
    const copy = snapshotPath(id, 'workdir', 'data', 'pydiods1', file);
    const bytes = readFileSync(copy);
    bytes[0] = bytes[0]! ^ 0xff;
    const { mtime } = statSync(copy);
    writeFileSync(copy, bytes);
    // Same size and time: nothing but the content tells.
    utimesSync(copy, mtime, mtime);
    try {
      const { plan, workingDir } = freshRestore();
      const restore = await cellar(['apply', '--restore', '--yes'], plan);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain(`the restore did not give back what snapshot ${id} holds: 1 entry differs`);
      expect(restore.stderr).toContain(`${file}: its bytes differ from the snapshot's sha256`);
      expect(existsSync(join(workingDir, '.cellar-restore-incomplete'))).toBe(true);
      const again = await cellar(['plan', '--restore', '--json'], plan);
      const document = JSON.parse(again.stdout) as { warnings: string[] };
      expect(document.warnings.join('\n')).toContain(`a restore of snapshot ${id} into ${workingDir} did not complete`);
    } finally {
      bytes[0] = bytes[0] ^ 0xff;
      writeFileSync(copy, bytes);
      utimesSync(copy, mtime, mtime);
    }
  });

  it('in place: a failed restore keeps the safety snapshot whole, and no backup is taken of the half-restored installation', async () => {
    const id = snapshots().at(-1)!;
    const file = firstDatasourceFile(id);
    const live = join(install.workingDir, 'data', 'pydiods1', file);
    const liveBytes = readFileSync(live);
    writeFileSync(live, Buffer.concat([liveBytes, Buffer.from('changed since\n')]));
    const copy = snapshotPath(id, 'workdir', 'data', 'pydiods1', file);
    const original = readFileSync(copy);
    const { mtime } = statSync(copy);
    const flipped = Buffer.from(original);
    flipped[0] = flipped[0]! ^ 0xff;
    writeFileSync(copy, flipped);
    utimesSync(copy, mtime, mtime);
    const inPlace = join(root, 'in-place.yaml');
    writeFileSync(inPlace, `${readFileSync(planFile, 'utf8')}\nrestore:\n  from: local\n`);
    try {
      const before = snapshots();
      const restore = await cellar(['apply', '--restore', '--snapshot', id, '--yes'], inPlace);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain(`${file}: its bytes differ from the snapshot's sha256`);
      const safety = snapshots().filter((snapshot) => !before.includes(snapshot));
      expect(safety).toHaveLength(1);
      const verify = await cellar(['verify', '--snapshot', safety[0]!, '--read-data']);
      expect(verify.code, verify.stderr).toBe(0);

      const backup = await cellar(['apply', '--yes']);
      expect(backup.code).toBe(1);
      expect(backup.stdout + backup.stderr).toContain(`the working dir holds a restore of snapshot ${id} that did not complete`);

      const undo = await cellar(['apply', '--restore', '--snapshot', safety[0]!, '--yes'], inPlace);
      expect(undo.code, undo.stderr).toBe(0);
      expect(existsSync(join(install.workingDir, '.cellar-restore-incomplete'))).toBe(false);
      expect(readFileSync(live)).toEqual(Buffer.concat([liveBytes, Buffer.from('changed since\n')]));
    } finally {
      writeFileSync(copy, original);
      utimesSync(copy, mtime, mtime);
      writeFileSync(live, liveBytes);
    }
    const after = await cellar(['apply', '--yes']);
    expect(after.code, after.stderr).toBe(0);
  });

  it('refuses a saved restore plan whose snapshot was edited and its digest recomputed, naming the field', async () => {
    const [first] = snapshots();
    const { plan } = freshRestore();
    const out = join(root, 'saved-restore.json');
    const planned = await cellar(['plan', '--restore', '--snapshot', first!, '--out', out], plan);
    expect(planned.code, planned.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as Json & { plan: Json };
    delete saved.digest;
    saved.plan.snapshot = '20200101T000000Z';
    const digest = createHash('sha256').update(JSON.stringify(saved)).digest('hex');
    writeFileSync(out, JSON.stringify({ ...saved, digest }));
    const apply = await runCellar(['apply', out, '--yes'], { cwd: root, env: { CELLS_DB_PASSWORD: install.database.password } });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`saved plan is stale: it names snapshot 20200101T000000Z, but cellar now plans with ${first!}`);
  });

  it('leaves out an entry added to a snapshot folder, and verify names it', async () => {
    const id = snapshots().at(-1)!;
    const foreign = snapshotPath(id, 'workdir', 'data', 'pydiods1', 'planted.txt');
    writeFileSync(foreign, 'not backed up\n');
    try {
      const verify = await cellar(['verify', '--snapshot', id]);
      expect(verify.code).toBe(1);
      expect(verify.stderr).toContain('workdir/data/pydiods1/planted.txt: not in the file list');
      const { plan, workingDir } = freshRestore();
      const restore = await cellar(['apply', '--restore', '--yes'], plan);
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stdout).toContain('the restore leaves them out');
      expect(existsSync(join(workingDir, 'data', 'pydiods1', 'planted.txt'))).toBe(false);
      expect(changedPaths(treeState(install.workingDir), treeState(workingDir, { skip: ['pydio.json'] })).filter((path) => path !== 'pydio.json')).toEqual([]);
    } finally {
      rmSync(foreign);
    }
  });

  it.each([
    ['a parent folder', '../../../../escaped.txt'],
    ['an absolute path', '/tmp/escaped.txt'],
  ])('refuses a list entry naming %s, even with every digest recomputed', async (_name, path) => {
    const id = snapshots().at(-1)!;
    const listFile = snapshotPath(id, 'lists', 'datasource.pydiods1.ndjson');
    const original = readFileSync(listFile);
    const planted = Buffer.concat([original, Buffer.from(`${JSON.stringify({ p: path, t: 'f', o: 420, m: 1, u: 0, g: 0, s: 1, h: '0'.repeat(64) })}\n`)]);
    writeFileSync(listFile, planted);
    const manifest = readFileSync(snapshotPath(id, 'manifest.json'));
    forgeManifest(id, (body) => {
      const tree = (body.trees as Json[]).find((candidate) => candidate.id === 'datasource.pydiods1')!;
      tree.sha256 = createHash('sha256').update(planted).digest('hex');
    });
    try {
      const verify = await cellar(['verify', '--snapshot', id, '--read-data']);
      expect(verify.code).toBe(1);
      expect(verify.stderr).toContain('which is not a path inside its tree');
      const { plan } = freshRestore();
      const restore = await cellar(['apply', '--restore', '--yes'], plan);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(/damaged/);
      expect(existsSync(join(root, 'escaped.txt'))).toBe(false);
      expect(existsSync('/tmp/escaped.txt')).toBe(false);
    } finally {
      writeFileSync(listFile, original);
      writeFileSync(snapshotPath(id, 'manifest.json'), manifest);
    }
  });

  it('counts an owner change as drift and gives every entry its owner, group, mode and times back', async () => {
    execFileSync('chown', ['-R', '1000:1000', install.workingDir]);
    const plan = await cellar(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/~ config/);
    const apply = await cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    const id = snapshots().at(-1)!;
    expect(lstatSync(snapshotPath(id, 'workdir', 'pydio.json')).uid).toBe(1000);
    const live = treeState(install.workingDir, { metadata: true });
    const checksums = await checksumTables(install.database.name);

    const { plan: restorePlan, workingDir, database } = freshRestore();
    const restore = await cellar(['apply', '--restore', '--yes'], restorePlan);
    expect(restore.code, restore.stderr).toBe(0);
    const restored = treeState(workingDir, { metadata: true });
    // pydio.json is rewritten with the new database name; everything else comes back as it was.
    expect(changedPaths(live, restored)).toEqual(['pydio.json']);
    expect(lstatSync(join(workingDir, 'pydio.json')).uid).toBe(1000);
    expect(await checksumTables(database)).toEqual(checksums);
  });

  it('gives files their owner by name on a host that numbers that user and group otherwise', async () => {
    const name = `cellar${Math.floor(Math.random() * 1e6)}`;
    const run = (argv: string[]): void => {
      execFileSync(argv[0]!, argv.slice(1));
    };
    run(['groupadd', '-g', '47001', name]);
    run(['useradd', '-u', '47001', '-g', name, '-M', '-N', '-s', '/usr/sbin/nologin', name]);
    try {
      const owned = join(install.workingDir, 'logs', 'owned-by-name.log');
      writeFileSync(owned, 'kept by its owner\n');
      chownSync(owned, 47001, 47001);
      const apply = await cellar(['apply', '--yes']);
      expect(apply.code, apply.stderr).toBe(0);
      // The same names on "another host": other numbers.
      run(['usermod', '-u', '47002', name]);
      run(['groupmod', '-g', '47003', name]);
      const { plan, workingDir } = freshRestore();
      const planned = await cellar(['plan', '--restore'], plan);
      expect(planned.stdout).toContain(`the snapshot's user ${name} is id 47001 there and 47002 here: its files are given 47002`);
      expect(planned.stdout).toContain(`the snapshot's group ${name} is id 47001 there and 47003 here`);
      const restore = await cellar(['apply', '--restore', '--yes'], plan);
      expect(restore.code, restore.stderr).toBe(0);
      const restored = lstatSync(join(workingDir, 'logs', 'owned-by-name.log'));
      expect([restored.uid, restored.gid]).toEqual([47002, 47003]);
    } finally {
      run(['userdel', name]);
      spawnSync('groupdel', [name]);
    }
  });
});
