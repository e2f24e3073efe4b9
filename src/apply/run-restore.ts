import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Plan } from '../config/plan.js';
import { CellarError } from '../core/errors.js';
import { assertNever } from '../core/assert-never.js';
import { writeFileAtomic } from '../adapters/fs/atomic-write.js';
import { writeFailure } from '../adapters/fs/errno.js';
import { makeFolder, removeTree } from '../adapters/fs/folders.js';
import { setModified } from '../adapters/fs/entry-fixes.js';
import { isFolder } from '../adapters/fs/exists.js';
import { clearRestoreMarker, markRestoring } from '../adapters/fs/restore-marker.js';
import { fsPath } from '../adapters/fs/path-bytes.js';
import { statOwner } from '../adapters/fs/stat-owner.js';
import { findFolderUsers } from '../adapters/process/folder-users.js';
import { runPlanCommand } from './plan-command.js';
import { serviceControl } from './service-control.js';
import { settle, toError } from './settle.js';
import { rsyncCopy } from '../adapters/rsync/rsync.js';
import type { HeldLock } from '../adapters/target/lock.js';
import { parseCellsConfig } from '../cells/cells-config.js';
import { refuseOverlaps, type RestoreObservation } from '../observe/observe-restore.js';
import { currentFingerprint } from '../observe/observe-database.js';
import { restoredPart } from '../config/layout.js';
import { isAbsent, type Manifest } from '../model/manifest.js';
import type { Action, ActionPlan } from '../model/types.js';
import { printablePath } from '../model/text.js';
import { checkRestored } from './check-restored.js';
import { sealRestore } from './seal-restore.js';
import { copyProgress, copySize, withoutProgress, type Reporter } from './reporter.js';
import { createRestoreDatabase, loadRestoreDatabase, type LoadSource } from './restore-database.js';
import { beginSnapshot } from './snapshot-draft.js';

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

/** How long a stopped Cells may take to let go of its working dir. */
const stopGraceMs = 15_000;

/**
 * Carries out a restore plan: refuses a damaged snapshot, destinations that overlap the target or
 * a live Cells first, then runs the actions in order, checks the result once everything is in
 * place, and starts Cells again if it stopped it. The snapshot is only ever read; rsync's --delete
 * acts only inside the restore destinations.
 */
