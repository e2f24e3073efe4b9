import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SampleInstall } from '../../demo/sample-install.js';
import { cellarBin, runCellar, type CliResult } from '../helpers/cli.js';
import { createTestInstall } from '../helpers/sample.js';

/** The repository's examples/ folder. */
export const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** A sample installation with the plan `cellar init` writes for it, all in one temporary folder. */
export interface PlannedInstall {
  readonly root: string;
  readonly install: SampleInstall;
  readonly planFile: string;
  readonly target: string;
  /** What the plan needs in the environment: CELLS_DB_PASSWORD. */
  readonly env: Readonly<Record<string, string>>;
  /** `cellar -f PLAN ...args` with the plan's environment. */
  cellar(args: readonly string[], env?: Readonly<Record<string, string | undefined>>): Promise<CliResult>;
  /** Snapshot ids in the target, oldest first. */
  snapshots(): Promise<string[]>;
  dispose(): Promise<void>;
}

/** Builds a sample installation with `files` datasource files and writes its plan with `cellar init`. */
export async function createPlannedInstall(prefix: string, files = 60): Promise<PlannedInstall> {
  const root = await mkdtemp(join(tmpdir(), `cellar-${prefix}-`));
  const install = await createTestInstall({ files }).catch(async (error: unknown) => {
    await rm(root, { recursive: true, force: true });
    throw error;
  });
  const planFile = join(root, 'backup-plan.yaml');
  const target = join(root, 'backups');
  const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', target, '-o', planFile], { cwd: root });
  if (init.code !== 0) {
    await install.dispose();
    await rm(root, { recursive: true, force: true });
    throw new Error(`cellar init failed: ${init.stderr}`);
  }
  const env = { CELLS_DB_PASSWORD: install.database.password };
  return {
    root,
    install,
    planFile,
    target,
    env,
    cellar: (args, extra = {}) => runCellar(['-f', planFile, ...args], { cwd: root, env: { ...env, ...extra } }),
    snapshots: async () => {
      const names = await readdir(join(target, 'snapshots')).catch(() => []);
      return names.filter((name) => /^\d{8}T\d{6}Z$/.test(name)).sort();
    },
    dispose: async () => {
      await install.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * Writes `<folder>/cellar`, a script that runs this checkout's build the way an installed cellar
 * runs, and returns the folder, to put first in PATH or in place of /usr/local/bin.
 */
export async function writeCellarShim(folder: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const shim = join(folder, 'cellar');
  await writeFile(shim, `#!/bin/sh\nexec '${process.execPath}' '${cellarBin}' "$@"\n`);
  await chmod(shim, 0o755);
  return folder;
}

export interface ProcessOptions {
  readonly cwd: string;
  /** The whole environment of the process: nothing is inherited. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Runs a program and collects its exit code and output. */
export function runProcess(argv: readonly string[], options: ProcessOptions): Promise<CliResult> {
  const [program, ...args] = argv;
  if (program === undefined) throw new Error('runProcess needs a program');
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Whether a command is found in PATH. */
export async function commandExists(name: string): Promise<boolean> {
  const result = await runProcess(['sh', '-c', 'command -v "$1"', 'sh', name], { cwd: '/', env: { PATH: process.env.PATH } });
  return result.code === 0;
}
