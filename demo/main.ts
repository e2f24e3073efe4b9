import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { repoRoot } from './repo-paths.js';
import type { SampleInstall } from './sample-install.js';
import { createSampleInstall, removeSampleInstall } from './sample-install.js';

/** One step of the demo: a cellar command as an operator types it, or a change made to the installation. */
type DemoStep =
  | { readonly kind: 'cellar'; readonly say: string; readonly args: readonly string[] }
  | { readonly kind: 'change'; readonly say: string; readonly run: (install: SampleInstall) => Promise<string> };

/** The demo's installation: always the same names, so a new run replaces the previous one. */
const demo = { folder: '.demo', database: 'cellar_demo', user: 'cellar_demo', files: 3000 } as const;

const steps: readonly DemoStep[] = [
  {
    kind: 'cellar',
    say: 'Write a backup plan from what the installation declares',
    args: ['init', '--working-dir', '.demo/cells', '--target', '.demo/backups', '-o', '.demo/backup-plan.yaml'],
  },
  { kind: 'cellar', say: 'Check the plan', args: ['validate', '-f', '.demo/backup-plan.yaml'] },
];

/** Creates the sample installation, then runs each step, stopping at the first that fails. */
async function main(): Promise<number> {
  const repo = repoRoot();
  const install = await freshInstall(repo);
  const passwordFile = join(install.root, 'db-password');
  await writeFile(passwordFile, `${install.database.password}\n`, { mode: 0o600 });
  show(`\n$ export CELLS_DB_PASSWORD="$(cat ${relative(repo, passwordFile)})"`);
  for (const step of steps) {
    const code = await runStep(step, install, repo);
    if (code !== 0) {
      show(`\nThe demo stopped: that step exited with ${code}.`);
      return code;
    }
  }
  show(`\nDone. The sample installation stays in ${demo.folder}/ (database ${demo.database}) until the next run.`);
  return 0;
}

async function freshInstall(repo: string): Promise<SampleInstall> {
  const root = join(repo, demo.folder);
  await removeSampleInstall(root, demo.database, demo.user);
  show(
    `Creating a sample Pydio Cells installation in ${demo.folder}/ (${demo.files} files, database ${demo.database})…`,
  );
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
