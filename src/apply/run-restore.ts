import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Plan } from '../config/plan.js';
import { CellarError } from '../core/errors.js';
import { assertNever } from '../core/assert-never.js';
import { writeFileAtomic } from '../adapters/fs/atomic-write.js';
import { pathExists } from '../adapters/fs/exists.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { makeFolder } from '../adapters/fs/folders.js';
import { statOwner } from '../adapters/fs/stat-owner.js';
import { createDatabase, dropAllTables, grantToUser } from '../adapters/mysql/admin.js';
import { connect } from '../adapters/mysql/connect.js';
import { loadDump } from '../adapters/mysql/dump.js';
import { tableNames } from '../adapters/mysql/probe.js';
import { findFolderUsers } from '../adapters/process/folder-users.js';
import { runCommand } from '../adapters/process/run-command.js';
import { rsyncCopy } from '../adapters/rsync/rsync.js';
import type { HeldLock } from '../adapters/target/lock.js';
import { parseCellsConfig } from '../cells/cells-config.js';
import { dsnEndpoint } from '../cells/dsn.js';
import type { RestoreObservation } from '../observe/observe-restore.js';
import { currentFingerprint } from '../observe/observe-database.js';
import { configFiles, relativeInside, restoredPart, vaultFiles } from '../plan/layout.js';
import type { Manifest } from '../plan/manifest.js';
import type { Action, ActionPlan } from '../plan/types.js';
import type { Reporter } from './reporter.js';
import { beginSnapshot } from './snapshot-draft.js';
import { verifySnapshot } from '../observe/verify-snapshot.js';

export interface RestoreRun {
  readonly plan: Plan;
  readonly actions: ActionPlan;
  readonly observation: RestoreObservation;
  readonly lock: HeldLock;
  readonly reporter: Reporter;
  readonly now: Date;
}

