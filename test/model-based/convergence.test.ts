import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeRow, touchFiles, type SampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { addExternalDatasource, type ExternalDatasource } from '../helpers/external-datasource.js';
import { checksumTables } from '../helpers/mariadb.js';
import { createTestInstall } from '../helpers/sample.js';
import { changedPaths, treeState } from '../helpers/tree-state.js';
import { startCellar } from '../faults/support.js';

/*
 * Convergence, as a property: random sequences of what happens to an installation (files edited,
 * added, renamed, deleted; an optional tree appearing and vanishing; rows and pydio.json changed)
 * and to cellar (applies, applies killed at a random moment, two applies at once, pruning by
 * `keep`), on a real install, rsync and MariaDB. After every completed apply the plan is clean,
 * a second apply writes nothing and the newest snapshot verifies byte for byte; at the end, a
 * restore gives back exactly the state the last apply saw.
 *
 * `npm test` runs a few sequences; `npm run test:model` runs CELLAR_MODEL_RUNS of them (200 by
 * default there). A failure prints fast-check's seed and path: CELLAR_MODEL_SEED=<seed> replays it.
 */

const runs = Number(process.env.CELLAR_MODEL_RUNS ?? '3');
const seed = process.env.CELLAR_MODEL_SEED === undefined ? undefined : Number(process.env.CELLAR_MODEL_SEED);

/** The installation and cellar's target, for one sequence. */
interface Real {
  readonly root: string;
  readonly install: SampleInstall;
  readonly archive: ExternalDatasource;
  readonly planFile: string;
  readonly target: string;
  readonly cellar: (args: readonly string[]) => Promise<CliResult>;
  /** Files this sequence added, still there, relative to the archive datasource's folder. */
  readonly added: string[];
  /** The live state when an apply last completed. */
  saved: LiveState | undefined;
  applies: number;
}

/** What the model tracks: nothing it needs to decide on beyond what the real side holds. */
type Model = Record<string, never>;

interface LiveState {
  readonly workingDir: Map<string, string>;
  readonly archive: Map<string, string>;
  readonly tables: Record<string, number | null>;
}

const snapshotIds = (real: Real): string[] =>
  readdirSync(join(real.target, 'snapshots'))
    .filter((name) => /^\d{8}T\d{6}Z$/.test(name))
    .sort();

async function liveState(real: Real): Promise<LiveState> {
  return {
    // The restore marker is cellar's own, and absent after a completed restore.
    workingDir: treeState(real.install.workingDir),
    archive: treeState(real.archive.localFolder),
    tables: await checksumTables(real.install.database.name),
  };
}

/** The invariants after a completed apply. */
async function expectConverged(real: Real): Promise<void> {
  const plan = await real.cellar(['plan', '--detailed-exitcode']);
  expect(plan.code, `plan after apply ${real.applies}: ${plan.stdout}${plan.stderr}`).toBe(0);
  const before = snapshotIds(real);
  const again = await real.cellar(['apply', '--yes']);
  expect(again.code, again.stderr).toBe(0);
  expect(snapshotIds(real), 'a second apply writes no snapshot').toEqual(before);
  const verify = await real.cellar(['verify', '--read-data']);
  expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  real.saved = await liveState(real);
}

class EditFiles implements fc.AsyncCommand<Model, Real> {
  constructor(readonly count: number) {}
  check = (): boolean => true;
  async run(_model: Model, real: Real): Promise<void> {
    await touchFiles(real.install, this.count);
  }
  toString = (): string => `edit ${this.count} files`;
}

class AddFile implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly name: string,
    readonly content: string,
  ) {}
  check = (): boolean => true;
  run(_model: Model, real: Real): Promise<void> {
    const name = `${this.name}-${real.added.length}.txt`;
    writeFileSync(join(real.archive.folder, name), this.content);
    real.added.push(name);
    return Promise.resolve();
  }
  toString = (): string => `add ${this.name} (${this.content.length} bytes)`;
}

class AppendToFile implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  run(_model: Model, real: Real): Promise<void> {
    appendFileSync(join(real.archive.folder, 'report.txt'), 'one more line\n');
    return Promise.resolve();
  }
  toString = (): string => 'append to report.txt';
}

class RenameFile implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  run(_model: Model, real: Real): Promise<void> {
    const from = real.added.shift();
    if (from === undefined) return Promise.resolve();
    const to = `renamed-${from}`;
    renameSync(join(real.archive.folder, from), join(real.archive.folder, to));
    real.added.push(to);
    return Promise.resolve();
  }
  toString = (): string => 'rename an added file';
}

class DeleteFile implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  run(_model: Model, real: Real): Promise<void> {
    const name = real.added.pop();
    if (name !== undefined) rmSync(join(real.archive.folder, name));
    return Promise.resolve();
  }
  toString = (): string => 'delete an added file';
}

class MinioSys implements fc.AsyncCommand<Model, Real> {
  constructor(readonly present: boolean) {}
  check = (): boolean => true;
  run(_model: Model, real: Real): Promise<void> {
    const folder = join(real.archive.localFolder, '.minio.sys');
    if (this.present) {
      mkdirSync(join(folder, 'buckets'), { recursive: true });
      writeFileSync(join(folder, 'format.json'), '{"version":"1"}\n');
    } else rmSync(folder, { recursive: true, force: true });
    return Promise.resolve();
  }
  toString = (): string => (this.present ? '.minio.sys appears' : '.minio.sys vanishes');
}

