import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { changeRow, touchFiles } from '../demo/sample-install.js';
import { measureCommand, type Measured, type Sample } from './measure.js';
import { alternate, summarize, type Side, type Summary } from './pairs.js';
import { takeBaseline } from './baseline.js';
import { backupScript, dumpPipeline, restoreScript, rsyncDryRun, type PlainDatabase } from './plain-tools.js';
import { runStep } from './run-step.js';
import type { CaseId } from './targets.js';
import { clearRestore, type Workspace } from './workspace.js';

export interface CaseResult {
  readonly id: CaseId;
  readonly cellar: Summary;
  readonly plain: Summary;
}

type Log = (line: string) => void;

/**
 * Measures every case on one workspace, in an order where each finds the state it needs: the
 * no-change cases first (right after a first backup and a real copy), then the backups, which
 * change files and rows, then the restores.
 */
export async function runSuite(ws: Workspace, pairs: number, log: Log): Promise<CaseResult[]> {
  const { install } = ws;
  const source = install.workingDir;
  const database: PlainDatabase = { clientOptions: ws.clientOptions.user, name: install.database.name };
  const cellar = (args: readonly string[], expect?: RegExp): Side => ({
    run: () => checked(measureCommand(ws.cellar([...args, '-f', ws.planFile]), { env: ws.env }), expect),
  });
  const plain = (argv: () => readonly string[], prepare?: () => Promise<void>): Side => ({
    ...(prepare ? { prepare } : {}),
    run: () => measureCommand(argv()),
  });
  const results: CaseResult[] = [];
  const measure = async (id: CaseId, a: Side, b: Side): Promise<void> => {
    log(`  ${id}`);
    const runs = await alternate(pairs, a, b, log);
    results.push({ id, cellar: summarize(runs.cellar), plain: summarize(runs.plain) });
  };

  log('  first backup (cellar apply) and a real copy (rsync -a), not timed');
  await takeBaseline(ws);
  let plainCount = 0;
  const plainTree = (n: number): string => join(ws.plainBackups, String(n));

  await measure(
    'plan',
    cellar(['plan'], /No changes\./),
    plain(() => rsyncDryRun(source, plainTree(0))),
  );

  const node = plain(() => [process.execPath, '-e', '0']);
  await measure('version', { run: () => measureCommand(ws.cellar(['--version'])) }, node);
  await measure('validate', cellar(['validate'], /is valid/), node);

  const stepLogin = { host: install.database.host, port: install.database.port, socket: undefined, user: install.database.user };
  const dumpFile = (name: string): string => join(ws.dumps, `${name}.sql.gz`);
  const removing = (path: string) => () => rm(path, { force: true });
  await measure(
    'db-decision',
    { run: () => runStep({ step: 'fingerprint', login: stepLogin, database: install.database.name, target: ws.target }, ws.env) },
    plain(() => dumpPipeline(database, dumpFile('plain')), removing(dumpFile('plain'))),
  );
  await measure(
    'dump',
    {
      prepare: removing(dumpFile('cellar')),
      run: () => runStep({ step: 'dump', login: stepLogin, database: install.database.name, output: dumpFile('cellar') }, ws.env),
    },
    plain(() => dumpPipeline(database, dumpFile('plain')), removing(dumpFile('plain'))),
  );
  await rm(ws.dumps, { recursive: true, force: true });

  const onePercent = Math.max(1, Math.round(install.layout.files / 100));
  const change = (rows: boolean) => async (): Promise<void> => {
    await touchFiles(install, onePercent);
    if (rows) await changeRow(install);
  };
  const plainBackup = (rows: boolean): Side => ({
    prepare: change(rows),
    run: () => {
      plainCount += 1;
      return measureCommand(backupScript(source, plainTree(plainCount - 1), plainTree(plainCount), database, `${plainTree(plainCount)}.sql.gz`));
    },
  });
  await measure('backup', { prepare: change(true), ...cellar(['apply', '--yes'], /database dumped/) }, plainBackup(true));
  log("  catching up with the plain side's last change (cellar apply, not timed)");
  await checked(measureCommand(ws.cellar(['apply', '--yes', '-f', ws.planFile]), { env: ws.env }));
  await measure('backup-db-unchanged', { prepare: change(false), ...cellar(['apply', '--yes'], /database unchanged/) }, plainBackup(false));

  const { cellar: cellarDestination, plain: plainDestination } = ws.restored;
  const admin: PlainDatabase = { clientOptions: ws.clientOptions.admin, name: plainDestination.database };
  await measure(
    'restore',
    { prepare: () => clearRestore(cellarDestination), ...cellar(['apply', '--restore', '--yes', '--no-safety-snapshot'], /Apply complete: restored/) },
    plain(
      () => restoreScript(plainTree(plainCount), plainDestination.workingDir, admin, `${plainTree(plainCount)}.sql.gz`),
      async () => {
        await clearRestore(plainDestination);
        await mkdir(dirname(plainDestination.workingDir), { recursive: true });
      },
    ),
  );
  await clearRestore(cellarDestination);
  await clearRestore(plainDestination);
  return results;
}

/** A cellar run counts only when it did what the case claims (no changes found, the dump skipped, …). */
async function checked(run: Promise<Measured>, expect?: RegExp): Promise<Sample> {
  const result = await run;
  if (expect && !expect.test(result.stdout)) {
    throw new Error(`cellar did not do what the case measures (expected ${String(expect)}); it printed:\n${result.stdout.slice(-2000)}`);
  }
  return result;
}
