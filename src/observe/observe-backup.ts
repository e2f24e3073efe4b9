import { isFolder } from '../adapters/fs/exists.js';
import { signingKeyOf } from '../adapters/secrets/signing-key.js';
import { join } from 'node:path';
import { parseCellsConfig, type CellsConfig } from '../cells/cells-config.js';
import type { PlanFile, TargetSpec } from '../config/plan.js';
import { CellarError } from '../core/errors.js';
import { readFileIfExists } from '../adapters/fs/read-file.js';
import { readRestoreMarker } from '../adapters/fs/restore-marker.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { inspectLock, type HeldLock } from '../adapters/target/lock.js';
import { readTargetState } from '../adapters/target/marker.js';
import { listSnapshots, snapshotFolder } from '../adapters/target/snapshot-store.js';
import { layoutTrees, type Layout } from '../config/layout.js';
import { configFiles } from '../model/installation.js';
import type { Manifest } from '../model/manifest.js';
import type { LockStatus } from '../model/lock.js';
import type { ObservedTarget } from '../model/target.js';
import type { ObservedBackup } from './observed.js';
import type { TreeSpec } from '../model/tree.js';
import { backupDatabase, type DatabaseSource } from './database-login.js';
import { observeDatabase, type DatabaseObservation } from './observe-database.js';
import { observeStores } from './observe-stores.js';
import { observeTrees, type TreeToObserve } from './observe-tree.js';

export interface BackupObservation {
  readonly observed: ObservedBackup;
  readonly layout: Layout;
  readonly database: (DatabaseObservation & { readonly source: DatabaseSource }) | undefined;
}

export interface ObserveOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How many changed paths to keep per tree. */
  readonly keepPaths: number;
  /** The target's lock when this run already holds it (apply): then it is not "another apply". */
  readonly lock?: HeldLock | undefined;
}

/** Gathers every fact a backup plan needs: the target, the live trees against the latest snapshot, the config files, the database. */
export async function observeBackup(plan: PlanFile, targetName: string | undefined, options: ObserveOptions): Promise<BackupObservation> {
  const spec = targetSpec(plan, targetName);
  const cells = await readCells(plan.cells.workingDir);
  const { target, latest } = withIntactLatest(observeTarget(spec, options.lock));
  const layout = layoutTrees(plan, cells);
  const config = configFiles.map((name) => ({ name, sha256: sha256File(join(plan.cells.workingDir, name)) }));
  const source = backupDatabase(plan, cells, options.env);
  const previous = source && latest?.database?.name === source.name ? latest.database.fingerprint : undefined;
  // The walks run on worker threads while this one fingerprints the database.
  const [trees, database, stores] = await Promise.all([
    observeTrees(layout.trees.map((tree) => treeToObserve(tree, latest, spec.path, options.keepPaths))),
    source ? observeDatabase(source, previous, cells).then((observation) => ({ ...observation, source })) : undefined,
    observeStores(plan, cells, plan.cells.workingDir),
  ]);
  return {
    observed: {
      target,
      latest,
      cells,
      trees,
      config,
      database: database && {
        name: database.source.name,
        verdict: database.verdict,
        indexTables: database.indexTables,
        hiddenRoutines: database.hiddenRoutines,
      },
      stores,
      excluded: layout.excluded,
      unplaced: layout.unplaced,
      incompleteRestore: readRestoreMarker(plan.cells.workingDir),
    },
    layout,
    database,
  };
}

/** The named target, or the only one; an unknown name lists the declared ones. */
export function targetSpec(plan: PlanFile, name: string | undefined): TargetSpec {
  const names = Object.keys(plan.targets);
  const chosen = name ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) {
    throw new CellarError('USAGE', `the plan declares several targets (${names.join(', ')}); choose one with --target`);
  }
  const spec = plan.targets[chosen];
  if (!spec) throw new CellarError('USAGE', `the plan has no target named ${chosen}; it declares ${names.join(', ')}`);
  return spec;
}

/** pydio.json of the working dir; a working dir without one is not a Cells installation. */
async function readCells(workingDir: string): Promise<CellsConfig> {
  if (!isFolder(workingDir)) {
    throw new CellarError('FILESYSTEM', `the working dir ${workingDir} does not exist; check cells.workingDir in the plan (or CELLS_WORKING_DIR)`);
  }
  const bytes = await readFileIfExists(join(workingDir, 'pydio.json'));
  if (!bytes) {
    throw new CellarError('FILESYSTEM', `${workingDir} has no pydio.json: it is not a Cells working dir; check cells.workingDir in the plan`);
  }
  return parseCellsConfig(Buffer.from(bytes).toString('utf8'), {
    file: join(workingDir, 'pydio.json'),
    remedy: 'fix it, or restore it from a snapshot (cellar plan --restore)',
  });
}

/** A target's snapshots, leftovers and lock; a foreign folder is refused. */
export function observeTarget(spec: TargetSpec, ownLock?: HeldLock): ObservedTarget {
  const state = readTargetState(spec.path);
  if (state.state !== 'ready')
    return { name: spec.name, path: spec.path, state: state.state, snapshots: [], leftovers: [], damaged: [], lock: { state: 'free' } };
  const listing = listSnapshots(spec.path, signingKeyOf(spec.signingKey));
  return { name: spec.name, path: spec.path, state: 'ready', ...listing, lock: lockStatus(spec.path, ownLock) };
}

/**
 * The newest backup snapshot whose file lists match their digests: drift is measured against it
 * and unchanged files are linked from it. Newer ones with a damaged list are moved to `damaged`
 * (reported, never used), so that one damaged snapshot does not stop the next backup.
 */
function withIntactLatest(target: ObservedTarget): { readonly target: ObservedTarget; readonly latest: Manifest | undefined } {
  const damaged: { id: string; reason: string }[] = [];
  const backups = target.snapshots.filter((snapshot) => snapshot.kind === 'backup');
  let latest: Manifest | undefined;
  for (const snapshot of [...backups].reverse()) {
    const tree = snapshot.trees.find((candidate) => sha256File(join(snapshotFolder(target.path, snapshot.id), candidate.list)) !== candidate.sha256);
    if (tree === undefined) {
      latest = snapshot;
      break;
    }
    damaged.push({ id: snapshot.id, reason: `its file list ${tree.list} is missing or does not match the manifest; run cellar verify` });
  }
  if (damaged.length === 0) return { target, latest };
  const ids = new Set(damaged.map((snapshot) => snapshot.id));
  return {
    target: {
      ...target,
      snapshots: target.snapshots.filter((snapshot) => !ids.has(snapshot.id)),
      damaged: [...target.damaged, ...damaged].sort((a, b) => a.id.localeCompare(b.id)),
    },
    latest,
  };
}

function lockStatus(target: string, ownLock: HeldLock | undefined): LockStatus {
  if (!ownLock) return inspectLock(target);
  return ownLock.tookOver ? { state: 'stale', holder: ownLock.tookOver } : { state: 'free' };
}

function treeToObserve(tree: TreeSpec, latest: Manifest | undefined, targetPath: string, keepPaths: number): TreeToObserve {
  const recorded = latest?.trees.find((candidate) => candidate.id === tree.id);
  if (!recorded || !latest) return { tree, list: undefined, entries: 0, keepPaths };
  return { tree, list: join(snapshotFolder(targetPath, latest.id), recorded.list), entries: recorded.entries, keepPaths };
}
