import { mkdir, mkdtemp, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseMysqlDsn } from '../../src/cells/dsn.js';
import { runCellar } from '../helpers/cli.js';

const fixturesDir = new URL('../fixtures/pydio/', import.meta.url);
const env = { HOME: '/nonexistent/home', CELLS_WORKING_DIR: '', CELLAR_PLAN: '' };

let root: string;
let workingDir: string;

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'cellar-init-')));
  workingDir = join(root, 'cells');
  await mkdir(join(workingDir, 'data'), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Copies a captured pydio.json into <root>/cells, its working-dir paths moved there. */
async function installFixture(name: string, edit: (text: string) => string = (text) => text): Promise<string> {
  const original = await readFile(new URL(name, fixturesDir), 'utf8');
  const text = edit(original.replaceAll(/\/home\/[a-z]+\/\.config\/pydio\/cells/g, workingDir));
  await writeFile(join(workingDir, 'pydio.json'), text);
  return text;
}

/** Every secret a pydio.json holds: DSN passwords, ApiSecret and ApiKey, OAuth secrets, secureKey. */
function secretsOf(text: string): { passwords: string[]; others: string[] } {
  const passwords: string[] = [];
  const others: string[] = [];
  const walk = (node: unknown, key: string): void => {
    if (typeof node === 'string') {
      if (/^(ApiSecret|ApiKey|secret|Secret|clientSecret|secureKey)$/.test(key) && node !== '') others.push(node);
      if (key === 'dsn' && node.includes('@')) {
        const password = parseMysqlDsn(node).password;
        if (password !== undefined && password !== '') passwords.push(password);
      }
    } else if (typeof node === 'object' && node !== null) {
      for (const [child, value] of Object.entries(node)) walk(value, child);
    }
  };
  walk(JSON.parse(text), '');
  return { passwords, others };
}

/** The plan's scalars with their dotted paths. */
function scalars(node: unknown, path = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null) return [[path, node]];
  return Object.entries(node).flatMap(([key, value]) => scalars(value, path === '' ? key : `${path}.${key}`));
}

const fixtureNames = (await readdir(fixturesDir)).filter((name) => name.endsWith('.json')).sort();

describe('cellar init on each captured pydio.json', () => {
  it.each(fixtureNames)('%s: writes a plan that validate accepts, with no secret in it or in the output', async (name) => {
    const config = await installFixture(name);
    const init = await runCellar(['init', '--working-dir', 'cells'], { cwd: root, env });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^wrote backup-plan\.yaml: \d+ datasources? \(/);
    expect(init.stdout).toContain('\nnext: ');

    const written = await readFile(join(root, 'backup-plan.yaml'), 'utf8');
    const validate = await runCellar(['validate'], { cwd: root, env });
    expect(validate).toEqual({ code: 0, stdout: expect.stringMatching(/^backup-plan\.yaml is valid: /) as string, stderr: '' });

    const plan: unknown = parse(written);
    expect(plan).toMatchObject({ cells: { workingDir }, targets: { local: { path: join(root, 'cellar-backups') } } });
    const { passwords, others } = secretsOf(config);
    const everything = [written, init.stdout, init.stderr, validate.stdout];
    for (const secret of others) for (const text of everything) expect(text).not.toContain(secret);
    // A password may spell the same as the user or the database name ("root", "cells"): those fields aside, it is nowhere.
    for (const password of passwords) {
      const holders = scalars(plan)
        .filter(([, value]) => value === password)
        .map(([path]) => path);
      expect(holders.every((path) => path === 'database.user' || path === 'database.name')).toBe(true);
      for (const text of everything) expect(text).not.toMatch(new RegExp(`:${password}@|password: ${password}\\b`));
    }
  });

  it.each(fixtureNames.filter((name) => name !== 'v2.1.0-urls-fragment.json'))('%s: a password spelt like nothing else appears nowhere', async (name) => {
    const sentinel = 'Sentinel-Pa55-word';
    await installFixture(name, (text) => text.replace(/"([^":]+):[^@"]*@tcp\(/, `"$1:${sentinel}@tcp(`));
    const init = await runCellar(['init', '--working-dir', workingDir], { cwd: root, env });
    expect(init.code).toBe(0);
    const written = await readFile(join(root, 'backup-plan.yaml'), 'utf8');
    expect(await readFile(join(workingDir, 'pydio.json'), 'utf8')).toContain(sentinel);
    for (const text of [written, init.stdout, init.stderr]) expect(text).not.toContain(sentinel);
  });
});

describe('cellar init', () => {
  it('refuses to overwrite a plan without --force, in one line', async () => {
    await installFixture('v4.0.0-dev.json');
    await writeFile(join(root, 'backup-plan.yaml'), '# mine\n');
    const refused = await runCellar(['init', '--working-dir', 'cells'], { cwd: root, env });
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cellar: backup-plan.yaml already exists; pass --force to overwrite it, or -o to write elsewhere\n',
    });
    expect(await readFile(join(root, 'backup-plan.yaml'), 'utf8')).toBe('# mine\n');

    const forced = await runCellar(['init', '--working-dir', 'cells', '--force'], { cwd: root, env });
    expect(forced.code).toBe(0);
    expect(await readFile(join(root, 'backup-plan.yaml'), 'utf8')).toContain('version: 1\n');
  });

  it('writes where -o says, to the target --target names, and says how to go on', async () => {
    await installFixture('v4.0.0-dev.json');
    await mkdir(join(root, 'etc'));
    const result = await runCellar(['init', '--working-dir', 'cells', '--target', '/nonexistent/backups', '-o', 'etc/cells.yaml'], { cwd: root, env });
    expect(result).toEqual({
      code: 0,
      stdout:
        'wrote etc/cells.yaml: 5 datasources (5 files), database cells on localhost:3306, 1 target (local)\n' +
        'next: read it (uncomment cells.service so that cellar can stop Cells), export CELLS_DB_PASSWORD, then run `cellar plan -f etc/cells.yaml`\n',
      stderr: '',
    });
    expect(parse(await readFile(join(root, 'etc', 'cells.yaml'), 'utf8'))).toMatchObject({ targets: { local: { path: '/nonexistent/backups' } } });
  });

  it('refuses a target inside the working dir and writes nothing', async () => {
    await installFixture('v4.0.0-dev.json');
    const result = await runCellar(['init', '--working-dir', 'cells', '--target', 'cells/backups'], { cwd: root, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `cellar: backup-plan.yaml was not written: the plan for ${workingDir} would not be valid\n` +
        `  backup-plan.yaml:36:11: targets.local.path (${workingDir}/backups) is inside the Cells working dir (${workingDir}): each backup would copy the ones before it, and a restore would delete them; keep snapshots in a folder of their own, e.g. ${root}/cellar-backups\n`,
    );
    await expect(readFile(join(root, 'backup-plan.yaml'))).rejects.toThrow(/ENOENT/);
  });

  it('says when the folder is not a Cells working dir', async () => {
    const result = await runCellar(['init', '--working-dir', 'cells'], { cwd: root, env });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `cellar: ${workingDir} holds no pydio.json, so it is not a Cells working dir; pass the folder that holds pydio.json\n`,
    });
  });
});
