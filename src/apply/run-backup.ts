import type { PlanFile } from '../config/plan.js';
import { writeFailure } from '../adapters/fs/errno.js';
import { secretEnvNames } from '../config/secret-names.js';
import { runPlanCommand } from './plan-command.js';
import { serviceControl } from './service-control.js';
import { settle } from './settle.js';
import type { HeldLock } from '../model/lock.js';
import type { Host, SnapshotStore } from '../model/ports.js';
import type { BackupObservation } from '../observe/observe-backup.js';
import { dateToId, type Manifest } from '../model/manifest.js';
import { join } from 'node:path';
import { deleteSnapshot, snapshotSubvolume } from '../adapters/fs/btrfs.js';
import { resolveRealPath } from '../adapters/fs/real-path.js';
import { relativeInside } from '../model/paths.js';
import type { TreeSpec } from '../model/tree.js';
import type { BackupAction, BackupPlan, FreezeTrees, ThawTrees, WriteManifest } from '../model/actions.js';
import type { Reporter } from './reporter.js';
import { runActions, type Handlers } from './run-actions.js';
import { baselineOf, beginSnapshot, type Baseline, type SnapshotDraft } from './snapshot-draft.js';

export interface BackupRun {
  readonly plan: PlanFile;
  readonly actions: BackupPlan;
  readonly observation: BackupObservation;
  readonly store: SnapshotStore;
  readonly host: Host;
  readonly lock: HeldLock;
  readonly reporter: Reporter;
  readonly now: Date;
}

export interface BackupOutcome {
  /** The snapshot written, if any. */
  readonly manifest: Manifest | undefined;
  readonly warnings: readonly string[];
}

/**
 * Carries out a backup plan's actions in order, exactly as planned, except that a database dump
 * starts with the first file copy and runs beside them. The manifest is written last;
 * until then the new snapshot does not exist, and a failure removes what was copied. Cells is
 * started again whenever it was stopped, whatever failed in between.
 */
// eslint-disable-next-line max-lines-per-function -- the handler table shares the run's draft and database lane; each handler is a few lines
export async function runBackup(run: BackupRun): Promise<BackupOutcome> {
  const { actions, reporter, observation } = run;
  const target = actions.target.path;
  const baseline = baselineOf(run.store, observation.observed.latest);
  let draft: SnapshotDraft | undefined;
  const startDraft = (): SnapshotDraft => (draft ??= beginSnapshot(run.store, run.host, run.now, reporter));
  let manifest: Manifest | undefined;
  const service = serviceControl(run.host, run.plan, run.lock);
  // The dump needs nothing the file copies make: it starts with them (after Cells is stopped, when
  // it is) and its own step waits for it. Settled to its error, so that it never rejects unheard.
  let dumping: Promise<Error | undefined> | undefined;
  const startDump = (progress: boolean): Promise<Error | undefined> => {
    const { source, server, verdict } = requireDatabase(observation);
    dumping ??= settle(() => startDraft().dumpDatabase(source, server, verdict.fingerprint, { progress }));
    return dumping;
  };
  const dumps = actions.actions.some((action) => action.action === 'dump-database');

  const frozen = frozenTrees();

  const handlers: Handlers<BackupAction> = {
    'freeze-trees': (action) => frozen.freeze(action, dateToId(run.now)),
    'thaw-trees': (action) => frozen.thaw(action),
    'stop-service': (action) => service.stop(action.argv),
    'start-service': async (action, state) => {
      if (!state.failed || service.stopped || run.lock.tookOver?.serviceStopped === true) await service.start(action.argv);
    },
    'sync-files': async (action) => {
      if (dumps && !dumping) {
        reporter.info('the database dump runs beside the file copies');
        void startDump(false);
      }
      const copies = action.copies.map(async ({ tree, expected }) => ({ tree, baseline, expected, readFrom: await frozen.readFrom(tree) }));
      await startDraft().copyTrees(await Promise.all(copies));
    },
    'dump-database': async () => {
      const error = await startDump(true);
      if (error) throw error;
    },
    'dump-index': async (action) => {
      if (action.cellsArgv) await runPlanCommand(run.host, run.plan, action.cellsArgv, `Cells' index snapshot of ${action.datasource}`);
      if (action.tables.length > 0) {
        const database = requireDatabase(observation);
        await startDraft().dumpIndex(database.source, database.server, action.datasource, action.tables);
      }
    },
    'dump-store': (action) => startDraft().dumpStore(action, secretEnvNames(run.plan)),
    'write-manifest': async (action) => {
      const current = startDraft();
      for (const tree of action.absent) current.recordAbsent(tree);
      if (baseline) await reuseFromBaseline(run, current, baseline, action);
      manifest = await current.finish(
        action.trees,
        {
          kind: 'backup',
          cells: action.cells,
          config: current.configDigests(),
          excluded: action.excluded,
          warnings: actions.warnings,
          restoreOf: null,
        },
        run.now,
      );
    },
    'prune-snapshot': (action) => {
      if (action.leftover) run.store.removeLeftover(action.snapshot);
      else run.store.remove(action.snapshot);
    },
  };
  const failure = await runActions(actions.actions, handlers, {
    reporter,
    always: ['start-service', 'thaw-trees'],
    explain: (error) => writeFailure(error, target) ?? error,
  });
  if (failure !== undefined) {
    await dumping;
    if (draft && !manifest) await draft.discard();
    throw failure;
  }
  return { manifest, warnings: manifest?.warnings ?? [] };
}

