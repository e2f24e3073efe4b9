import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { PlanFile } from '../config/plan.js';
import { CellarError } from '../core/errors.js';
import { writeFileAtomic } from '../adapters/fs/atomic-write.js';
import { writeFailure } from '../adapters/fs/errno.js';
import { makeFolder, removeTree } from '../adapters/fs/folders.js';
import { setModified } from '../adapters/fs/entry-fixes.js';
import { isFolder } from '../adapters/fs/exists.js';
import { clearRestoreMarker, markRestoring } from '../adapters/fs/restore-marker.js';
import { fsPath } from '../adapters/fs/path-bytes.js';
import { findFolderUsers } from '../adapters/process/folder-users.js';
import { runPlanCommand } from './plan-command.js';
import { serviceControl } from './service-control.js';
import { settle } from './settle.js';
import type { HeldLock } from '../model/lock.js';
import type { Host, SnapshotStore } from '../model/ports.js';
import { parseCellsConfig } from '../cells/cells-config.js';
import { refuseOverlaps, type RestoreObservation } from '../observe/observe-restore.js';
import { currentFingerprint } from '../observe/observe-database.js';
import type { Manifest } from '../model/manifest.js';
import { loadStore, storeFingerprint } from '../adapters/process/store-command.js';
import { secretEnvNames } from '../config/secret-names.js';
import type {
  CheckRestore,
  LoadDatabase,
  LoadIndex,
  LoadStore,
  PatchConfig,
  RestoreAction,
  RestoreFiles,
  RestorePlan,
  SafetySnapshot,
} from '../model/actions.js';
import { printablePath } from '../model/text.js';
import { restoredPart } from '../config/layout.js';
import { checkRestored } from './check-restored.js';
import { sealRestore } from './seal-restore.js';
import { copyProgress, withoutProgress, type Reporter } from './reporter.js';
import { createRestoreDatabase, loadRestoreDatabase, loadRestoreIndex, type IndexSource, type LoadSource } from './restore-database.js';
import { runActions, type Handlers } from './run-actions.js';
import { beginSnapshot } from './snapshot-draft.js';
import { restorePathFromSnapshot } from './restore-path.js';

export interface RestoreRun {
  readonly plan: PlanFile;
  readonly actions: RestorePlan;
  readonly observation: RestoreObservation;
  /** pydio.json as the plan's patch-config action writes it (its sha256 is in the action). */
  readonly patchedText: string;
  readonly store: SnapshotStore;
  readonly host: Host;
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
 * a live Cells first, then runs the actions in order. The working dir is marked as being restored
 * before the first change and the mark is cleared by the check that follows the last one. The
 * snapshot is only ever read; rsync's --delete acts only inside the restore destinations.
 */
// eslint-disable-next-line max-lines-per-function -- the handler table shares the run's service, database lane and check time; each handler is a few lines
export async function runRestore(run: RestoreRun): Promise<RestoreOutcome> {
  const { actions, observation, reporter } = run;
  const { workingDir } = observation.observed;
  refuseDamaged(run);
  const destinations = actions.actions.flatMap((action) => (action.action === 'restore-files' || action.action === 'restore-path' ? [action.destination] : []));
  await refuseOverlaps(actions.target.path, [workingDir, ...destinations]);
  if (!actions.actions.some((action) => action.action === 'stop-service')) refuseLiveCells(workingDir);

  let safety: Manifest | undefined;
  const todo: string[] = [];
  const warnings: string[] = [];
  const service = serviceControl(run.host, run.plan, run.lock);
  const database = databaseLane(run);
  // The time from which what the restore writes is checked byte for byte; set when the working dir is marked.
  let since: number | undefined;
  const changing = (): number => (since ??= markInstallation(run));

  const handlers: Handlers<RestoreAction> = {
    'stop-service': async (action) => {
      await service.stop(action.argv);
      await awaitReleased(workingDir);
    },
    'start-service': async (action, state) => {
      // Never on a database still loading, whatever failed.
      await database.settled();
      if (!state.failed || service.stopped) await service.start(action.argv);
    },
    'safety-snapshot': async (action) => {
      safety = await takeSafetySnapshot(run, action);
      reporter.info(`safety snapshot ${safety.id} keeps what the restore overwrites`);
    },
    'restore-files': async (action) => {
      changing();
      // Written to first, so that a destination that cannot be written fails before the database is touched.
      if (action.absent) removeTree(action.destination);
      else prepareDestination(action);
      database.startBeside();
      if (!action.absent) await restoreTree(run, action);
    },
    'restore-path': async (action) => {
      changing();
      await restorePathFromSnapshot(run.host, run.observation.snapshotFolder, action, reporter);
    },
    'load-index': async (action) => {
      changing();
      await loadRestoreIndex(requireDatabase(run), indexSource(run, action), reporter);
    },
    'create-database': async () => {
      changing();
      await database.created();
    },
    'load-database': async () => {
      changing();
      await database.loaded();
    },
    'load-store': async (action) => {
      changing();
      await restoreStore(run, action);
    },
    'patch-config': (action) => {
      changing();
      writeConfig(run, action);
    },
    'check-restore': async (action) => {
      const sealed = sealInstallation(run, action, changing());
      warnings.push(...sealed.warnings, ...(await checkInstallation(run)));
      clearRestoreMarker(workingDir);
      sealed.setFolderTimes();
    },
    'resync-datasource': async (action) => {
      if (action.run) await runPlanCommand(run.host, run.plan, action.argv, `resync of ${action.datasource}`);
      else todo.push(action.argv.join(' '));
    },
  };
  const failure = await runActions(actions.actions, handlers, {
    reporter,
    always: ['start-service'],
    explain: (error, action) => writeFailure(error, writtenFolder(run, action)) ?? error,
  });
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
    created: async () => {
      rethrow(await start(run.reporter).created);
    },
    loaded: async () => {
      rethrow(await start(run.reporter).loaded);
    },
    settled: async () => {
      await work?.loaded;
    },
  };
}