export async function runRestore(run: RestoreRun): Promise<RestoreOutcome> {
  const { actions, observation, reporter } = run;
  const { observed } = observation;
  refuseDamaged(run);
  const destinations = actions.actions.flatMap((action) => (action.action === 'restore-files' ? [action.destination] : []));
  await refuseOverlaps(actions.target.path, [observed.workingDir, ...destinations]);
  const stops = actions.actions.some((action) => action.action === 'stop-service');
  if (!stops) refuseLiveCells(observed.workingDir);
  const firstChange = actions.actions.findIndex(changesInstallation);
  const lastChange = actions.actions.findLastIndex(changesInstallation);
  let since = 0;
  // Resyncs talk to a running Cells: cellar runs them only when it starts Cells itself.
  const runsResyncs = run.plan.cells.binary !== undefined && actions.actions.some((action) => action.action === 'start-service');

  let safety: Manifest | undefined;
  const todo: string[] = [];
  const warnings: string[] = [];
  const service = serviceControl(run.plan, run.lock);
  const database = databaseLane(run);
  let failure: Error | undefined;
  for (const [index, action] of actions.actions.entries()) {
    if (failure !== undefined && action.action !== 'start-service') continue;
    reporter.step(action, index, actions.actions.length);
    try {
      if (index === firstChange) since = markInstallation(run);
      switch (action.action) {
        case 'stop-service':
          await service.stop(action.argv);
          await awaitReleased(observed.workingDir);
          break;
        case 'start-service':
          // Never on a database still loading, whatever failed.
          await database.settled();
          if (failure === undefined || service.stopped) await service.start(action.argv);
          break;
        case 'safety-snapshot':
          safety = await takeSafetySnapshot(run, action);
          reporter.info(`safety snapshot ${safety.id} keeps what the restore overwrites`);
          break;
        case 'restore-files':
          // Written to first, so that a destination that cannot be written fails before the database is touched.
          if (action.absent) removeTree(action.destination);
          else prepareDestination(run, action);
          database.startBeside();
          if (!action.absent) await restoreTree(run, action);
          break;
        case 'create-database':
          await database.created();
          break;
        case 'load-database':
          await database.loaded();
          break;
        case 'patch-config':
          writeConfig(run, action);
          break;
        case 'resync-datasource':
          if (runsResyncs) await runPlanCommand(run.plan, action.argv, `resync of ${action.datasource}`);
          else todo.push(action.argv.join(' '));
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
      if (index === lastChange) {
        const sealed = sealInstallation(run, since);
        warnings.push(...sealed.warnings, ...(await checkInstallation(run)));
        clearRestoreMarker(observed.workingDir);
        sealed.setFolderTimes();
      }
    } catch (error) {
      failure ??= writeFailure(error, writtenFolder(run, action)) ?? toError(error);
    }
  }
  if (failure !== undefined) {
    await database.settled();
    if (safety) reporter.warn(`the restore failed part-way; undo it with cellar apply --restore --snapshot ${safety.id}`);
    throw failure;
  }
  return { safety, todo, warnings };
}

/**
 * The plan's create-database and load-database actions as one lane of work. They need nothing the
 * file copies make, so with a load to do they start with the first copy (`startBeside`, without
 * progress lines) and their steps wait for them; otherwise they start at their own step.
 */
interface DatabaseLane {
  startBeside(): void;
  /** Waits for the database to exist; throws the lane's error. */
  created(): Promise<void>;
  /** Waits for the dump to be loaded; throws the lane's error. */
  loaded(): Promise<void>;
  /** Waits for whatever the lane started, ignoring its outcome. */
  settled(): Promise<void>;
}

function databaseLane(run: RestoreRun): DatabaseLane {
  const create = run.actions.actions.find((action) => action.action === 'create-database');
  const load = run.actions.actions.find((action) => action.action === 'load-database');
  // Each step settles to its error, so that nothing rejects unheard while other steps run.
  let work: { readonly created: Promise<Error | undefined>; readonly loaded: Promise<Error | undefined> } | undefined;
  const start = (reporter: Reporter): NonNullable<typeof work> => {
    if (work) return work;
    const database = requireDatabase(run);
    const created = create ? settle(() => createRestoreDatabase(database, create, reporter)) : Promise.resolve(undefined);
    const loaded = created.then((error) => (error || !load ? error : settle(() => loadRestoreDatabase(database, loadSource(run, load), reporter))));
    work = { created, loaded };
    return work;
  };
  const rethrow = (error: Error | undefined): void => {
    if (error) throw error;
  };
  return {
    startBeside() {
      if (work || !load) return;
      run.reporter.info('the database loads beside the file copies');
      start(withoutProgress(run.reporter));
    },
    created: async () => { rethrow(await start(run.reporter).created); },
    loaded: async () => { rethrow(await start(run.reporter).loaded); },
    settled: async () => { await work?.loaded; },
  };
}

/** The folder an action writes in, for the one-line error of a full or read-only disk. */
function writtenFolder(run: RestoreRun, action: Action): string {
  if (action.action === 'safety-snapshot') return run.actions.target.path;
  if (action.action === 'restore-files') return action.destination;
  return run.observation.observed.workingDir;
}

/** Refuses a snapshot that this run's observation found damaged (it verified the snapshot moments ago). */
function refuseDamaged(run: RestoreRun): void {
  const { snapshot, problems, problemCount } = run.observation.observed;
  if (problemCount > 0) {
    throw new CellarError('SNAPSHOT_DAMAGED', `snapshot ${snapshot.id} is damaged and will not be restored; run cellar verify, then restore another snapshot`, { details: problems.slice(0, 20) });
  }
}

/** The actions that write the restored installation; the checks run after the last of them. */
function changesInstallation(action: Action): boolean {
  return ['restore-files', 'create-database', 'load-database', 'patch-config'].includes(action.action);
}

/** After a stop command: waits for Cells to let go of the working dir, and refuses to go on if it does not. */
async function awaitReleased(workingDir: string): Promise<void> {
  const deadline = Date.now() + stopGraceMs;
  while (findFolderUsers(workingDir).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  refuseLiveCells(workingDir);
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
    const baseline = { folder: run.observation.snapshotFolder, manifest: observed.snapshot };
    // Hard links from the snapshot only where equal size and time prove equal bytes.
    await draft.copyTrees(action.trees.map((tree) => ({ tree, baseline: run.observation.trusted.has(tree.id) ? baseline : undefined })));
    const database = run.observation.database;
    if (action.database !== undefined && database) {
      const source = { name: database.source.name, login: database.admin ?? database.source.login };
      await draft.dumpDatabase(source, database.server, await currentFingerprint(source, database.server));
    }
    return await draft.finish(action.trees, {
      kind: 'safety',
      cells: { workingDir: observed.workingDir, version: null, generation: null },
      config: draft.configDigests(),
      excluded: observed.snapshot.excluded,
      warnings: [],
      restoreOf: observed.snapshot.id,
    }, run.now);
  } catch (error) {
    await draft.discard();
    throw error;
  }
}

/** Makes the destination and clears the files rsync's quick check would wrongly keep. */
function prepareDestination(run: RestoreRun, action: Extract<Action, { action: 'restore-files' }>): void {
  makeFolder(action.destination);
  removeMismatched(action.destination, run.observation.mismatched.get(action.tree.id) ?? []);
}

async function restoreTree(run: RestoreRun, action: Extract<Action, { action: 'restore-files' }>): Promise<void> {
  const part = restoredPart(action.tree);
  const counts = run.observation.observed.destinations.find((observed) => observed.tree.id === action.tree.id)?.comparison.counts;
  const expected = counts && copySize(counts);
  await rsyncCopy({
    source: join(run.observation.snapshotFolder, action.tree.snapshotPath),
    destination: action.destination,
    exclude: part.exclude,
    only: part.only,
    delete: true,
    leaveOut: action.leaveOut,
    onProgress: (copied) => { run.reporter.progress(`restoring ${action.tree.id}`, copyProgress(copied, expected)); },
  });
  run.reporter.progressDone();
}

function loadSource(run: RestoreRun, action: Extract<Action, { action: 'load-database' }>): LoadSource {
  const { snapshot } = run.observation.observed;
  if (!snapshot.database) throw new Error('load-database for a snapshot without a dump');
  return { dump: join(run.observation.snapshotFolder, action.dump), sha256: snapshot.database.sha256, snapshot: snapshot.id, target: run.actions.target.path };
}

/** Removes files whose size and time match the snapshot's but whose bytes do not: rsync's quick check would keep them. */
function removeMismatched(destination: string, paths: readonly string[]): void {
  for (const path of paths) {
    const file = fsPath(destination, path);
    if (typeof file !== 'string') {
      throw new CellarError('FILESYSTEM', `cannot replace ${printablePath(path)} in ${destination}: its name is not UTF-8; remove it by hand and apply again`);
    }
    removeTree(file);
  }
}

/** Writes pydio.json atomically with the snapshot copy's mode and owner, after checking it is the planned text. */
function writeConfig(run: RestoreRun, action: Extract<Action, { action: 'patch-config' }>): void {
  const text = run.observation.patchedText;
  if (createHash('sha256').update(text).digest('hex') !== action.sha256) {
    throw new CellarError('SAVED_PLAN_STALE', 'saved plan is stale: the pydio.json patch changed since it was made; run cellar plan --restore again');
  }
  const { mode, uid, gid, mtimeMs } = statOwner(run.observation.snapshotConfig);
  const { uids, gids } = run.observation.ownerMap;
  makeFolder(run.observation.observed.workingDir);
  writeFileAtomic(action.file, text, { mode, owner: { uid: uids.get(uid) ?? uid, gid: gids.get(gid) ?? gid } });
  // Unpatched, it is the snapshot's file: its time comes back with it.
  if (run.observation.observed.patch.changes.length === 0) setModified(action.file, mtimeMs);
}

/**
 * Marks the working dir as being restored before the first write, so that a failure or a kill
 * leaves that fact behind; returns the time from which what the restore writes is checked.
 */
function markInstallation(run: RestoreRun): number {
  const { workingDir, snapshot } = run.observation.observed;
  makeFolder(workingDir);
  const started = new Date();
  markRestoring(workingDir, { snapshot: snapshot.id, started: started.toISOString() });
  // A margin for file systems whose change times are coarser than the clock.
  return started.getTime() - 2000;
}

/**
 * Makes every destination exactly what the snapshot's lists record (owners, folder times, no
 * extra entries) and checks what the restore copied byte for byte; what still differs fails the
 * restore, leaving the working dir marked as an incomplete restore.
 */
function sealInstallation(run: RestoreRun, since: number): { readonly warnings: readonly string[]; readonly setFolderTimes: () => void } {
  const { observed, snapshotFolder, ownerMap } = run.observation;
  const trees = observed.destinations
    .filter((destination) => !isAbsent(destination.tree) && isFolder(destination.destination))
    .map((destination) => ({ part: restoredPart(destination.tree), destination: destination.destination, list: join(snapshotFolder, destination.tree.list) }));
  const outcome = sealRestore(trees, { since, owners: ownerMap });
  if (outcome.problemCount > 0) {
    const count = outcome.problemCount === 1 ? '1 entry differs' : `${outcome.problemCount} entries differ`;
    throw new CellarError(
      'RESTORE_INCOMPLETE',
      `the restore did not give back what snapshot ${observed.snapshot.id} holds: ${count}; ${observed.workingDir} stays marked as an incomplete restore (restore another snapshot, or the safety snapshot)`,
      { details: outcome.problems },
    );
  }
  const warnings: string[] = [];
  if (outcome.removed > 0) warnings.push(`removed ${outcome.removed} entries that the snapshot's lists do not hold`);
  if (outcome.ownersLeft > 0) warnings.push(`${outcome.ownersLeft} entries keep this user as their owner: only root can give them theirs back`);
  for (const warning of warnings) run.reporter.warn(warning);
  return { warnings, setFolderTimes: outcome.setFolderTimes };
}

/** Checks the restored installation and reports each problem as a warning. */
async function checkInstallation(run: RestoreRun): Promise<string[]> {
  const { observed, patchedText } = run.observation;
  const problems = await checkRestored(run.plan, parseCellsConfig(patchedText), observed.workingDir, observed.snapshot.database?.tables ?? []);
  for (const problem of problems) run.reporter.warn(problem);
  return problems;
}

function requireDatabase(run: RestoreRun): NonNullable<RestoreObservation['database']> {
  if (!run.observation.database) throw new Error('a database action without an observed database');
  return run.observation.database;
}
