import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRow, touchFiles } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { createPlannedInstall, type PlannedInstall } from './support.js';

const docsFile = fileURLToPath(new URL('../../docs/operations.md', import.meta.url));

type HookName = 'before' | 'after' | 'onSuccess' | 'onFailure';

/** What one hook saw: its name and every CELLAR_* variable of its environment. */
interface HookCall {
  readonly hook: HookName;
  readonly env: Record<string, string>;
}

// A hook that appends its name and CELLAR_* variables to a log, then exits with the code it is given.
const recorder = [
  "const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('CELLAR_')));",
  "require('node:fs').appendFileSync(process.argv[1], JSON.stringify({ hook: process.argv[2], env }) + '\\n');",
  'process.exit(Number(process.argv[3]));',
].join(' ');

describe('hooks around cellar apply', () => {
  let planned: PlannedInstall;
  let runs = 0;

  beforeAll(async () => {
    planned = await createPlannedInstall('hooks');
  }, 120_000);

  afterAll(async () => {
    await planned.dispose();
  });

  /** Runs `cellar apply --yes` with a copy of the plan that ends with `hooksYaml`. */
  async function applyWith(hooksYaml: string, env: Record<string, string> = {}): Promise<CliResult> {
    runs += 1;
    const plan = join(planned.root, `hooks-${runs}.yaml`);
    await writeFile(plan, `${await readFile(planned.planFile, 'utf8')}\n${hooksYaml}`);
    return runCellar(['-f', plan, 'apply', '--yes'], { cwd: planned.root, env: { ...planned.env, ...env } });
  }

  /**
   * Applies with hooks that record their calls (each exiting with the code given, 0 unless told;
   * a string is a program that does not exist), and returns the result and the calls in order.
   */
  async function applyWithHooks(
    exitCodes: Partial<Record<HookName, number | string>> = {},
    env: Record<string, string> = {},
  ): Promise<{ result: CliResult; calls: HookCall[] }> {
    const log = join(planned.root, `hooks-${runs + 1}.log`);
    const hook = (name: HookName): string => {
      const code = exitCodes[name] ?? 0;
      return JSON.stringify(typeof code === 'string' ? [code] : [process.execPath, '-e', recorder, log, name, String(code)]);
    };
    const hooks = (['before', 'after', 'onSuccess', 'onFailure'] as const).map((name) => `  ${name}: ${hook(name)}\n`).join('');
    const result = await applyWith(`hooks:\n${hooks}`, env);
    const text = await readFile(log, 'utf8').catch(() => '');
    const calls = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as HookCall);
    return { result, calls };
  }

  /** The counts `cellar plan --json` gives for what apply is about to do. */
  async function plannedCounts(): Promise<{ actions: string; files: string; bytes: string }> {
    const plan = await planned.cellar(['plan', '--json']);
    const document = JSON.parse(plan.stdout) as {
      actions: unknown[];
      drift: { files?: { added: number; modified: number; deleted: number; bytes: number } }[];
    };
    const files = document.drift.reduce((sum, drift) => sum + (drift.files ? drift.files.added + drift.files.modified + drift.files.deleted : 0), 0);
    const bytes = document.drift.reduce((sum, drift) => sum + (drift.files?.bytes ?? 0), 0);
    return { actions: String(document.actions.length), files: String(files), bytes: String(bytes) };
  }

  /** A folder whose mariadb-dump and mysqldump fail the way a dropped connection does. */
  async function failingDumpTools(): Promise<string> {
    const folder = join(planned.root, 'fake-bin');
    await mkdir(folder, { recursive: true });
    for (const tool of ['mariadb-dump', 'mysqldump']) {
      await writeFile(join(folder, tool), '#!/bin/sh\necho "mysqldump: Got error: 2013: Lost connection to server during query" >&2\nexit 2\n');
      await chmod(join(folder, tool), 0o755);
    }
    return `${folder}:${process.env.PATH ?? ''}`;
  }

  it('runs before, then onSuccess and after with the new snapshot and the counts of the plan', async () => {
    const counts = await plannedCounts();
    const { result, calls } = await applyWithHooks();
    expect(result.code, result.stderr).toBe(0);
    const snapshot = (await planned.snapshots()).at(-1)!;
    const common = {
      CELLAR_MODE: 'backup',
      CELLAR_TARGET: 'local',
      CELLAR_ACTIONS: counts.actions,
      CELLAR_CHANGED_FILES: counts.files,
      CELLAR_CHANGED_BYTES: counts.bytes,
      CELLAR_DATABASE_CHANGED: '1',
      CELLAR_ERROR: '',
    };
    expect(calls).toEqual([
      { hook: 'before', env: { ...common, CELLAR_OUTCOME: 'pending', CELLAR_SNAPSHOT: '' } },
      { hook: 'onSuccess', env: { ...common, CELLAR_OUTCOME: 'success', CELLAR_SNAPSHOT: snapshot } },
      { hook: 'after', env: { ...common, CELLAR_OUTCOME: 'success', CELLAR_SNAPSHOT: snapshot } },
    ]);
    expect(Number(counts.files)).toBeGreaterThan(0);
  });

  it('says the database did not change when only files did, and gives no snapshot when nothing changed', async () => {
    await touchFiles(planned.install, 3);
    const filesOnly = await applyWithHooks();
    expect(filesOnly.result.code, filesOnly.result.stderr).toBe(0);
    expect(filesOnly.calls.find((call) => call.hook === 'onSuccess')?.env).toMatchObject({
      CELLAR_CHANGED_FILES: '3',
      CELLAR_DATABASE_CHANGED: '0',
      CELLAR_SNAPSHOT: (await planned.snapshots()).at(-1),
    });

    const nothing = await applyWithHooks();
    expect(nothing.result.code, nothing.result.stderr).toBe(0);
    expect(nothing.result.stdout).toContain('No changes.');
    expect(nothing.calls.map((call) => [call.hook, call.env.CELLAR_OUTCOME, call.env.CELLAR_SNAPSHOT, call.env.CELLAR_ACTIONS])).toEqual([
      ['before', 'pending', '', '0'],
      ['onSuccess', 'success', '', '0'],
      ['after', 'success', '', '0'],
    ]);
  });

  it('runs onFailure and after with CELLAR_ERROR when the backup fails, and writes no snapshot', async () => {
    await changeRow(planned.install);
    await touchFiles(planned.install, 1);
    const before = await planned.snapshots();
    const { result, calls } = await applyWithHooks({}, { PATH: await failingDumpTools() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Lost connection to server during query');
    expect(await planned.snapshots()).toEqual(before);
    expect(calls.map((call) => [call.hook, call.env.CELLAR_OUTCOME, call.env.CELLAR_SNAPSHOT])).toEqual([
      ['before', 'pending', ''],
      ['onFailure', 'failure', ''],
      ['after', 'failure', ''],
    ]);
    for (const call of calls.slice(1)) {
      expect(call.env.CELLAR_ERROR).toContain('Lost connection to server during query');
      expect(call.env.CELLAR_DATABASE_CHANGED).toBe('1');
    }
  });

  it('runs the healthchecks and mail examples of docs/operations.md as written', async () => {
    const examples = [...(await readFile(docsFile, 'utf8')).matchAll(/```yaml\n(hooks:\n[^`]*)```/g)].map((match) => match[1]!);
    expect(examples).toHaveLength(2);
    const [healthchecks, mail] = examples as [string, string];
    // curl and mail stand-ins that log their arguments and what they read.
    const log = join(planned.root, 'tools.log');
    const tools = join(planned.root, 'tools');
    await mkdir(tools, { recursive: true });
    for (const tool of ['curl', 'mail']) {
      const body = tool === 'mail' ? "require('node:fs').readFileSync(0, 'utf8')" : "''";
      await writeFile(
        join(tools, tool),
        `#!${process.execPath}\nrequire('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({ tool: ${JSON.stringify(tool)}, argv: process.argv.slice(2), stdin: ${body} }) + '\\n');\n`,
      );
      await chmod(join(tools, tool), 0o755);
    }
    const calls = async (): Promise<{ tool: string; argv: string[]; stdin: string }[]> => {
      const lines = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
      await writeFile(log, '');
      return lines.map((line) => JSON.parse(line) as { tool: string; argv: string[]; stdin: string });
    };
    const ping = ['-fsS', '-m', '10', '--retry', '3'];

    await touchFiles(planned.install, 1);
    expect((await applyWith(healthchecks, { PATH: `${tools}:${process.env.PATH ?? ''}` })).code).toBe(0);
    expect(await calls()).toEqual([
      { tool: 'curl', argv: [...ping, 'https://hc-ping.com/YOUR-UUID/start'], stdin: '' },
      { tool: 'curl', argv: [...ping, 'https://hc-ping.com/YOUR-UUID'], stdin: '' },
    ]);

    await changeRow(planned.install);
    const failingPath = `${tools}:${await failingDumpTools()}`;
    expect((await applyWith(healthchecks, { PATH: failingPath })).code).toBe(1);
    const [start, fail] = await calls();
    expect(start?.argv.at(-1)).toBe('https://hc-ping.com/YOUR-UUID/start');
    expect(fail?.argv.slice(0, -2)).toEqual([...ping, '--data-raw']);
    expect(fail?.argv.at(-2)).toContain('Lost connection to server during query');
    expect(fail?.argv.at(-1)).toBe('https://hc-ping.com/YOUR-UUID/fail');

    expect((await applyWith(mail, { PATH: failingPath })).code).toBe(1);
    const [sent] = await calls();
    expect(sent?.argv).toEqual(['-s', 'cellar: backup failed', 'ops@example.com']);
    expect(sent?.stdin).toMatch(/^cellar backup of \S+ failed:\n\n.*Lost connection to server during query.*\n$/s);
  });

  it('reports a failing hook and keeps the exit code of the apply itself', async () => {
    const succeeded = await applyWithHooks({ before: 3, onSuccess: '/nonexistent/notify', after: 4 });
    expect(succeeded.result.code, succeeded.result.stderr).toBe(0);
    expect(succeeded.calls.map((call) => call.hook)).toEqual(['before', 'after']);
    expect(succeeded.result.stderr).toMatch(/hooks\.before: .* exited with 3: .*\(the apply's own result is unaffected\)/);
    expect(succeeded.result.stderr).toMatch(/hooks\.onSuccess: \/nonexistent\/notify was not found.*\(the apply's own result is unaffected\)/);
    expect(succeeded.result.stderr).toMatch(/hooks\.after: .* exited with 4: .*\(the apply's own result is unaffected\)/);

    await touchFiles(planned.install, 1);
    const before = await planned.snapshots();
    const withHooks = await applyWithHooks({ before: 3, onSuccess: 3, after: 3 });
    expect(withHooks.result.code, withHooks.result.stderr).toBe(0);
    expect(await planned.snapshots()).toHaveLength(before.length + 1);

    await changeRow(planned.install);
    const failed = await applyWithHooks({ onFailure: 5, after: '/nonexistent/cleanup' }, { PATH: await failingDumpTools() });
    expect(failed.result.code).toBe(1);
    expect(failed.calls.map((call) => call.hook)).toEqual(['before', 'onFailure']);
    expect(failed.result.stderr).toMatch(/hooks\.onFailure: .* exited with 5/);
    expect(failed.result.stderr.trimEnd().split('\n').at(-1)).toContain('Lost connection to server during query');
  });
});

describe('hooks and a failure before apply carries anything out', () => {
  it('runs onFailure and after when the plan cannot be made (here: the database refuses the password)', async () => {
    const planned = await createPlannedInstall('hooks-early');
    try {
      const log = join(planned.root, 'hooks.log');
      const hook = (name: string): string => JSON.stringify([process.execPath, '-e', recorder, log, name, '0']);
      const plan = join(planned.root, 'hooks.yaml');
      await writeFile(
        plan,
        `${await readFile(planned.planFile, 'utf8')}\nhooks:\n  before: ${hook('before')}\n  onFailure: ${hook('onFailure')}\n  after: ${hook('after')}\n`,
      );
      const result = await runCellar(['-f', plan, 'apply', '--yes'], { cwd: planned.root, env: { CELLS_DB_PASSWORD: 'not-the-password' } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('(access denied); check the user, and the password read from the environment variable CELLS_DB_PASSWORD');
      const calls = (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as HookCall);
      expect(calls.map((call) => call.hook)).toEqual(['onFailure', 'after']);
      expect(calls[0]?.env).toMatchObject({ CELLAR_OUTCOME: 'failure', CELLAR_ACTIONS: '', CELLAR_CHANGED_FILES: '', CELLAR_MODE: 'backup' });
      expect(calls[0]?.env.CELLAR_ERROR).toContain('access denied');
    } finally {
      await planned.dispose();
    }
  });

  it('runs no hook when the plan file itself is invalid (its hooks are unknown)', async () => {
    const planned = await createPlannedInstall('hooks-invalid');
    try {
      const log = join(planned.root, 'hooks.log');
      const hook = JSON.stringify([process.execPath, '-e', recorder, log, 'before', '0']);
      const plan = join(planned.root, 'hooks.yaml');
      await writeFile(plan, `${await readFile(planned.planFile, 'utf8')}\nhooks:\n  before: ${hook}\n  bogus: true\n`);
      const result = await runCellar(['-f', plan, 'apply', '--yes'], { cwd: planned.root, env: planned.env });
      expect(result.code).toBe(1);
      await expect(readFile(log, 'utf8')).rejects.toThrow('ENOENT');
    } finally {
      await planned.dispose();
    }
  });

  it("keeps the plan's secret variables out of the hooks' environment", async () => {
    const planned = await createPlannedInstall('hooks-secret');
    try {
      const log = join(planned.root, 'env.log');
      const dump = "require('node:fs').writeFileSync(process.argv[1], JSON.stringify(process.env))";
      const plan = join(planned.root, 'hooks.yaml');
      await writeFile(plan, `${await readFile(planned.planFile, 'utf8')}\nhooks:\n  after: ${JSON.stringify([process.execPath, '-e', dump, log])}\n`);
      const result = await runCellar(['-f', plan, 'apply', '--yes'], { cwd: planned.root, env: { ...planned.env, UNRELATED: 'kept' } });
      expect(result.code, result.stderr).toBe(0);
      const env = JSON.parse(await readFile(log, 'utf8')) as Record<string, string>;
      expect(env.CELLS_DB_PASSWORD).toBeUndefined();
      expect(env.UNRELATED).toBe('kept');
      expect(env.CELLAR_OUTCOME).toBe('success');
    } finally {
      await planned.dispose();
    }
  });
});
