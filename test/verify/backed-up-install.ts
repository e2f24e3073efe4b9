import { execFile } from 'node:child_process';
import { readFile, readdir, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { SampleDatasource, SampleInstall } from '../../demo/sample-install.js';
import { createSampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { uniqueName } from '../helpers/mariadb.js';

/** A sample installation with a plan (from `cellar init`) whose target is `<root>/backups`. */
export interface BackedUpInstall {
  readonly install: SampleInstall;
  readonly root: string;
  readonly planFile: string;
  readonly target: string;
  /** Runs `cellar ...args -f <plan>` with the database password in the environment. */
  cellar(args: readonly string[], planFile?: string): Promise<CliResult>;
  /** Runs `cellar apply --yes`, expects exit 0, and returns the id of the snapshot it wrote. */
  apply(): Promise<string>;
  /** Copies the target (no hard links shared with the original) with a plan that points at the copy. */
  copyTarget(name: string): Promise<{ readonly planFile: string; readonly target: string }>;
}

/** Creates the sample install in `root` (a new folder) and writes its plan with `cellar init`. */
export async function backedUpInstall(root: string, files: number): Promise<BackedUpInstall> {
  const install = await createSampleInstall({ root, files, database: uniqueName('cellar_verify') });
  const realRoot = await realpath(root);
  const planFile = join(realRoot, 'plan.yaml');
  const target = join(realRoot, 'backups');
  const env = { CELLS_DB_PASSWORD: install.database.password, CELLAR_PLAN: '' };
  const cellar = (args: readonly string[], plan = planFile): Promise<CliResult> => runCellar([...args, '-f', plan], { cwd: realRoot, env });
  const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', target, '-o', planFile], { cwd: realRoot, env });
  if (init.code !== 0) {
    await install.dispose();
    throw new Error(`cellar init failed: ${init.stderr}`);
  }
  return {
    install,
    root: realRoot,
    planFile,
    target,
    cellar,
    async apply() {
      const before = new Set(await snapshotIds(target));
      const result = await cellar(['apply', '--yes']);
      expect(result.stderr).not.toMatch(/^cellar: /m);
      expect(result.code).toBe(0);
      const written = (await snapshotIds(target)).filter((id) => !before.has(id));
      expect(written).toHaveLength(1);
      return written[0]!;
    },
    async copyTarget(name) {
      const copy = join(realRoot, name);
      // cp(1) rather than fs.cp, which cannot copy names that are not UTF-8.
      await promisify(execFile)('cp', ['-a', target, copy]);
      const copyPlan = join(realRoot, `${name}.yaml`);
      const text = await readFile(planFile, 'utf8');
      expect(text).toContain(`path: ${target}\n`);
      await writeFile(copyPlan, text.replace(`path: ${target}\n`, `path: ${copy}\n`));
      return { planFile: copyPlan, target: copy };
    },
  };
}

/** The snapshot folders of a target, oldest first. */
export async function snapshotIds(target: string): Promise<string[]> {
  const names = await readdir(join(target, 'snapshots')).catch(() => []);
  return names.filter((name) => /^\d{8}T\d{6}Z$/.test(name)).sort();
}

/** A backed-up install with one snapshot, and a plan that restores it in place (`restore: { from: local }`). */
export interface InPlaceRestore {
  readonly backed: BackedUpInstall;
  /** The one snapshot taken. */
  readonly snapshot: string;
  readonly inPlace: string;
  /** The structured datasource with the most files. */
  readonly datasource: SampleDatasource;
}

export async function inPlaceRestore(root: string, files: number): Promise<InPlaceRestore> {
  const backed = await backedUpInstall(root, files);
  // Table update times are whole seconds: let the sample's last write fall before the backup's second.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const snapshot = await backed.apply();
  const datasource = [...backed.install.datasources].filter((candidate) => !candidate.flat).sort((a, b) => b.files - a.files)[0];
  if (!datasource) throw new Error('the sample has no structured datasource');
  const inPlace = join(backed.root, 'in-place.yaml');
  await writeFile(inPlace, `${await readFile(backed.planFile, 'utf8')}\nrestore:\n  from: local\n`);
  return { backed, snapshot, inPlace, datasource };
}
