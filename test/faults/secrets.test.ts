/**
 * Secrets never leak: with a known database password and the ApiSecret, secureKey and vault
 * values of pydio.json, every command in every mode (with and without --verbose, failing ones
 * included) keeps them off stdout, stderr, --json, saved plans, target files and every child
 * process's argv (sampled from /proc while apply runs); no option file holding the password is
 * ever left on disk. What cellar writes is private: folders 0700, files 0600.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRow, touchFiles } from '../../demo/sample-install.js';
import type { CliResult } from '../helpers/cli.js';
import { dropDatabase } from '../helpers/mariadb.js';
import { createSite, runInProcess, sampleCommandLines, startCellar, type Lane, type Site } from './support.js';

const password = `Kn0wn-Pa55-${Date.now().toString(36)}`;

/** Every value of pydio.json and the vault files that must stay secret. */
function secretsOf(workingDir: string): string[] {
  const config = readFileSync(join(workingDir, 'pydio.json'), 'utf8');
  const values = [...config.matchAll(/"(?:ApiSecret|secureKey)":\s*"([^"]+)"/g)].map((match) => match[1]!);
  const vault = JSON.parse(readFileSync(join(workingDir, 'pydio-vault.json'), 'utf8')) as Record<string, string>;
  return [...new Set([password, ...values, ...Object.values(vault), readFileSync(join(workingDir, 'cells-vault-key'), 'utf8').trim()])];
}