/** The folder an action writes in, for the one-line error of a full or read-only disk. */
function writtenFolder(run: RestoreRun, action: RestoreAction): string {
  if (action.action === 'safety-snapshot') return run.actions.target.path;
  if (action.action === 'restore-files') return action.destination;
  return run.observation.observed.workingDir;
}

/** Refuses a snapshot that this run's observation found damaged (it verified the snapshot moments ago). */
function refuseDamaged(run: RestoreRun): void {
  const { snapshot, verification } = run.observation.observed;
  const { problems, problemCount } = verification;
  if (problemCount > 0) {
    throw new CellarError('SNAPSHOT_DAMAGED', `snapshot ${snapshot.id} is damaged and will not be restored; run cellar verify, then restore another snapshot`, {
      details: problems.slice(0, 20),
    });
  }
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
  const who = users
    .slice(0, 3)
    .map((user) => `pid ${user.pid} ${user.command}`)
    .join(', ');
  throw new CellarError('CELLS_RUNNING', `Cells is running in ${workingDir} (${who}); stop it first, or declare cells.service so that cellar stops it`);
}

async function takeSafetySnapshot(run: RestoreRun, action: SafetySnapshot): Promise<Manifest> {
  const { observed } = run.observation;
  const draft = beginSnapshot(run.store, run.host, run.now, run.reporter);
  try {
    const baseline = { folder: run.observation.snapshotFolder, manifest: observed.snapshot };
    // Hard links from the snapshot only where equal size and time prove equal bytes.
    await draft.copyTrees(action.trees.map(({ tree, linkFromSnapshot }) => ({ tree, baseline: linkFromSnapshot ? baseline : undefined })));
    const database = run.observation.database;
    if (action.database !== undefined && database) {
      const source = { name: database.source.name, login: database.admin ?? database.source.login };
      await draft.dumpDatabase(source, database.server, await currentFingerprint(source, database.server));
    }
    for (const store of action.stores) await draft.dumpStore(store, secretEnvNames(run.plan));
    return await draft.finish(
      action.trees.map(({ tree }) => tree),
      {
        kind: 'safety',
        cells: { workingDir: observed.workingDir, version: null, generation: null },
        config: draft.configDigests(),
        excluded: observed.snapshot.excluded,
        warnings: [],
        restoreOf: observed.snapshot.id,
      },
      run.now,
    );
  } catch (error) {
    await draft.discard();
    throw error;
  }
}

