import { isFolder } from '../adapters/fs/exists.js';
import { join } from 'node:path';
import { parseCellsConfig, type CellsConfig } from '../cells/cells-config.js';
import type { PlanFile } from '../config/plan.js';
import { CellarError } from '../core/errors.js';
import { readFileIfExists } from '../adapters/fs/read-file.js';
import { readRestoreMarker } from '../adapters/fs/restore-marker.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { layoutTrees, type Layout } from '../config/layout.js';
import { configFiles } from '../model/installation.js';
import type { Manifest } from '../model/manifest.js';
import type { HeldLock, LockStatus } from '../model/lock.js';
import type { Host, SnapshotStore, TreeToObserve } from '../model/ports.js';
import type { ObservedTarget } from '../model/target.js';
import type { FrozenSubvolume, ObservedBackup } from './observed.js';
import { leftoverSnapshots, subvolumeOf } from '../adapters/fs/btrfs.js';
import { resolveRealPath } from '../adapters/fs/real-path.js';
import type { Address } from '../model/address.js';
import { relativeInside } from '../model/paths.js';
import type { TreeSpec } from '../model/tree.js';
import { backupDatabase, type DatabaseSource } from './database-login.js';
import { observeDatabase, type DatabaseObservation } from './observe-database.js';
import { observeStores } from './observe-stores.js';

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
  /** Where the installation's trees live. */
  readonly host: Host;
}

/** Gathers every fact a backup plan needs: the target, the live trees against the latest snapshot, the config files, the database. */
export async function observeBackup(plan: PlanFile, store: SnapshotStore, options: ObserveOptions): Promise<BackupObservation> {
  const cells = await readCells(plan.cells.workingDir);
  const { target, latest } = withIntactLatest(store, observeTarget(store, options.lock));
  const layout = layoutTrees(plan, cells);
  const config = configFiles.map((name) => ({ name, sha256: sha256File(join(plan.cells.workingDir, name)) }));
  const source = backupDatabase(plan, cells, options.env);
  const previous = source && latest?.database?.name === source.name ? latest.database.fingerprint : undefined;
  // The walks run on worker threads while this one fingerprints the database.
  const [trees, database, stores] = await Promise.all([
    options.host.observeTrees(layout.trees.map((tree) => treeToObserve(tree, latest, store, options.keepPaths))),
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
      frozen: await observeFrozen(plan, layout.trees),
    },
    layout,
    database,
  };
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
export function observeTarget(store: SnapshotStore, ownLock?: HeldLock): ObservedTarget {
  const target = { name: store.name, path: store.location };
  const state = store.readState();
  if (state.state !== 'ready') return { ...target, state: state.state, snapshots: [], leftovers: [], damaged: [], lock: { state: 'free' } };
  return { ...target, state: 'ready', ...store.list(), lock: lockStatus(store, ownLock) };
}

/**
 * The newest backup snapshot whose file lists match their digests: drift is measured against it
 * and unchanged files are linked from it. Newer ones with a damaged list are moved to `damaged`
 * (reported, never used), so that one damaged snapshot does not stop the next backup.
 */
function withIntactLatest(store: SnapshotStore, target: ObservedTarget): { readonly target: ObservedTarget; readonly latest: Manifest | undefined } {
  const damaged: { id: string; reason: string }[] = [];
  const backups = target.snapshots.filter((snapshot) => snapshot.kind === 'backup');
  let latest: Manifest | undefined;
  for (const snapshot of [...backups].reverse()) {
    const tree = snapshot.trees.find((candidate) => sha256File(store.listFile(snapshot.id, candidate.list)) !== candidate.sha256);
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

/** The btrfs subvolumes `consistency: { snapshot: btrfs }` asks for, with the trees inside each and the snapshots left of them. */
async function observeFrozen(plan: PlanFile, trees: readonly TreeSpec[]): Promise<FrozenSubvolume[]> {
  const requests: { readonly address: Address; readonly folder: string; readonly what: string }[] = [];
  if (plan.cells.consistency === 'btrfs') requests.push({ address: 'workdir', folder: plan.cells.workingDir, what: 'cells.consistency' });
  for (const [name, spec] of Object.entries(plan.datasources)) {
    const tree = trees.find((candidate) => candidate.address === `datasource.${name}` && candidate.label === undefined);
    if (spec.backup === 'files' && spec.consistency === 'btrfs' && tree) {
      requests.push({ address: `datasource.${name}`, folder: tree.source, what: `datasources.${name}.consistency` });
    }
  }
  if (requests.length === 0) return [];
  const sources = await Promise.all(trees.map(async (tree) => ({ id: tree.id, real: await resolveRealPath(tree.source) })));
  const frozen: FrozenSubvolume[] = [];
  for (const request of requests) {
    const subvolume = await subvolumeOf(request.folder, request.what);
    if (frozen.some((known) => known.subvolume === subvolume)) continue;
    const inside = sources.filter(({ real }) => relativeInside(subvolume, real) !== undefined).map(({ id }) => id);
    frozen.push({ method: 'btrfs', subvolume, address: request.address, trees: inside, leftovers: leftoverSnapshots(subvolume) });
  }
  return frozen;
}

function lockStatus(store: SnapshotStore, ownLock: HeldLock | undefined): LockStatus {
  if (!ownLock) return store.inspectLock();
  return ownLock.tookOver ? { state: 'stale', holder: ownLock.tookOver } : { state: 'free' };
}

function treeToObserve(tree: TreeSpec, latest: Manifest | undefined, store: SnapshotStore, keepPaths: number): TreeToObserve {
  const recorded = latest?.trees.find((candidate) => candidate.id === tree.id);
  if (!recorded || !latest) return { tree, list: undefined, entries: 0, keepPaths };
  return { tree, list: store.listFile(latest.id, recorded.list), entries: recorded.entries, keepPaths };
}