describe('secrets: never shown, never in argv, never left on disk', () => {
  let site: Site;
  let lane: Lane;
  let secrets: string[];
  const seen: { readonly what: string; readonly text: string }[] = [];
  const allCommandLines: string[] = [];
  const restoredDatabase = (): string => `${site.install.database.name}_r`;

  beforeAll(async () => {
    site = await createSite('secrets', { password });
    secrets = secretsOf(site.install.workingDir);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const restore = [
      'restore:',
      '  from: local',
      '  database: { admin: { user: root } }',
      '  overrides:',
      '    publicUrl: https://files.example.com',
      `    paths: { ${JSON.stringify(join(site.install.workingDir, 'data'))}: ${JSON.stringify(join(site.root, 'elsewhere', 'data'))} }`,
      `    database: { name: ${restoredDatabase()}, password: { env: NEW_DB_PASSWORD } }`,
    ].join('\n');
    lane = site.lane('main', { service: true, extra: restore });
  }, 120_000);

  afterAll(async () => {
    await dropDatabase(restoredDatabase());
    await site.dispose();
  });

  const env = (): Record<string, string> => ({ ...lane.env, NEW_DB_PASSWORD: password });
  const record = (what: string, result: CliResult): CliResult => {
    seen.push({ what: `${what} stdout`, text: result.stdout }, { what: `${what} stderr`, text: result.stderr });
    return result;
  };
  /** Read-only commands run in-process; the ones that act run as real processes, sampled. */
  const check = async (args: readonly string[]): Promise<CliResult> =>
    record(args.join(' '), await runInProcess(['-f', lane.planFile, ...args], { cwd: lane.root, env: { ...process.env, NO_COLOR: '1', ...env() } }));
  const act = async (args: readonly string[]): Promise<CliResult> => {
    const run = startCellar(['-f', lane.planFile, ...args], lane.root, env());
    const commandLines = await sampleCommandLines(run.child.pid ?? 0, run.done);
    const tmpFiles = readdirSync(lane.tmp);
    seen.push({ what: `argv during ${args.join(' ')}`, text: commandLines.join('\n') }, { what: 'TMPDIR after', text: tmpFiles.join('\n') });
    allCommandLines.push(...commandLines);
    for (const line of commandLines.filter((candidate) => candidate.includes('--defaults-extra-file='))) {
      expect(line, 'the option file reaches the client on a descriptor, not by a path on disk').toContain('--defaults-extra-file=/dev/fd/3 ');
    }
    expect(tmpFiles, 'no option file left behind').toEqual([]);
    return record(args.join(' '), await run.done);
  };

  it('init, validate, plan (text, --json, --out) and plan --restore, with and without --verbose', async () => {
    const init = await runInProcess(
      ['init', '--working-dir', site.install.workingDir, '--target', join(site.root, 'other-target'), '-o', join(lane.root, 'init-plan.yaml')],
      { cwd: lane.root, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(record('init', init).code, init.stderr).toBe(0);
    seen.push({ what: 'the plan init wrote', text: readFileSync(join(lane.root, 'init-plan.yaml'), 'utf8') });
    for (const verbose of [[], ['--verbose']]) {
      expect((await check(['validate', ...verbose])).code).toBe(0);
      expect((await check(['plan', ...verbose])).code).toBe(0);
      expect((await check(['plan', '--json', ...verbose])).code).toBe(0);
      expect((await check(['plan', '--out', join(lane.root, `saved${verbose.length}.json`), ...verbose])).code).toBe(0);
    }
  });

  it('apply (text and --json, and a saved plan), with /proc sampled', async () => {
    expect((await act(['apply', '--yes', '--verbose'])).code).toBe(0);
    await touchFiles(site.install, 2);
    await changeRow(site.install);
    expect((await act(['apply', '--yes', '--json'])).code).toBe(0);
    await touchFiles(site.install, 1);
    const saved = join(lane.root, 'saved-apply.json');
    expect((await check(['plan', '--out', saved, '--json'])).code).toBe(0);
    seen.push({ what: 'saved plan', text: readFileSync(saved, 'utf8') });
    const applied = await act(['apply', saved, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
  });

  it('snapshots, verify and plan --restore in every mode', async () => {
    for (const verbose of [[], ['--verbose']]) {
      for (const args of [
        ['snapshots'],
        ['snapshots', '--json'],
        ['verify'],
        ['verify', '--read-data', '--json'],
        ['plan', '--restore'],
        ['plan', '--restore', '--json'],
      ]) {
        const result = await check([...args, ...verbose]);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      }
    }
    const restorePlan = seen.find((entry) => entry.what === 'plan --restore stdout')!.text;
    expect(restorePlan, 'the restore plan shows its pydio.json diff, masked').toContain('(sensitive)');
    const saved = join(lane.root, 'saved-restore.json');
    expect((await check(['plan', '--restore', '--out', saved])).code).toBe(0);
    seen.push({ what: 'saved restore plan', text: readFileSync(saved, 'utf8') });
  });

  it('apply --restore, with /proc sampled', async () => {
    const result = await act(['apply', '--restore', '--yes', '--verbose']);
    expect(result.code, result.stderr).toBe(0);
  });

  it('failures, with --verbose stack traces: a wrong password, a database that is gone', async () => {
    const wrong = await runInProcess(['-f', lane.planFile, 'plan', '--verbose'], {
      cwd: lane.root,
      env: { ...process.env, ...env(), CELLS_DB_PASSWORD: `${password}-wrong` },
    });
    expect(record('plan with a wrong password', wrong).code).toBe(1);
    const run = startCellar(['-f', lane.planFile, 'apply', '--yes', '--verbose'], lane.root, { ...env(), CELLS_DB_PASSWORD: `${password}x` });
    expect(record('apply with a wrong password', await run.done).code).toBe(1);
  });

  it('none of it holds a secret', () => {
    expect(seen.length).toBeGreaterThan(40);
    // The sampling saw the tools that handle the secret: the dump and load clients, and rsync.
    for (const tool of [/\bmariadb-dump\b|\bmysqldump\b/, /\bmariadb --defaults|\bmysql --defaults/, /\brsync\b/]) {
      expect(
        allCommandLines.some((line) => tool.test(line)),
        String(tool),
      ).toBe(true);
    }
    for (const { what, text } of seen) {
      for (const secret of secrets) expect(text.includes(secret), `${what} shows a secret`).toBe(false);
    }
  });

  it('what cellar writes in the target holds no secret but the copies themselves, and is private', () => {
    const target = lane.target;
    const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
    expect(mode(target)).toBe('700');
    expect(mode(join(target, 'snapshots'))).toBe('700');
    expect(mode(join(target, 'cellar-target.json'))).toBe('600');
    for (const id of lane.snapshotIds()) {
      const folder = join(target, 'snapshots', id);
      expect(mode(folder)).toBe('700');
      expect(mode(join(folder, 'manifest.json'))).toBe('600');
      const manifest = readFileSync(join(folder, 'manifest.json'), 'utf8');
      for (const secret of secrets) expect(manifest.includes(secret), `manifest ${id}`).toBe(false);
      for (const name of readdirSync(join(folder, 'lists'))) {
        expect(mode(join(folder, 'lists', name))).toBe('600');
        const list = readFileSync(join(folder, 'lists', name), 'utf8');
        for (const secret of secrets) expect(list.includes(secret), `list ${name}`).toBe(false);
      }
      expect(mode(join(folder, 'lists'))).toBe('700');
      const dumps = [
        ...(readdirSync(folder).includes('database') ? readdirSync(join(folder, 'database')).map((name) => join(folder, 'database', name)) : []),
        ...(readdirSync(folder).includes('datasources')
          ? readdirSync(join(folder, 'datasources')).map((name) => join(folder, 'datasources', name, 'index.sql.gz'))
          : []),
      ];
      for (const dump of dumps) {
        expect(mode(dump), dump).toBe('600');
        expect(mode(join(dump, '..'))).toBe('700');
      }
    }
    for (const saved of ['saved0.json', 'saved1.json', 'saved-apply.json', 'saved-restore.json']) expect(mode(join(lane.root, saved))).toBe('600');
  });
});