/** Feeds the snapshot's dump of a store to its restore command, then checks the store's fingerprint is the snapshot's. */
async function restoreStore(run: RestoreRun, action: LoadStore): Promise<void> {
  const hide = secretEnvNames(run.plan);
  run.reporter.info(`loading store ${action.store} with ${action.argv[0] ?? '?'}`);
  await loadStore({ argv: action.argv, what: `the restore command of stores.${action.store}`, hide }, join(run.observation.snapshotFolder, action.dump));
  const now = await storeFingerprint({ argv: action.check, what: `the fingerprint command of stores.${action.store}`, hide });
  if (now !== action.fingerprint) {
    throw new CellarError(
      'RESTORE_INCOMPLETE',
      `store ${action.store} does not hold the snapshot's dump after its restore command ran (its fingerprint differs); check stores.${action.store}.restore (does it replace the store, e.g. mongorestore --drop?) and apply the restore again`,
    );
  }
}

/** Makes the destination and clears the files rsync's quick check would wrongly keep. */
function prepareDestination(action: RestoreFiles): void {
  makeFolder(action.destination);
  removeMismatched(action.destination, action.replace);
}

async function restoreTree(run: RestoreRun, action: RestoreFiles): Promise<void> {
  const part = restoredPart(action.tree);
  await run.host.copyTo({
    source: join(run.observation.snapshotFolder, action.tree.snapshotPath),
    destination: action.destination,
    exclude: part.exclude,
    only: part.only,
    delete: true,
    leaveOut: action.leaveOut,
    onProgress: (copied) => {
      run.reporter.progress(`restoring ${action.tree.id}`, copyProgress(copied, action.expected));
    },
  });
  run.reporter.progressDone();
}

function loadSource(run: RestoreRun, action: LoadDatabase): LoadSource {
  const { snapshot } = run.observation.observed;
  if (!snapshot.database) throw new Error('load-database for a snapshot without a dump');
  return { dump: join(run.observation.snapshotFolder, action.dump), sha256: snapshot.database.sha256, snapshot: snapshot.id, target: run.actions.target.path };
}

function indexSource(run: RestoreRun, action: LoadIndex): IndexSource {
  const { dump, sha256, tables, datasource } = action;
  return {
    datasource,
    dump: join(run.observation.snapshotFolder, dump),
    sha256,
    tables,
    snapshot: run.observation.observed.snapshot.id,
    target: run.actions.target.path,
  };
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

/** Writes pydio.json atomically with the planned mode and owner, after checking it is the planned text. */
function writeConfig(run: RestoreRun, action: PatchConfig): void {
  const text = run.patchedText;
  if (createHash('sha256').update(text).digest('hex') !== action.sha256) {
    throw new CellarError('SAVED_PLAN_STALE', 'saved plan is stale: the pydio.json patch changed since it was made; run cellar plan --restore again');
  }
  makeFolder(run.observation.observed.workingDir);
  writeFileAtomic(action.file, text, { mode: action.mode, owner: action.owner });
  // Unpatched, it is the snapshot's file: its time comes back with it.
  if (action.mtimeMs !== undefined) setModified(action.file, action.mtimeMs);
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
function sealInstallation(run: RestoreRun, action: CheckRestore, since: number): { readonly warnings: readonly string[]; readonly setFolderTimes: () => void } {
  const { observed, snapshotFolder } = run.observation;
  const trees = action.trees
    .filter((checked) => isFolder(checked.destination))
    .map((checked) => ({ part: checked.part, destination: checked.destination, list: join(snapshotFolder, checked.tree.list) }));
  const owners = { uids: new Map(action.owners.uids), gids: new Map(action.owners.gids) };
  const outcome = sealRestore(trees, { since, owners });
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
  const { observed } = run.observation;
  const problems = await checkRestored(run.plan, parseCellsConfig(run.patchedText), observed.workingDir, observed.snapshot.database?.tables ?? []);
  for (const problem of problems) run.reporter.warn(problem);
  return problems;
}

function requireDatabase(run: RestoreRun): NonNullable<RestoreObservation['database']> {
  if (!run.observation.database) throw new Error('a database action without an observed database');
  return run.observation.database;
}
