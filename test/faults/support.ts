/**
 * Shared pieces of the fault suite: a sample installation with its plan, fake tools on PATH that
 * pause at a chosen step, cellar runs that can be killed, and exact digests of trees and tables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createSampleInstall, type SampleInstall, type SampleInstallOptions } from '../../demo/sample-install.js';
import { decodeName } from '../../src/adapters/fs/path-bytes.js';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { cellarBin, runCellar, type CliResult } from '../helpers/cli.js';
import { uniqueName } from '../helpers/mariadb.js';

const snapshotId = /^\d{8}T\d{6}Z$/;

/** Where a real tool lives, found on PATH (the fake ones exec it). */
function realTool(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, name);
    if (dir !== '' && existsSync(path)) return path;
  }
  throw new Error(`${name} is not installed; run npm run setup`);
}

/** A shell snippet that, while `<dir>/<name>.pause` exists, marks `<dir>/<name>.reached` and waits. */
function pausePoint(dir: string, name: string): string {
  const pause = JSON.stringify(join(dir, `${name}.pause`));
  const reached = JSON.stringify(join(dir, `${name}.reached`));
  return `if [ -e ${pause} ]; then : > ${reached}; while [ -e ${pause} ]; do sleep 0.05; done; fi`;
}

export interface LaneOptions {
  /** Declare cells.service with argv that record stop/start in `marks` (stopFor: always). */
  readonly service?: boolean;
  readonly keep?: string;
  /** Where the target lives (default `<lane>/backups`). */
  readonly target?: string;
  /** Extra YAML appended to the plan (e.g. a restore: section). */
  readonly extra?: string;
}

/**
 * One plan over a shared sample install, with everything of its own: target, fake tools and their
 * pause files, service marks, TMPDIR. Lanes of one install can run side by side.
 */
export interface Lane {
  readonly root: string;
  readonly install: SampleInstall;
  readonly planFile: string;
  readonly target: string;
  /** Lines `stop` and `start` written by the service argv. */
  readonly marks: string;
  /** Folder of the fake tools and their pause files. */
  readonly tools: string;
  /** TMPDIR of every cellar process: where a left-behind option file would be. */
  readonly tmp: string;
  readonly env: Record<string, string>;
  /** PATH with the pausing fake tools first. */
  readonly fakePath: string;
  cellar(args: readonly string[], env?: Record<string, string>): Promise<CliResult>;
  /**
   * Runs a command through the CLI's entry function in this process: for the checks (plan,
   * snapshots, verify) and for applies that must be refused before they start anything.
   */
  inProcess(args: readonly string[], env?: Record<string, string>): Promise<CliResult>;
  /** Starts cellar (fake tools on PATH) in its own process group, so that a crash takes the whole run down. */
  start(args: readonly string[], env?: Record<string, string>): Running;
  /** Makes the named pause point (`rsync`, `dump-before`, `dump-after`, `start`) hold the next run there. */
  pause(name: string): void;
  resume(name: string): void;
  reached(name: string): boolean;
  snapshotIds(): string[];
  writePlan(options: LaneOptions): void;
}

export interface Running {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
  /** SIGKILL to cellar and every process it started. */
  crash(): Promise<CliResult>;
}

/** A sample install (small, uniquely named database) in a fresh scratch folder. */
export interface Site {
  readonly root: string;
  readonly install: SampleInstall;
  lane(name: string, options?: LaneOptions): Lane;
  dispose(): Promise<void>;
}

