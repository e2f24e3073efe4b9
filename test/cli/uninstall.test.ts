import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleInstall, touchFiles, type SampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { databaseExists, uniqueName } from '../helpers/mariadb.js';
import { changedPaths, treeState } from '../helpers/tree-state.js';

interface PlanDocument {
  readonly actions: readonly { readonly action: string; readonly address: string }[];
  readonly blocked: string | null;
  readonly warnings: readonly string[];
}

interface BackedUp {
  readonly install: SampleInstall;
  /** The working dir's parent, the `pydio` folder. */
  readonly parent: string;
  readonly cellar: (args: readonly string[]) => Promise<CliResult>;
  /** Runs cellar as on a terminal, answering its question with `answer`; the questions asked are returned too. */
  readonly onTerminal: (args: readonly string[], answer: string) => Promise<CliResult & { readonly questions: readonly string[] }>;
  readonly dispose: () => Promise<void>;
}

/**
 * A backed-up sample installation in `<root>/pydio/cells`, with the Cells Sync client's folder
 * beside it and a file of its own in the parent `pydio` folder.
 */
async function backedUpInstall(prefix: string): Promise<BackedUp> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const removeRoot = (): void => {
    rmSync(root, { recursive: true, force: true });
  };
  const install = await createSampleInstall({ root: join(root, 'pydio'), files: 80, database: uniqueName('cellar_uninstall') }).catch((error: unknown) => {
    removeRoot();
    throw error;
  });
  const dispose = async (): Promise<void> => {
    await install.dispose();
    removeRoot();
  };
  try {
    return await prepare(root, install, dispose);
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** The Cells Sync folder and a file beside the working dir, a plan from `cellar init`, and a first backup. */
async function prepare(root: string, install: SampleInstall, dispose: () => Promise<void>): Promise<BackedUp> {
  const parent = join(root, 'pydio');
  mkdirSync(join(parent, 'cells-sync', 'config'), { recursive: true });
  writeFileSync(join(parent, 'cells-sync', 'config', 'sync.json'), '{"tasks":[]}\n');
  writeFileSync(join(parent, 'cells-sync', 'sync.log'), 'a sync client log\n');
  writeFileSync(join(parent, 'notes.txt'), 'kept beside the working dir\n');
  const planFile = join(root, 'plan.yaml');
  const env = { CELLS_DB_PASSWORD: install.database.password, CELLAR_PLAN: '' };
  const cellar = (args: readonly string[]): Promise<CliResult> => runCellar(['-f', planFile, ...args], { cwd: root, env });
  const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', join(root, 'backups'), '-o', planFile], { cwd: root, env });
  expect(init.code, init.stderr).toBe(0);
  const backup = await cellar(['apply', '--yes']);
  expect(backup.code, backup.stderr).toBe(0);
  const onTerminal = async (args: readonly string[], answer: string): Promise<CliResult & { questions: string[] }> => {
    let stdout = '';
    let stderr = '';
    const questions: string[] = [];
    const io: Io = {
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
      interactive: true,
      color: false,
      env: { ...process.env, ...env },
      cwd: root,
      ask: (question) => {
        questions.push(question);
        return Promise.resolve(answer);
      },
    };
    const code = await runCli(['-f', planFile, ...args], io);
    return { code, stdout, stderr, questions };
  };
  return { install, parent, cellar, onTerminal, dispose };
}

/** The parent folder without the working dir: what an uninstall must leave exactly as it was. */
const besideWorkingDir = (parent: string): Map<string, string> => treeState(parent, { skip: ['cells'] });

describe('uninstall: removes the working dir and nothing beside it', () => {
  let backed: BackedUp | undefined;

  beforeAll(async () => {
    backed = await backedUpInstall('cellar-uninstall-');
  }, 120_000);

  afterAll(async () => {
    await backed?.dispose();
  });

  it('refuses while the last snapshot is stale, changing nothing', async () => {
    const { install, parent, cellar } = backed!;
    const [touched] = await touchFiles(install, 1);
    const datasource = install.datasources.find((candidate) => join(install.workingDir, touched!).startsWith(`${candidate.folder}/`))!;
    const stale = new RegExp(
      `^the last snapshot \\(\\d{8}T\\d{6}Z\\) is not current: datasource\\.${datasource.name} changed since; run cellar apply first, or use --force$`,
    );
    const before = treeState(parent);
    const plan = await cellar(['plan', '--uninstall', '--json']);
    expect(plan.code, 'a plan apply would refuse is an error').toBe(1);
    const { blocked } = JSON.parse(plan.stdout) as PlanDocument;
    expect(blocked).toMatch(stale);
    expect(plan.stderr).toBe(`cellar: this plan cannot be applied: ${blocked!}\n`);
    const apply = await cellar(['apply', '--uninstall', '--yes']);
    expect(apply.code).toBe(1);
    const lines = apply.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.replace('cellar: apply refused: ', '')).toMatch(stale);
    expect(changedPaths(before, treeState(parent))).toEqual([]);
  });

  it('plans and removes only the working dir once the snapshot is current, once its path is typed back', async () => {
    const { install, parent, cellar, onTerminal } = backed!;
    const backup = await cellar(['apply', '--yes']);
    expect(backup.code, backup.stderr).toBe(0);
    const beside = besideWorkingDir(parent);

    const plan = await cellar(['plan', '--uninstall', '--json', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(2);
    const document = JSON.parse(plan.stdout) as PlanDocument;
    expect(document.blocked).toBeNull();
    expect(document.actions).toEqual([
      expect.objectContaining({
        action: 'remove-files',
        address: 'workdir',
        reason: expect.stringContaining(`remove ${install.workingDir} and everything in it`) as string,
      }),
    ]);
    const text = await cellar(['plan', '--uninstall']);
    expect(text.stdout).toMatch(
      new RegExp(`remove-files  workdir  remove ${install.workingDir} and everything in it \\(\\d+ backed-up files, [\\d.]+ [KM]iB\\), not its parent folder`),
    );

    const refused = await onTerminal(['apply', '--uninstall'], 'yes');
    expect(refused.questions).toEqual([`\nThis removes ${install.workingDir} for good. Type that path to go on: `]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('apply cancelled; nothing was changed');
    expect(existsSync(install.workingDir), "a reflex 'yes' removes nothing").toBe(true);

    const apply = await onTerminal(['apply', '--uninstall'], install.workingDir);
    expect(apply.code, apply.stderr).toBe(0);
    expect(existsSync(install.workingDir)).toBe(false);
    expect(changedPaths(beside, treeState(parent))).toEqual([]);
    expect(await databaseExists(install.database.name)).toBe(true);
  });
});

describe('uninstall --force --drop-database', () => {
  let backed: BackedUp | undefined;

  beforeAll(async () => {
    backed = await backedUpInstall('cellar-uninstall-force-');
  }, 120_000);

  afterAll(async () => {
    await backed?.dispose();
  });

  it('removes a stale installation and drops its database when forced', async () => {
    const { install, parent, cellar } = backed!;
    await touchFiles(install, 2);
    const beside = besideWorkingDir(parent);
    const plan = await cellar(['plan', '--uninstall', '--force', '--drop-database', '--json']);
    const document = JSON.parse(plan.stdout) as PlanDocument;
    expect(document.blocked).toBeNull();
    expect(document.actions.map((action) => action.action)).toEqual(['remove-files', 'drop-database']);
    expect(document.warnings.join('\n')).toContain('--force removes the installation anyway');

    const apply = await cellar(['apply', '--uninstall', '--force', '--drop-database', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(existsSync(install.workingDir)).toBe(false);
    expect(changedPaths(beside, treeState(parent))).toEqual([]);
    expect(await databaseExists(install.database.name)).toBe(false);
  });
});
