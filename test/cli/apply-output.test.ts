import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleInstall } from '../../demo/sample-install.js';
import { touchFiles } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { dropDatabase, uniqueName } from '../helpers/mariadb.js';
import { createTestInstall } from '../helpers/sample.js';

/* What apply prints: the plan without pydio.json's unified diff unless --diff, and with --quiet only the outcome. */
describe('apply output', () => {
  let root: string;
  let install: SampleInstall;
  let planFile: string;
  const restoredDatabase = uniqueName('cellar_output');
  const cellar = (args: readonly string[], plan = planFile): Promise<CliResult> =>
    runCellar(['-f', plan, ...args], { cwd: root, env: { CELLS_DB_PASSWORD: install.database.password } });

  beforeAll(async () => {
    install = await createTestInstall({ files: 40 });
    root = realpathSync(mkdtempSync(join(tmpdir(), 'cellar-output-')));
    planFile = join(root, 'backup-plan.yaml');
    const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', join(root, 'backups'), '-o', planFile], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
  });

  afterAll(async () => {
    await dropDatabase(restoredDatabase);
    await install.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('--quiet prints the outcome line alone, and needs --yes', async () => {
    const refused = await cellar(['apply', '--quiet']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('cellar: apply --quiet shows no plan to answer for; add --yes\n');
    const quiet = await cellar(['apply', '--quiet', '--yes']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toMatch(/^Apply complete: snapshot \d{8}T\d{6}Z written: \d+ files, [\d.]+ \w+ new, database dumped\.\n$/);
    expect(quiet.stderr).toBe('');
    await touchFiles(install, 1);
    const loud = await cellar(['apply', '--yes']);
    expect(loud.stdout).toContain('Drift since');
    expect(loud.stderr).toContain('[1/');
  });

  it("shows pydio.json's unified diff in plan, and in apply only with --diff", async () => {
    const restorePlan = join(root, 'restore.yaml');
    writeFileSync(
      restorePlan,
      `${readFileSync(planFile, 'utf8')}
restore:
  from: local
  workingDir: ${join(root, 'restored', 'cells')}
  database:
    admin: { user: root }
  overrides:
    database: { name: ${restoredDatabase} }
`,
    );
    const plan = await cellar(['plan', '--restore'], restorePlan);
    expect(plan.stdout).toContain('--- a/pydio.json');
    const withDiff = await cellar(['apply', '--restore', '--diff', '--yes', '--no-safety-snapshot'], restorePlan);
    expect(withDiff.code, withDiff.stderr).toBe(0);
    expect(withDiff.stdout).toContain('--- a/pydio.json');
    // The restore is done; a pydio.json edited since makes the next apply patch it again.
    const restoredConfig = join(root, 'restored', 'cells', 'pydio.json');
    writeFileSync(restoredConfig, readFileSync(restoredConfig, 'utf8').replace(/\n$/, ' \n'));
    const summary = await cellar(['apply', '--restore', '--yes', '--no-safety-snapshot'], restorePlan);
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toContain('pydio.json patches');
    expect(summary.stdout).toContain('(the unified diff: cellar plan --restore, or apply --diff)');
    expect(summary.stdout).not.toContain('--- a/pydio.json');
  });
});
