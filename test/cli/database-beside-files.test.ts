import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRow, touchFiles } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { checksumTables, dropDatabase, uniqueName } from '../helpers/mariadb.js';
import { createPlannedInstall, type PlannedInstall } from '../ops/support.js';

/**
 * Wrappers in front of rsync and the database clients that log when each run starts and ends,
 * then run the real tool; with `fail`, the dump or load client fails the way a dropped connection
 * does instead (a `--version` query always reaches the real client).
 */
async function loggingTools(folder: string, log: string, fail: boolean): Promise<string> {
  await mkdir(folder, { recursive: true });
  const wrap = (name: string, body: string): string =>
    `#!/bin/sh\nPATH="\${PATH#*:}"\necho "${name} start" >> '${log}'\n${body}\nstatus=$?\necho "${name} end" >> '${log}'\nexit $status\n`;
  const client = (tool: string, failing: string): string => `case "$1" in --version) exec ${tool} "$@";; esac\n${fail ? failing : `${tool} "$@"`}`;
  const dropped = 'echo "ERROR 2013 (HY000) at line 1: Lost connection to server during query" >&2; false';
  const tools: Record<string, string> = {
    rsync: wrap('rsync', 'rsync "$@"'),
    'mariadb-dump': wrap('dump', client('mariadb-dump', `sleep 0.2; ${dropped}`)),
    mysqldump: wrap('dump', client('mysqldump', `sleep 0.2; ${dropped}`)),
    mariadb: wrap('load', client('mariadb', `cat > /dev/null; ${dropped}`)),
    mysql: wrap('load', client('mysql', `cat > /dev/null; ${dropped}`)),
  };
  for (const [name, script] of Object.entries(tools)) {
    await writeFile(join(folder, name), script);
    await chmod(join(folder, name), 0o755);
  }
  return `${folder}:${process.env.PATH ?? ''}`;
}

const events = async (log: string): Promise<string[]> => (await readFile(log, 'utf8')).trim().split('\n');

describe('a backup with files and rows to save dumps the database beside the file copies', () => {
  let planned: PlannedInstall;

  beforeAll(async () => {
    planned = await createPlannedInstall('dump-beside', 300);
    const first = await planned.cellar(['apply', '--yes']);
    expect(first.code, first.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await planned.dispose();
  });

  it('starts the dump before the last copy ends, and records it in the snapshot', async () => {
    await touchFiles(planned.install, 20);
    await changeRow(planned.install);
    const log = join(planned.root, 'overlap.log');
    const path = await loggingTools(join(planned.root, 'logging-bin'), log, false);
    const apply = await planned.cellar(['apply', '--yes'], { PATH: path });
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('the database dump runs beside the file copies');
    const seen = await events(log);
    const dumpStart = seen.indexOf('dump start');
    expect(dumpStart).toBeGreaterThanOrEqual(0);
    expect(seen.lastIndexOf('rsync end')).toBeGreaterThan(dumpStart);
    const latest = (await planned.snapshots()).at(-1)!;
    const manifest = JSON.parse(await readFile(join(planned.target, 'snapshots', latest, 'manifest.json'), 'utf8')) as { database: { dumped: boolean } };
    expect(manifest.database.dumped).toBe(true);
    const verify = await planned.cellar(['verify', '--read-data']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 60_000);

  it('reports a dump that fails beside the copies as the apply error, and leaves no snapshot behind', async () => {
    await touchFiles(planned.install, 20);
    await changeRow(planned.install);
    const before = await readdir(join(planned.target, 'snapshots'));
    const log = join(planned.root, 'failing.log');
    const path = await loggingTools(join(planned.root, 'failing-bin'), log, true);
    const apply = await planned.cellar(['apply', '--yes'], { PATH: path });
    expect(apply.code).toBe(1);
    expect(apply.stderr.trimEnd().split('\n').at(-1)).toMatch(/^cellar: .*Lost connection to server during query/);
    expect(await readdir(join(planned.target, 'snapshots'))).toEqual(before);
    expect(await events(log)).toContain('rsync end');
    const retry = await planned.cellar(['apply', '--yes']);
    expect(retry.code, retry.stderr).toBe(0);
  }, 60_000);
});

describe('a restore loads the database beside the file copies', () => {
  let planned: PlannedInstall;
  const databases: string[] = [];

  beforeAll(async () => {
    planned = await createPlannedInstall('load-beside', 300);
    const backup = await planned.cellar(['apply', '--yes']);
    expect(backup.code, backup.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    for (const database of databases) await dropDatabase(database);
    await planned.dispose();
  });

  /** A plan that restores into a fresh folder and database of its own, named after `label`. */
  const restorePlan = async (label: string): Promise<{ readonly file: string; readonly database: string }> => {
    const database = uniqueName(`cellar_${label}`);
    databases.push(database);
    const file = join(planned.root, `${label}.yaml`);
    await writeFile(
      file,
      `${await readFile(planned.planFile, 'utf8')}
restore:
  from: local
  workingDir: ${join(planned.root, label)}
  database:
    admin: { user: root }
  overrides:
    database: { name: ${database} }
`,
    );
    return { file, database };
  };

  const restore = (plan: string, path: string): Promise<CliResult> =>
    runCellar(['-f', plan, 'apply', '--restore', '--yes', '--no-safety-snapshot'], { cwd: planned.root, env: { ...planned.env, PATH: path } });

  it('starts the load before the last copy ends, and the restored tables match the original', async () => {
    const plan = await restorePlan('beside');
    const log = join(planned.root, 'restore.log');
    const result = await restore(plan.file, await loggingTools(join(planned.root, 'restore-bin'), log, false));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('the database loads beside the file copies');
    const seen = await events(log);
    const loadStart = seen.indexOf('load start');
    expect(loadStart).toBeGreaterThanOrEqual(0);
    expect(seen.lastIndexOf('rsync end')).toBeGreaterThan(loadStart);
    expect(await checksumTables(plan.database)).toEqual(await checksumTables(planned.install.database.name));
    const again = await runCellar(['-f', plan.file, 'plan', '--restore', '--detailed-exitcode'], { cwd: planned.root, env: planned.env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 60_000);

  it('reports a load that fails beside the copies as the apply error, once the copies ended', async () => {
    const plan = await restorePlan('failing');
    const log = join(planned.root, 'failing.log');
    const result = await restore(plan.file, await loggingTools(join(planned.root, 'failing-bin'), log, true));
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(/^cellar: .*Lost connection to server during query/);
    const seen = await events(log);
    expect(seen.indexOf('load start')).toBeLessThan(seen.lastIndexOf('rsync end'));
  }, 60_000);
});