export async function createSite(name: string, sample: Partial<SampleInstallOptions> = {}): Promise<Site> {
  const root = mkdtempSync(join(tmpdir(), `cellar-${name}-`));
  try {
    const install = await createSampleInstall({ root: join(root, 'site'), files: 24, largeFiles: 0, database: uniqueName(`cellar_${name}`), ...sample });
    return {
      root,
      install,
      lane: (laneName, options = {}) => createLane(root, install, laneName, options),
      dispose: async () => {
        await install.dispose();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

function createLane(siteRoot: string, install: SampleInstall, name: string, options: LaneOptions): Lane {
  const root = join(siteRoot, name);
  const target = options.target ?? join(root, 'backups');
  const planFile = join(root, 'backup-plan.yaml');
  const marks = join(root, 'service.log');
  const tools = join(root, 'tools');
  const tmp = join(root, 'tmp');
  mkdirSync(tools, { recursive: true });
  mkdirSync(tmp);
  writeFakeTools(tools);
  const env = { CELLS_DB_PASSWORD: install.database.password, TMPDIR: tmp };
  const fakePath = `${tools}${delimiter}${process.env.PATH ?? ''}`;
  const lane: Lane = {
    root,
    install,
    planFile,
    target,
    marks,
    tools,
    tmp,
    env,
    fakePath,
    cellar: (args, extra = {}) => runCellar(['-f', planFile, ...args], { cwd: root, env: { ...env, ...extra } }),
    inProcess: (args, extra = {}) => runInProcess(['-f', planFile, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env, ...extra } }),
    start: (args, extra = {}) => startCellar(['-f', planFile, ...args], root, { ...env, PATH: fakePath, ...extra }),
    pause: (point) => {
      writeFileSync(join(tools, `${point}.pause`), '');
      rmSync(join(tools, `${point}.reached`), { force: true });
    },
    resume: (point) => {
      rmSync(join(tools, `${point}.pause`), { force: true });
    },
    reached: (point) => existsSync(join(tools, `${point}.reached`)),
    snapshotIds: () =>
      existsSync(join(target, 'snapshots'))
        ? readdirSync(join(target, 'snapshots'))
            .filter((entry) => snapshotId.test(entry))
            .sort()
        : [],
    writePlan: (planOptions) => {
      writeFileSync(planFile, planText(install, target, marks, tools, planOptions));
    },
  };
  lane.writePlan(options);
  return lane;
}

/** The plan of a sample install: every datasource backed up as files, and what the test asks for. */
function planText(install: SampleInstall, target: string, marks: string, tools: string, options: LaneOptions): string {
  const q = (text: string): string => JSON.stringify(text);
  const lines = ['version: 1', 'cells:', `  workingDir: ${q(install.workingDir)}`];
  if (options.service === true) {
    const stop = `echo stop >> ${q(marks)}`;
    // A run killed at this pause point has not started Cells: `start` is written after it.
    const start = `${pausePoint(tools, 'start')}; echo start >> ${q(marks)}`;
    lines.push('  service:', `    stop: [sh, -c, ${q(stop)}]`, `    start: [sh, -c, ${q(start)}]`, '    stopFor: always');
  }
  const { database } = install;
  lines.push(
    'database:',
    `  host: ${database.host}`,
    `  port: ${database.port}`,
    `  user: ${database.user}`,
    '  password: { env: CELLS_DB_PASSWORD }',
    `  name: ${database.name}`,
    'datasources:',
    ...install.datasources.map((datasource) => `  ${datasource.name}: { backup: files }`),
    'targets:',
    '  local:',
    `    path: ${q(target)}`,
  );
  if (options.keep !== undefined) lines.push(`    keep: ${options.keep}`);
  if (options.extra !== undefined) lines.push(options.extra);
  return `${lines.join('\n')}\n`;
}

/**
 * rsync, mariadb-dump and mysqldump that behave like the real ones unless a pause file exists:
 * rsync pauses before copying (only when its destination starts with the text of `rsync.match`,
 * if that file exists), the dumps before dumping (`dump-before`) or after (`dump-after`, from the
 * dump numbered in `dump-after.at` on, counting in `dumps.count`).
 */
function writeFakeTools(dir: string): void {
  const rsync = realTool('rsync');
  const match = JSON.stringify(join(dir, 'rsync.match'));
  writeTool(dir, 'rsync', [
    'for last; do :; done',
    `if [ ! -e ${match} ] || case "$last" in "$(cat ${match})"*) true;; *) false;; esac; then`,
    `  ${pausePoint(dir, 'rsync')}`,
    'fi',
    // Extra options (e.g. --bwlimit, to slow a copy down) from `rsync.extra`, split on spaces.
    `exec ${JSON.stringify(rsync)} $(cat ${JSON.stringify(join(dir, 'rsync.extra'))} 2>/dev/null) "$@"`,
  ]);
  for (const tool of ['mariadb-dump', 'mysqldump']) {
    const real = realTool(tool);
    writeTool(dir, tool, [
      `if [ "$1" = --version ]; then exec ${JSON.stringify(real)} "$@"; fi`,
      pausePoint(dir, 'dump-before'),
      `${JSON.stringify(real)} "$@"`,
      'code=$?',
      `count=$(( $(cat ${JSON.stringify(join(dir, 'dumps.count'))} 2>/dev/null || echo 0) + 1 ))`,
      `echo $count > ${JSON.stringify(join(dir, 'dumps.count'))}`,
      `if [ $count -ge "$(cat ${JSON.stringify(join(dir, 'dump-after.at'))} 2>/dev/null || echo 1)" ]; then`,
      `  ${pausePoint(dir, 'dump-after')}`,
      'fi',
      'exit $code',
    ]);
  }
}

/** Writes an executable shell script. */
export function writeTool(dir: string, name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${lines.join('\n')}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A PATH folder holding links to every program on PATH except `missing`. */
export function pathWithout(root: string, missing: readonly string[]): string {
  const dir = mkdtempSync(join(root, 'path-'));
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder === '' || !existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      if (missing.includes(name) || existsSync(join(dir, name))) continue;
      symlinkSync(join(folder, name), join(dir, name));
    }
  }
  return dir;
}

/**
 * `cellar args` through `runCli`, the function the binary calls, without starting a process: the
 * read-only checks of the suite cost milliseconds instead of a Node start each.
 */
export async function runInProcess(
  args: readonly string[],
  options: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    interactive: false,
    color: false,
    env: options.env,
    cwd: options.cwd,
    ask: () => Promise.reject(new Error('no terminal in the fault suite')),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** Runs cellar (after `prefix`, a command that runs the rest) in a process group of its own, collecting its output. */
export function startCellar(args: readonly string[], cwd: string, env: Record<string, string>, prefix: readonly string[] = []): Running {
  const argv = [...prefix, process.execPath, cellarBin, ...args];
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal === null ? 1 : 128 + 9), stdout, stderr });
    });
  });
  return {
    child,
    done,
    crash: async () => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // Already gone.
      }
      return done;
    },
  };
}