export interface RestoreOutcome {
  readonly safety: Manifest | undefined;
  /** Commands the operator must run: resyncs when cellar has no cells binary to run them. */
  readonly todo: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Carries out a restore plan: refuses a damaged snapshot or a live Cells first, then runs the
 * actions in order, checks the result, and starts Cells again if it stopped it. The snapshot is
 * only ever read; rsync's --delete acts only inside the restore destinations.
 */
export async function runRestore(run: RestoreRun): Promise<RestoreOutcome> {
  const { actions, observation, reporter } = run;
  const { observed } = observation;
  refuseDamaged(run);
  const stops = actions.actions.some((action) => action.action === 'stop-service');
  if (!stops) refuseLiveCells(observed.workingDir);

  let safety: Manifest | undefined;
  const todo: string[] = [];
  const warnings: string[] = [];
  let stopped = false;
  let failure: Error | undefined;
  for (const [index, action] of actions.actions.entries()) {
    if (failure !== undefined && action.action !== 'start-service') continue;
    reporter.step(action, index, actions.actions.length);
    try {
      switch (action.action) {
        case 'stop-service':
          await runCommand(action.argv, 'stopping Cells');
          stopped = true;
          run.lock.update({ serviceStopped: true });
          refuseLiveCells(observed.workingDir);
          break;
        case 'start-service':
          if (failure === undefined || stopped) {
            await runCommand(action.argv, 'starting Cells');
            stopped = false;
            run.lock.update({ serviceStopped: false });
          }
          break;
        case 'safety-snapshot':
          safety = await takeSafetySnapshot(run, action);
          reporter.info(`safety snapshot ${safety.id} keeps what the restore overwrites`);
          break;
        case 'restore-files':
          await restoreTree(run, action);
          break;
        case 'create-database':
          await createRestoreDatabase(run);
          break;
        case 'load-database':
          await loadRestoreDatabase(run, action);
          break;
        case 'patch-config':
          writeConfig(run, action);
          break;
        case 'resync-datasource':
          if (run.plan.cells.binary === undefined) todo.push(action.argv.join(' '));
          else await runCommand(action.argv, `resync of ${action.datasource}`);
          break;
        case 'sync-files':
        case 'dump-database':
        case 'dump-index':
        case 'write-manifest':
        case 'prune-snapshot':
        case 'remove-files':
        case 'drop-database':
          throw new Error(`${action.action} does not belong in a restore plan`);
        default:
          assertNever(action);
      }
      if (action.action === 'patch-config') warnings.push(...(await checkRestored(run)));
    } catch (error) {
      failure ??= error instanceof Error ? error : new Error(String(error));
    }
  }
  if (failure !== undefined) {
    if (safety) reporter.warn(`the restore failed part-way; undo it with cellar apply --restore --snapshot ${safety.id}`);
    throw failure;
  }
  return { safety, todo, warnings };
}

function refuseDamaged(run: RestoreRun): void {
  const { observation } = run;
  const { problems } = verifySnapshot(run.actions.target.path, observation.observed.snapshot, { readData: false });
  if (problems.length > 0) {
    throw new CellarError('SNAPSHOT_DAMAGED', `snapshot ${observation.observed.snapshot.id} is damaged and will not be restored; run cellar verify, then restore another snapshot`, { details: problems.slice(0, 20) });
  }
}

function refuseLiveCells(workingDir: string): void {
  const users = findFolderUsers(workingDir);
  if (users.length === 0) return;
  const who = users.slice(0, 3).map((user) => `pid ${user.pid} ${user.command}`).join(', ');
  throw new CellarError('CELLS_RUNNING', `Cells is running in ${workingDir} (${who}); stop it first, or declare cells.service so that cellar stops it`);
}

async function takeSafetySnapshot(run: RestoreRun, action: Extract<Action, { action: 'safety-snapshot' }>): Promise<Manifest> {
  const { observed } = run.observation;
  const target = run.actions.target.path;
  const draft = beginSnapshot(target, run.now, run.reporter);
  try {
    for (const tree of action.trees) await draft.copyTree(tree, { folder: run.observation.snapshotFolder, manifest: observed.snapshot });
    const database = run.observation.database;
    if (action.database !== undefined && database) {
      await draft.dumpDatabase(database.source, database.server, await currentFingerprint(database.source, database.server));
    }
    return draft.finish(action.trees, {
      kind: 'safety',
      cells: { workingDir: observed.workingDir, version: null, generation: null },
      config: configFiles.map((name) => ({ name, sha256: sha256File(join(observed.workingDir, name)) })),
      excluded: observed.snapshot.excluded,
      warnings: [],
      restoreOf: observed.snapshot.id,
    }, run.now);
  } catch (error) {
    draft.discard();
    throw error;
  }
}

async function restoreTree(run: RestoreRun, action: Extract<Action, { action: 'restore-files' }>): Promise<void> {
  const target = run.actions.target.path;
  if (relativeInside(target, action.destination) !== undefined || relativeInside(action.destination, target) !== undefined) {
    throw new CellarError('PLAN_UNSAFE', `refusing to restore into ${action.destination}: it overlaps the target ${target}`);
  }
  const part = restoredPart(action.tree);
  makeFolder(action.destination);
  await rsyncCopy({
    source: join(run.observation.snapshotFolder, action.tree.snapshotPath),
    destination: action.destination,
    exclude: part.exclude,
    only: part.only,
    delete: true,
  });
}

async function createRestoreDatabase(run: RestoreRun): Promise<void> {
  const database = requireDatabase(run);
  const connection = await connect(database.admin ?? database.source.login);
  try {
    await createDatabase(connection, database.source.name);
    if (database.admin && database.admin.user !== database.source.login.user) {
      const accounts = await grantToUser(connection, database.source.name, database.source.login.user);
      if (accounts === 0) run.reporter.warn(`no account named ${database.source.login.user} exists on the server; create it and grant it ${database.source.name}`);
    }
  } finally {
    await connection.end();
  }
}

async function loadRestoreDatabase(run: RestoreRun, action: Extract<Action, { action: 'load-database' }>): Promise<void> {
  const database = requireDatabase(run);
  const connection = await connect(database.admin ?? database.source.login, database.source.name);
  try {
    await dropAllTables(connection, database.source.name);
  } finally {
    await connection.end();
  }
  await loadDump({
    login: database.admin ?? database.source.login,
    server: database.server,
    database: database.source.name,
    dump: join(run.observation.snapshotFolder, action.dump),
    onProgress: (bytes) => { run.reporter.progress('loading the database', bytes, undefined, 'bytes'); },
  });
  run.reporter.progressDone();
}

/** Writes pydio.json atomically with the snapshot copy's mode and owner, after checking it is the planned text. */
function writeConfig(run: RestoreRun, action: Extract<Action, { action: 'patch-config' }>): void {
  const text = run.observation.patchedText;
  if (createHash('sha256').update(text).digest('hex') !== action.sha256) {
    throw new CellarError('SAVED_PLAN_STALE', 'saved plan is stale: the pydio.json patch changed since it was made; run cellar plan --restore again');
  }
  const { mode, uid, gid } = statOwner(run.observation.snapshotConfig);
  makeFolder(run.observation.observed.workingDir);
  writeFileAtomic(action.file, text, { mode, owner: { uid, gid } });
}

/** After the restore: the new DSN connects and holds the snapshot's tables, folders and vault files are there. */
async function checkRestored(run: RestoreRun): Promise<string[]> {
  const problems: string[] = [];
  const { observed } = run.observation;
  for (const file of vaultFiles) {
    if (!pathExists(join(observed.workingDir, file))) problems.push(`${file} is missing from ${observed.workingDir}: Cells cannot decrypt its datasource secrets`);
  }
  const cells = parseCellsConfig(run.observation.patchedText);
  for (const info of cells.datasources) {
    if (run.plan.datasources[info.name]?.backup === 'files' && info.folder !== undefined && !pathExists(info.folder)) {
      problems.push(`the folder of datasource ${info.name}, ${info.folder}, does not exist after the restore`);
    }
  }
  const mysql = cells.defaultMysql;
  const expected = observed.snapshot.database?.tables ?? [];
  if (mysql && expected.length > 0) {
    const endpoint = dsnEndpoint(mysql.dsn);
    const login = {
      host: 'host' in endpoint ? endpoint.host : '127.0.0.1',
      port: 'port' in endpoint ? endpoint.port : 3306,
      socket: 'socket' in endpoint ? endpoint.socket : undefined,
      user: mysql.dsn.user,
      password: mysql.dsn.password,
    };
    const connection = await connect(login, mysql.dsn.database);
    try {
      const present = new Set(await tableNames(connection, mysql.dsn.database));
      const missing = expected.filter((table) => !present.has(table));
      if (missing.length > 0) problems.push(`the restored database lacks ${missing.length} tables (${missing.slice(0, 3).join(', ')})`);
    } finally {
      await connection.end();
    }
  }
  for (const problem of problems) run.reporter.warn(problem);
  return problems;
}

function requireDatabase(run: RestoreRun): NonNullable<RestoreObservation['database']> {
  if (!run.observation.database) throw new Error('a database action without an observed database');
  return run.observation.database;
}