/**
 * Hard-links what did not change from the previous snapshot. Where that snapshot turns out to be
 * damaged (a file or a dump gone), the tree is copied from the source and the database dumped
 * again instead, so one damaged snapshot never blocks the next.
 */
async function reuseFromBaseline(run: BackupRun, draft: SnapshotDraft, baseline: Baseline, action: WriteManifest): Promise<void> {
  for (const tree of action.reuse) {
    if (draft.tryReuseTree(tree, baseline)) continue;
    run.reporter.warn(`snapshot ${baseline.manifest.id} lacks files of ${tree.id}; copying them from ${tree.source} instead`);
    await draft.copyTrees([{ tree, baseline }]);
  }
  const database = run.observation.database;
  if (action.reuseDatabase && database && !draft.tryReuseDatabase(baseline, database.verdict.fingerprint)) {
    run.reporter.warn(`snapshot ${baseline.manifest.id} lacks its database dump; dumping the database again`);
    await draft.dumpDatabase(database.source, database.server, database.verdict.fingerprint);
  }
  draft.reuseIndexes(baseline);
  for (const store of action.reuseStores) {
    if (draft.tryReuseStore(baseline, store)) continue;
    run.reporter.warn(`snapshot ${baseline.manifest.id} lacks the dump of store ${store.store}; dumping it again`);
    await draft.dumpStore(store, secretEnvNames(run.plan));
  }
}

function requireDatabase(observation: BackupObservation): NonNullable<BackupObservation['database']> {
  if (!observation.database) throw new Error('a database action without an observed database');
  return observation.database;
}

interface FrozenTrees {
  freeze(action: FreezeTrees, id: string): Promise<void>;
  thaw(action: ThawTrees): Promise<void>;
  /** Where a tree is copied from: inside its subvolume's snapshot, or its source when none was taken. */
  readFrom(tree: TreeSpec): Promise<string | undefined>;
}

/** The btrfs snapshots this run takes, by subvolume, and the trees each one serves. */
function frozenTrees(): FrozenTrees {
  const taken = new Map<string, { readonly snapshot: string; readonly trees: readonly string[] }>();
  return {
    async freeze(action, id) {
      taken.set(action.subvolume, { snapshot: await snapshotSubvolume(action.subvolume, `${id}-${process.pid}`), trees: action.trees });
    },
    async thaw(action) {
      const snapshot = action.leftover ?? taken.get(action.subvolume)?.snapshot;
      if (snapshot === undefined) return;
      await deleteSnapshot(snapshot);
      if (action.leftover === undefined) taken.delete(action.subvolume);
    },
    async readFrom(tree) {
      for (const [subvolume, { snapshot, trees }] of taken) {
        if (!trees.includes(tree.id)) continue;
        const inside = relativeInside(subvolume, await resolveRealPath(tree.source));
        if (inside !== undefined) return inside === '' ? snapshot : join(snapshot, inside);
      }
      return undefined;
    },
  };
}
