import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleInstall } from '../../demo/sample-install.js';
import { createTestInstall } from '../helpers/sample.js';

const repository = join(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as { version: string };

/*
 * What an operator installs on a Cells server without a clone: the packed tarball, installed
 * globally into a prefix of its own, then run from there (with only the system's PATH).
 */
describe('the packed tarball', () => {
  let root: string;
  let prefix: string;
  let install: SampleInstall;
  const cellar = (args: readonly string[]) =>
    execa(join(prefix, 'bin', 'cellar'), args, { cwd: root, reject: false, env: { CELLS_DB_PASSWORD: install.database.password, CELLAR_PLAN: '' } });

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'cellar-package-')));
    prefix = join(root, 'prefix');
    // npm test has just built dist/; packing must not build it again under the other tests' feet.
    await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', root, '--loglevel=error'], { cwd: repository });
    await execa('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', join(root, `cellar-${version}.tgz`)], {
      cwd: root,
    });
    install = await createTestInstall({ files: 40 });
  }, 300_000);

  afterAll(async () => {
    await install.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('holds the built code, its schema and the runtime dependencies only', () => {
    const installed = join(prefix, 'lib', 'node_modules', 'cellar');
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'dist', 'node_modules', 'package.json']);
    expect(readdirSync(join(installed, 'dist')).sort()).toEqual(['schemas', 'src']);
    const modules = readdirSync(join(installed, 'node_modules'));
    for (const runtime of ['ajv', 'diff', 'execa', 'mysql2', 'yaml', 'yargs']) expect(modules).toContain(runtime);
    for (const development of ['vitest', 'typescript', 'eslint', 'fast-check', 's3rver']) expect(modules).not.toContain(development);
  });

  it('runs from the prefix: --version, init, validate and a backup', async () => {
    expect((await cellar(['--version'])).stdout).toBe(version);
    const planFile = join(root, 'backup-plan.yaml');
    const init = await cellar(['init', '--working-dir', install.workingDir, '--target', join(root, 'backups'), '-o', planFile]);
    expect(init.exitCode, init.stderr).toBe(0);
    const validate = await cellar(['validate', '-f', planFile]);
    expect(validate.exitCode, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('backup-plan.yaml is valid');
    const apply = await cellar(['apply', '-f', planFile, '--yes']);
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/Apply complete: snapshot \d{8}T\d{6}Z written/);
    const plan = await cellar(['plan', '-f', planFile, '--detailed-exitcode']);
    expect(plan.exitCode, plan.stdout).toBe(0);
  });
});