class ChangeRow implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  async run(_model: Model, real: Real): Promise<void> {
    await changeRow(real.install);
  }
  toString = (): string => 'change a row';
}

class ChangeConfig implements fc.AsyncCommand<Model, Real> {
  constructor(readonly value: number) {}
  check = (): boolean => true;
  run(_model: Model, real: Real): Promise<void> {
    const file = join(real.install.workingDir, 'pydio.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    config.frontend = { ...(config.frontend as object | undefined), cellarModelTick: this.value };
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    return Promise.resolve();
  }
  toString = (): string => `change pydio.json (${this.value})`;
}

class Apply implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  async run(_model: Model, real: Real): Promise<void> {
    const result = await real.cellar(['apply', '--yes']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    real.applies += 1;
    await expectConverged(real);
  }
  toString = (): string => 'apply';
}

class KilledApply implements fc.AsyncCommand<Model, Real> {
  constructor(readonly afterMs: number) {}
  check = (): boolean => true;
  async run(_model: Model, real: Real): Promise<void> {
    const running = startCellar(['-f', real.planFile, 'apply', '--yes'], real.root, { CELLS_DB_PASSWORD: real.install.database.password });
    await new Promise((resolve) => setTimeout(resolve, this.afterMs));
    await running.crash();
  }
  toString = (): string => `apply killed after ${this.afterMs} ms`;
}

class ConcurrentApplies implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  async run(_model: Model, real: Real): Promise<void> {
    const results = await Promise.all([real.cellar(['apply', '--yes']), real.cellar(['apply', '--yes'])]);
    expect(
      results.some((result) => result.code === 0),
      results.map((result) => result.stderr).join('\n'),
    ).toBe(true);
    for (const result of results) {
      if (result.code !== 0) expect(result.stderr, 'the other apply is refused for the lock').toMatch(/cellar apply is running|lock/);
    }
    real.applies += 1;
    await expectConverged(real);
  }
  toString = (): string => 'two applies at once';
}

const commands = [
  fc.integer({ min: 1, max: 5 }).map((count) => new EditFiles(count)),
  fc.tuple(fc.constantFrom('note', 'scan', 'draft'), fc.string({ maxLength: 2000 })).map(([name, content]) => new AddFile(name, content)),
  fc.constant(new AppendToFile()),
  fc.constant(new RenameFile()),
  fc.constant(new DeleteFile()),
  fc.boolean().map((present) => new MinioSys(present)),
  fc.constant(new ChangeRow()),
  fc.integer({ min: 1, max: 1_000_000 }).map((value) => new ChangeConfig(value)),
  fc.constant(new Apply()),
  fc.constant(new Apply()),
  fc.integer({ min: 0, max: 1500 }).map((afterMs) => new KilledApply(afterMs)),
  fc.constant(new ConcurrentApplies()),
];

async function setUp(): Promise<Real> {
  const install = await createTestInstall({ files: 60 });
  const root = mkdtempSync(join(tmpdir(), 'cellar-model-'));
  const archive = addExternalDatasource(install.workingDir, join(root, 'disk2'));
  const target = join(root, 'backups');
  const planFile = join(root, 'backup-plan.yaml');
  const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', target, '-o', planFile], { cwd: root });
  expect(init.code, init.stderr).toBe(0);
  // Pruning by keep takes part in every sequence.
  writeFileSync(planFile, `${readFileSync(planFile, 'utf8').replace(/\n {4}keep: .*\n/, '\n    keep: { last: 3 }\n')}\nrestore:\n  from: local\n`);
  const env = { CELLS_DB_PASSWORD: install.database.password };
  const cellar = (args: readonly string[]): Promise<CliResult> => runCellar(['-f', planFile, ...args], { cwd: root, env });
  return { root, install, archive, planFile, target, cellar, added: [], saved: undefined, applies: 0 };
}

/** The end of every sequence: one more apply, then the installation wrecked and restored in place. */
async function expectRestorable(real: Real): Promise<void> {
  const apply = await real.cellar(['apply', '--yes']);
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  real.applies += 1;
  await expectConverged(real);
  const saved = real.saved!;
  await touchFiles(real.install, 3);
  await changeRow(real.install);
  writeFileSync(join(real.archive.folder, 'stray.txt'), 'not in any snapshot\n');
  const restore = await real.cellar(['apply', '--restore', '--yes', '--no-safety-snapshot']);
  expect(restore.code, restore.stdout + restore.stderr).toBe(0);
  const now = await liveState(real);
  expect(changedPaths(saved.workingDir, now.workingDir), 'working dir after the restore').toEqual([]);
  expect(changedPaths(saved.archive, now.archive), 'outside datasource after the restore').toEqual([]);
  expect(now.tables).toEqual(saved.tables);
}

describe('convergence (model-based)', () => {
  it(
    `holds over ${runs} random sequences of changes and applies`,
    async () => {
      let longest = 0;
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 10 }), async (sequence) => {
          const real = await setUp();
          try {
            await fc.asyncModelRun(() => ({ model: {}, real }), sequence);
            await expectRestorable(real);
            longest = Math.max(longest, [...sequence].length);
          } finally {
            await real.install.dispose();
            rmSync(real.root, { recursive: true, force: true });
          }
        }),
        { numRuns: runs, ...(seed === undefined ? {} : { seed }), endOnFailure: true },
      );
      process.stderr.write(`convergence: ${runs} sequences, the longest ${longest} steps\n`);
    },
    Math.max(300_000, runs * 120_000),
  );
});
