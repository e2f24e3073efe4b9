import { spawn } from 'node:child_process';
import { appendFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { repoRoot } from './repo-paths.js';
import type { SampleInstall } from './sample-install.js';
import { dropDatabase } from './mariadb.js';
import { changeRow, createSampleInstall, removeSampleInstall, touchFiles } from './sample-install.js';

/** One step of the demo: a cellar command as an operator types it, or a change made to the installation. */
type DemoStep =
  | { readonly kind: 'cellar'; readonly say: string; readonly args: readonly string[] }
  | { readonly kind: 'change'; readonly say: string; readonly run: (install: SampleInstall) => Promise<string> };

/**
 * The demo's installation: always the same names, so a new run replaces the previous one.
 * CELLAR_DEMO_FOLDER and CELLAR_DEMO_NAME move it (the tests run the demo beside a user's own).
 */
interface DemoConfig {
  readonly folder: string;
  readonly database: string;
  readonly restored: string;
  readonly user: string;
  readonly files: number;
}

function demoConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const name = env.CELLAR_DEMO_NAME ?? 'cellar_demo';
  return { folder: env.CELLAR_DEMO_FOLDER ?? '.demo', database: name, restored: `${name}_restored`, user: name, files: 3000 };
}

/** How the demo restores: into another folder, another database, under a new host name and public URL. */
function restoreSection(demo: DemoConfig): string {
  return `
restore:
  from: local
  workingDir: restored
  database:
    admin: { user: root }        # the demo's MariaDB: root without a password may create databases
  overrides:
    hostname: cells2.internal
    publicUrl: https://files.example.com
    database: { name: ${demo.restored} }
`;
}

function demoSteps(demo: DemoConfig): DemoStep[] {
  const plan = ['-f', `${demo.folder}/backup-plan.yaml`];
  return [
    {
      kind: 'cellar',
      say: 'Write a backup plan from what the installation declares',
      args: ['init', '--working-dir', `${demo.folder}/cells`, '--target', `${demo.folder}/backups`, '-o', `${demo.folder}/backup-plan.yaml`],
    },
    { kind: 'cellar', say: 'Check the plan', args: ['validate', ...plan] },
    { kind: 'cellar', say: 'What a first backup would do', args: ['plan', ...plan] },
    { kind: 'cellar', say: 'Take it', args: ['apply', '--yes', ...plan] },
    { kind: 'cellar', say: 'Right after, nothing drifted', args: ['plan', ...plan] },
    {
      kind: 'change',
      say: 'Cells works on: three files change, and one row of the database',
      run: async (install) => {
        const files = await touchFiles(install, 3);
        const table = await changeRow(install);
        return [...files.map((file) => `  changed ${file}`), `  changed a row of ${table}`].join('\n');
      },
    },
    { kind: 'cellar', say: 'The plan shows just those changes', args: ['plan', ...plan] },
    { kind: 'cellar', say: 'Back them up: unchanged files are hard links to the previous snapshot', args: ['apply', '--yes', ...plan] },
    { kind: 'cellar', say: 'The snapshots', args: ['snapshots', ...plan] },
    { kind: 'cellar', say: 'Re-read and re-hash the latest snapshot', args: ['verify', '--read-data', ...plan] },
    {
      kind: 'change',
      say: 'Declare a restore onto another host: new folder, database, host name and public URL',
      run: async (install) => {
        await appendFile(join(install.root, 'backup-plan.yaml'), restoreSection(demo));
        return restoreSection(demo).trimEnd().replace(/^/gm, '  ');
      },
    },
    { kind: 'cellar', say: 'The restore plan, with the pydio.json diff (secrets masked)', args: ['plan', '--restore', ...plan] },
    { kind: 'cellar', say: 'Restore', args: ['apply', '--restore', '--yes', ...plan] },
    { kind: 'cellar', say: 'Restored: a second restore has nothing to do', args: ['plan', '--restore', ...plan] },
  ];
}

/** Creates the sample installation, then runs each step, stopping at the first that fails. */
async function main(): Promise<number> {
  const repo = repoRoot();
  const demo = demoConfig(process.env);
  const install = await freshInstall(repo, demo);
  const passwordFile = join(install.root, 'db-password');
  await writeFile(passwordFile, `${install.database.password}\n`, { mode: 0o600 });
  show(`\n$ export CELLS_DB_PASSWORD="$(cat ${relative(repo, passwordFile)})"`);
  for (const step of demoSteps(demo)) {
    const code = await runStep(step, install, repo);
    if (code !== 0) {
      show(`\nThe demo stopped: that step exited with ${code}.`);
      return code;
    }
  }
  show(`\nDone. The sample installation stays in ${demo.folder}/ (database ${demo.database}) until the next run.`);
  return 0;
}

async function freshInstall(repo: string, demo: DemoConfig): Promise<SampleInstall> {
  const root = resolve(repo, demo.folder);
  await dropDatabase(demo.restored);
  await removeSampleInstall(root, demo.database, demo.user);
  show(`Creating a sample Pydio Cells installation in ${demo.folder}/ (${demo.files} files, database ${demo.database})…`);
  const started = performance.now();
  const install = await createSampleInstall({ root, database: demo.database, user: demo.user, files: demo.files });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const files = `${install.files} files, ${megabytes(install.bytes)} in ${relative(repo, install.workingDir)}/`;
  show(`  ${files}; ${megabytes(install.databaseBytes)} of rows in ${demo.database} (${seconds} s)`);
  return install;
}

async function runStep(step: DemoStep, install: SampleInstall, repo: string): Promise<number> {
  switch (step.kind) {
    case 'cellar':
      show(`\n# ${step.say}\n$ cellar ${step.args.join(' ')}`);
      return runCellar(step.args, install, repo);
    case 'change':
      show(`\n# ${step.say}`);
      show(await step.run(install));
      return 0;
  }
}

/** Runs the built CLI as an operator would, with the database password in the environment only. */
function runCellar(args: readonly string[], install: SampleInstall, repo: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repo, 'bin', 'cellar.js'), ...args], {
      cwd: repo,
      stdio: 'inherit',
      env: { ...process.env, CELLS_DB_PASSWORD: install.database.password },
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve(code ?? 1);
    });
  });
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function show(line: string): void {
  process.stdout.write(`${line}\n`);
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
