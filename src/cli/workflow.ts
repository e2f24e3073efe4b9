import { sha256File } from '../adapters/fs/hash-file.js';
import { localHost } from '../adapters/host/local-host.js';
import type { Reporter } from '../apply/reporter.js';
import { runBackup } from '../apply/run-backup.js';
import { indexSnapshotCommand } from '../cells/admin-commands.js';
import type { PlanFile } from '../config/plan.js';
import { isFolder } from '../adapters/fs/exists.js';
import { findFolderUsers } from '../adapters/process/folder-users.js';
import { runRestore } from '../apply/run-restore.js';
import { runUninstall } from '../apply/run-uninstall.js';
import { observeBackup, type ObserveOptions } from '../observe/observe-backup.js';
import { observeRestore, restoreSpec } from '../observe/observe-restore.js';
import { targetStore } from '../observe/target-store.js';
import type { HeldLock } from '../model/lock.js';
import type { SnapshotStore } from '../model/ports.js';
import { planRestore } from '../plan/restore-plan.js';
import { planUninstall } from '../plan/uninstall-plan.js';
import { planBackup } from '../plan/backup-plan.js';
import type { Manifest } from '../model/manifest.js';
import type { PlanOptions } from '../plan/saved-plan.js';
import { formatBytes } from '../model/text.js';
import { relativeInside } from '../model/paths.js';
import type { ObservedTree } from '../model/ports.js';
import type { ActionPlan, ModePlan, PlanMode } from '../model/actions.js';
import type { Io } from './io.js';

/** What an apply reports when it is done. */
export interface Outcome {
  /** The snapshot written: a backup's, or a restore's safety snapshot. */
  readonly snapshot: string | undefined;
  readonly summary: string;
  readonly warnings: readonly string[];
  /** Commands left for the operator (resyncs when cellar cannot run Cells itself). */
  readonly todo: readonly string[];
}

/** A plan made from fresh observations, and the way to carry it out. */
export interface Prepared {
  readonly plan: PlanFile;
  readonly planSha256: string;
  readonly actionPlan: ActionPlan;
  /** Carries out `actions` (the ones just planned, or a saved plan's), holding `lock`. */
  readonly execute: (actions: ActionPlan, lock: HeldLock, reporter: Reporter) => Promise<Outcome>;
}

export interface PrepareOptions {
  readonly plan: PlanFile;
  readonly planPath: string;
  readonly options: PlanOptions;
  readonly verbose: boolean;
  /** The target the options name, opened once for the run. */
  readonly store: SnapshotStore;
  readonly lock?: HeldLock | undefined;
}

const pathsShown = 10;

/** Observes and plans in the requested mode. */
export async function prepare(io: Io, prepareOptions: PrepareOptions): Promise<Prepared> {
  const { options } = prepareOptions;
  const context: PrepareContext = {
    ...prepareOptions,
    planSha256: sha256File(prepareOptions.planPath) ?? '',
    observeOptions: { env: io.env, keepPaths: prepareOptions.verbose ? Number.MAX_SAFE_INTEGER : pathsShown, lock: prepareOptions.lock, host: localHost },
  };
  switch (options.mode) {
    case 'backup':
      return prepareBackup(context);
    case 'restore':
      return prepareRestore(context, options);
    case 'uninstall':
      return prepareUninstall(context, options);
  }
}

interface PrepareContext extends PrepareOptions {
  readonly planSha256: string;
  readonly observeOptions: ObserveOptions;
}

async function prepareBackup({ plan, planSha256, store, observeOptions }: PrepareContext): Promise<Prepared> {
  const observation = await observeBackup(plan, store, observeOptions);
  const binary = plan.cells.binary;
  const actionPlan = planBackup(plan, observation.observed, {
    now: new Date(),
    indexSnapshotArgv: binary === undefined ? undefined : (datasource) => indexSnapshotCommand(binary, datasource),
  });
  return {
    plan,
    planSha256,
    actionPlan,
    execute: async (actions, lock, reporter) => {
      const { manifest, warnings } = await runBackup({
        plan,
        actions: inMode(actions, 'backup'),
        observation,
        store,
        host: observeOptions.host,
        lock,
        reporter,
        now: new Date(),
      });
      return { snapshot: manifest?.id, summary: manifest ? describeSnapshot(manifest) : 'nothing to record', warnings, todo: [] };
    },
  };
}

