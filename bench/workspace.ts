import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertSqlName, localServer, withAdmin } from '../demo/mariadb.js';
import { repoRoot } from '../demo/repo-paths.js';
import type { SampleInstall } from '../demo/sample-install.js';
import { createSampleInstall } from '../demo/sample-install.js';
import { renderBenchPlan } from './plan-file.js';

/** The sample installation with everything both sides of the benchmark work in, all in one temp folder. */
export interface Workspace {
  readonly root: string;
  readonly install: SampleInstall;
  readonly planFile: string;
  /** cellar's target. */
  readonly target: string;
  /** The plain script's backups (`<n>/` trees and `<n>.sql.gz` dumps). */
  readonly plainBackups: string;
  /** Scratch for dumps that are removed after each run. */
  readonly dumps: string;
  readonly restored: { readonly cellar: RestoreDestination; readonly plain: RestoreDestination };
  /** MySQL option files holding the sample user's and the administrator's login (mode 0600). */
  readonly clientOptions: { readonly user: string; readonly admin: string };
  /** Environment for cellar: the database password, no colour. */
  readonly env: Readonly<Record<string, string>>;
  /** `cellar …args` as an operator runs it (the built CLI); the plan is passed with `-f planFile`. */
  cellar(args: readonly string[]): string[];
  /** Drops the databases and users and removes the folder. */
  dispose(): Promise<void>;
}

/** Where one side's restore lands: a working dir (removed before each run) and a database (dropped). */
export interface RestoreDestination {
  readonly workingDir: string;
  readonly database: string;
}

export interface WorkspaceOptions {
  readonly files: number;
  readonly largeFiles: number;
  readonly dbMb: number | undefined;
}

export async function createWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'cellar-bench-'));
  const name = assertSqlName(`cellar_bench_${randomBytes(4).toString('hex')}`);
  const restored = {
    cellar: { workingDir: join(root, 'restore-cellar', 'cells'), database: `${name}_rc` },
    plain: { workingDir: join(root, 'restore-plain', 'cells'), database: `${name}_rp` },
  };
  let install: SampleInstall;
  try {
    install = await createSampleInstall({
      root: join(root, 'site'),
      files: options.files,
      largeFiles: options.largeFiles,
      ...(options.dbMb === undefined ? {} : { dbSizeMb: options.dbMb }),
      database: name,
    });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  let disposed: Promise<void> | undefined;
  const planFile = join(root, 'backup-plan.yaml');
  const target = join(root, 'backups');
  await writeFile(
    planFile,
    renderBenchPlan({
      workingDir: install.workingDir,
      datasources: install.datasources.map((ds) => ds.name),
      database: install.database,
      target,
      restore: { workingDir: restored.cellar.workingDir, database: restored.cellar.database },
    }),
  );
  const clientOptions = { user: join(root, 'client-user.cnf'), admin: join(root, 'client-admin.cnf') };
  await writeFile(clientOptions.user, optionFile(install.database.user, install.database.password), { mode: 0o600 });
  await writeFile(clientOptions.admin, optionFile('root', ''), { mode: 0o600 });
  const workspace: Workspace = {
    root,
    install,
    planFile,
    target,
    plainBackups: join(root, 'plain'),
    dumps: join(root, 'dumps'),
    restored,
    clientOptions,
    env: { CELLS_DB_PASSWORD: install.database.password, NO_COLOR: '1' },
    cellar: (args) => [process.execPath, join(repoRoot(), 'bin', 'cellar.js'), ...args],
    // Once only: an interrupted run and the run's own `finally` may both ask.
    dispose: () => (disposed ??= removeWorkspace(root, install, restored)),
  };
  await mkdir(workspace.plainBackups);
  await mkdir(workspace.dumps);
  return workspace;
}

async function removeWorkspace(root: string, install: SampleInstall, restored: Workspace['restored']): Promise<void> {
  await clearRestore(restored.cellar);
  await clearRestore(restored.plain);
  await install.dispose();
  await rm(root, { recursive: true, force: true });
}

/** Removes a restore's working dir and drops its database, so that the next restore starts fresh. */
export async function clearRestore(destination: RestoreDestination): Promise<void> {
  await rm(join(destination.workingDir, '..'), { recursive: true, force: true });
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS \`${assertSqlName(destination.database)}\``));
}

/** A `[client]` option file: how the password reaches mysqldump and mysql without appearing in argv. */
function optionFile(user: string, password: string): string {
  const quoted = password.replace(/[\\"]/g, (char) => `\\${char}`);
  const lines = ['[client]', `user=${user}`, `host=${localServer.host}`, `port=${localServer.port}`, 'protocol=tcp'];
  if (password !== '') lines.push(`password="${quoted}"`);
  return `${lines.join('\n')}\n`;
}