/** Waits until `check` holds, polling; fails after `ms` naming `what`. */
export async function waitFor(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits for a pause point, failing early (with its output) if the run ends first. */
export async function waitForPause(lane: Lane, run: Running, point: string): Promise<void> {
  let ended: CliResult | undefined;
  void run.done.then((result) => (ended = result));
  await waitFor(() => lane.reached(point) || ended !== undefined, `pause point ${point}`);
  if (!lane.reached(point)) throw new Error(`cellar ended before reaching ${point}: ${ended?.stdout ?? ''}${ended?.stderr ?? ''}`);
}

/** Every command line of the process group `group` (a run started by `startCellar`) seen until `done`, sampled from /proc. */
export async function sampleCommandLines(group: number, done: Promise<unknown>): Promise<string[]> {
  const seen = new Set<string>();
  const state = { running: true };
  void done.finally(() => (state.running = false));
  while (state.running) {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== group) continue;
        seen.add(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
      } catch {
        // The process ended between listing and reading.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return [...seen];
}

/** One entry of a tree digest: what a restore must give back exactly. */
export interface DigestEntry {
  readonly type: 'file' | 'dir' | 'symlink' | 'other';
  readonly mode: number;
  /** sha256 of a file, the target of a symlink. */
  readonly content: string;
}

/**
 * Every entry below `root`, by path (names that are not UTF-8 kept reversibly), with its type,
 * permission bits and content: sha256 for files, the target for symlinks (never followed).
 */
export function treeDigest(root: string, skip: readonly string[] = []): Map<string, DigestEntry> {
  const entries = new Map<string, DigestEntry>();
  const walk = (dir: Buffer, relative: string): void => {
    for (const name of readdirSync(dir, { encoding: 'buffer' })) {
      const path = Buffer.concat([dir, Buffer.from('/'), name]);
      const key = relative === '' ? decodeName(name) : `${relative}/${decodeName(name)}`;
      if (skip.includes(key)) continue;
      const stats = lstatSync(path);
      const mode = stats.mode & 0o7777;
      if (stats.isSymbolicLink()) entries.set(key, { type: 'symlink', mode: 0, content: decodeName(readlinkSync(path, { encoding: 'buffer' })) });
      else if (stats.isDirectory()) {
        entries.set(key, { type: 'dir', mode, content: '' });
        walk(path, key);
      } else if (stats.isFile()) entries.set(key, { type: 'file', mode, content: createHash('sha256').update(readFileSync(path)).digest('hex') });
      else entries.set(key, { type: 'other', mode, content: '' });
    }
  };
  walk(Buffer.from(root), '');
  return entries;
}

/** The differences between two digests, one line each (empty when equal). */
export function compareDigests(expected: Map<string, DigestEntry>, actual: Map<string, DigestEntry>): string[] {
  const problems: string[] = [];
  for (const [path, entry] of expected) {
    const other = actual.get(path);
    if (!other) problems.push(`${JSON.stringify(path)}: missing`);
    else if (JSON.stringify(other) !== JSON.stringify(entry))
      problems.push(`${JSON.stringify(path)}: ${JSON.stringify(entry)} became ${JSON.stringify(other)}`);
  }
  for (const path of actual.keys()) if (!expected.has(path)) problems.push(`${JSON.stringify(path)}: unexpected`);
  return problems;
}

/** A line that shows a stack trace. */
export const stackLine = /^\s+at /m;