async function prepareRestore({ plan, planSha256, store, observeOptions }: PrepareContext, options: PlanOptions): Promise<Prepared> {
  const observation = await observeRestore(plan, store, { ...observeOptions, snapshot: options.snapshot, only: options.only, to: options.to });
  const { plan: actionPlan, patchedText } = planRestore(plan, observation.observed, { safetySnapshot: options.safetySnapshot, only: options.only });
  return {
    plan,
    planSha256,
    actionPlan,
    execute: async (actions, lock, reporter) => {
      const outcome = await runRestore({
        plan,
        actions: inMode(actions, 'restore'),
        observation,
        patchedText,
        store,
        host: observeOptions.host,
        lock,
        reporter,
        now: new Date(),
      });
      const safety = outcome.safety ? `; undo it with cellar apply --restore --snapshot ${outcome.safety.id}` : '';
      return {
        snapshot: outcome.safety?.id,
        summary: `restored snapshot ${observation.observed.snapshot.id} into ${observation.observed.workingDir}${safety}`,
        warnings: outcome.warnings,
        todo: outcome.todo,
      };
    },
  };
}

async function prepareUninstall({ plan, planSha256, store, observeOptions }: PrepareContext, options: PlanOptions): Promise<Prepared> {
  const observation = await observeBackup(plan, store, observeOptions);
  const backup = planBackup(plan, observation.observed, { now: new Date() });
  const workingDir = plan.cells.workingDir;
  const actionPlan = planUninstall(
    plan,
    {
      backup,
      databaseName: observation.database?.source.name,
      liveUsers: isFolder(workingDir) ? findFolderUsers(workingDir) : [],
      workingDirExists: isFolder(workingDir),
      workingDirHolds: holdings(workingDir, observation.observed.trees),
    },
    options,
  );
  return {
    plan,
    planSha256,
    actionPlan,
    execute: async (actions, lock, reporter) => {
      await runUninstall({ plan, actions: inMode(actions, 'uninstall'), database: observation.database?.source, host: observeOptions.host, lock, reporter });
      return { snapshot: undefined, summary: `removed ${workingDir}`, warnings: [], todo: [] };
    },
  };
}

/** Files and bytes of the trees that lie in `folder`, as just observed. */
function holdings(folder: string, trees: readonly ObservedTree[]): { files: number; bytes: number } {
  const inside = trees.filter((tree) => relativeInside(folder, tree.drift.tree.source) !== undefined);
  return { files: inside.reduce((sum, tree) => sum + tree.drift.files, 0), bytes: inside.reduce((sum, tree) => sum + tree.drift.bytes, 0) };
}

/** A plan to carry out in a mode; a saved plan's mode was checked against the fresh plan's. */
function inMode<M extends PlanMode>(actions: ActionPlan, mode: M): ModePlan<M> {
  if (actions.mode !== mode) throw new Error(`a ${actions.mode} plan cannot be applied as a ${mode}`);
  return actions as ModePlan<M>;
}

function describeSnapshot(manifest: Manifest): string {
  const files = manifest.trees.reduce((sum, tree) => sum + tree.files, 0);
  const newBytes = manifest.trees.reduce((sum, tree) => sum + tree.newBytes, 0);
  const database = manifest.database ? (manifest.database.dumped ? ', database dumped' : ', database unchanged') : '';
  return `snapshot ${manifest.id} written: ${files} files, ${formatBytes(newBytes)} new${database}`;
}

/** The store of the target the options name: a restore's comes from restore.from unless --target names one. */
export function storeFor(plan: PlanFile, options: PlanOptions): SnapshotStore {
  return targetStore(plan, options.target ?? (options.mode === 'restore' ? restoreSpec(plan).from : undefined));
}

/** The target's lock, taking it now when the target exists (so that apply observes what it will change). */
export function lockIfReady(store: SnapshotStore, command: string): HeldLock | undefined {
  return store.readState().state === 'ready' ? store.lock(command) : undefined;
}

/** Initialises a new target and takes its lock, right before the first snapshot is written. */
export function initAndLock(store: SnapshotStore, command: string): HeldLock {
  store.init();
  return store.lock(command);
}
