import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { parseCellsConfig } from '../cells/cells-config.js';
import type { PlanFile, RestoreSpec } from '../config/plan.js';
import { placeRestore, restoredWorkingDir } from '../config/restore-layout.js';
import { CellarError } from '../core/errors.js';
import { isFolder } from '../adapters/fs/exists.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { readFileIfExists } from '../adapters/fs/read-file.js';
import { resolveRealPath } from '../adapters/fs/real-path.js';
import { readRestoreMarker } from '../adapters/fs/restore-marker.js';
import type { ServerInfo } from '../adapters/mysql/probe.js';
import { findFolderUsers } from '../adapters/process/folder-users.js';
import { ownerIds } from '../adapters/process/owner-names.js';
import { readFileList } from '../adapters/target/file-list.js';
import type { CellsConfig } from '../cells/cells-config.js';
import { isAbsent, type Manifest, type ManifestTree } from '../model/manifest.js';
import { relativeInside } from '../model/paths.js';
import type { HeldLock } from '../model/lock.js';
import type { SnapshotStore } from '../model/ports.js';
import type { RecordedEntry } from '../model/tree.js';
import { observeStores } from './observe-stores.js';
import { verifySnapshot } from './verify-snapshot.js';
import type { ObservedIndex, ObservedRestore, OwnerChange, RestorePathDestination } from './observed.js';
import { indexMatchesSnapshot } from './index-restore.js';
import { observeRestorePath, splitRestorePath } from './restore-path.js';
import { restoreDatabase, type RestoreDatabase } from './database-login.js';
import { observeTarget } from './observe-backup.js';
import { findSnapshot } from './find-snapshot.js';
import { observeRestoreDatabase } from './restore-database-state.js';
import { observeDestination } from './restore-destination.js';

/** What a restore plan is decided from, and what carrying it out needs beside the plan. */
export interface RestoreObservation {
  readonly observed: ObservedRestore;
  readonly snapshotFolder: string;
  readonly database: (RestoreDatabase & { readonly server: ServerInfo }) | undefined;
}

export interface RestoreObserveOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly snapshot: string | undefined;
  readonly keepPaths: number;
  readonly lock?: HeldLock | undefined;
  /** `--only`: the addresses, and paths inside datasources, to restore. */
  readonly only?: readonly string[] | undefined;
  /** `--to`: the folder restored paths go into, beside their originals. */
  readonly to?: string | undefined;
}

/** Gathers what a restore plan needs: the snapshot and its state, each destination compared with it, pydio.json, the database, a live Cells. */
export async function observeRestore(plan: PlanFile, store: SnapshotStore, options: RestoreObserveOptions): Promise<RestoreObservation> {
  const restore = restoreSpec(plan);
  const target = observeTarget(store, options.lock);
  const snapshot = findSnapshot(store, options.snapshot ?? 'latest');
  const folder = store.folderOf(snapshot.id);
  const verification = verifySnapshot(store, snapshot, { readData: false });

  const snapshotConfig = await readSnapshotConfig(folder, snapshot);
  const cells = parseCellsConfig(snapshotConfig.text, {
    file: `snapshot ${snapshot.id}'s pydio.json`,
    remedy: 'restore another snapshot (cellar snapshots lists them)',
  });
  const incompleteRestore = readRestoreMarker(restoredWorkingDir(restore, snapshot));
  const { workingDir, placements } = placeRestore(restore, snapshot, { hostname: hostname(), incompleteRestore: incompleteRestore !== null });
  await refuseOverlaps(store.location, [workingDir, ...placements.map((placement) => placement.destination)]);
  const destinations = placements.map(({ tree, destination, trusted }) =>
    observeDestination(tree, destination, folder, { keepPaths: options.keepPaths, trusted }),
  );
  const paths = observePaths(options, { snapshot, cells, folder, placements });

  const dumped = snapshot.database;
  const database = dumped ? restoreDatabase(plan, cells, { name: dumped.name, safety: snapshot.kind === 'safety' }, options.env) : undefined;
  const observedDatabase = database && dumped ? await observeRestoreDatabase(database, dumped, store.location) : undefined;
  const declared = await observeStores(plan, cells, snapshot.cells.workingDir);
  const indexes = await observeIndexes(options.only ?? [], { snapshot, cells, database, target: store.location });
  const undeclared = snapshot.stores.filter((store) => !declared.some((candidate) => candidate.id === store.id));

  return {
    observed: {
      target,
      snapshot,
      verification,
      incompleteRestore,
      owners: await ownerChanges(snapshot),
      destinations,
      paths,
      indexes,
      workingDir,
      snapshotConfig,
      cells,
      destinationConfig: sha256File(join(workingDir, 'pydio.json')),
      database: observedDatabase?.observed,
      stores: [...declared, ...undeclared.map(({ id, driver }) => ({ id, driver, fingerprint: undefined }))],
      databaseOverride: database?.override,
      liveUsers: isFolder(workingDir) ? findFolderUsers(workingDir) : [],
      minioSysSaved: minioSysSaved(cells, snapshot, folder),
    },
    snapshotFolder: folder,
    database: database && observedDatabase ? { ...database, server: observedDatabase.server } : undefined,
  };
}

/** The flat datasources `--only` restores whole without the database: their index comes back from its own dump. */
async function observeIndexes(
  only: readonly string[],
  context: { snapshot: Manifest; cells: CellsConfig; database: RestoreDatabase | undefined; target: string },
): Promise<ObservedIndex[]> {
  const dumped = context.snapshot.database;
  if (only.includes('database') || (dumped && only.includes(`database.${dumped.name}`))) return [];
  const flat = context.cells.datasources.filter((info) => info.flat && only.includes(`datasource.${info.name}`));
  return Promise.all(
    flat.map(async ({ name }) => {
      const found = context.snapshot.indexes.find((index) => index.datasource === name);
      // Cells' own index snapshot (snapshot.db) is no dump of tables: cellar cannot load it.
      const index = found && found.tables.length > 0 && context.database ? found : undefined;
      const matchesSnapshot = index && context.database ? await indexMatchesSnapshot(context.database, index, context.target) : false;
      return { datasource: name, index, matchesSnapshot };
    }),
  );
}

/** The paths `--only` names inside datasources, each compared with where it goes. */
function observePaths(
  options: RestoreObserveOptions,
  context: { snapshot: Manifest; cells: CellsConfig; folder: string; placements: readonly { tree: ManifestTree; destination: string }[] },
): RestorePathDestination[] {
  const values = (options.only ?? []).filter((value) => splitRestorePath(value) !== undefined);
  const names = values.map((value) => basename(splitRestorePath(value)?.path ?? ''));
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (options.to !== undefined && twice !== undefined) {
    throw new CellarError('USAGE', `--to ${options.to}: two paths named ${twice} would land in the same place; restore them one at a time`);
  }
  return values.map((value) => {
    const address = splitRestorePath(value)?.address ?? '';
    const name = address.startsWith('datasource.') ? address.slice('datasource.'.length) : undefined;
    const placement = context.placements.find(({ tree }) => tree.address === address && tree.label === undefined);
    if (name === undefined || !placement) {
      const known = context.placements.flatMap(({ tree }) => (tree.address.startsWith('datasource.') && tree.label === undefined ? [tree.address] : []));
      throw new CellarError(
        'USAGE',
        `--only ${value}: a path is restored from a datasource of the snapshot (${known.join(', ') || 'it has none'}); restore ${address} whole`,
      );
    }
    if (context.cells.datasources.some((info) => info.name === name && info.flat)) {
      throw new CellarError(
        'USAGE',
        `--only ${value}: ${address} is flat: its file names live in the index, not in its files; restore it whole with --only ${address} --only database`,
      );
    }
    return observeRestorePath(value, placement.tree, context.folder, { treeDestination: placement.destination, to: options.to });
  });
}

/** The plan's restore: section; a plan without one cannot restore. */
export function restoreSpec(plan: PlanFile): RestoreSpec {
  if (!plan.restore) {
    throw new CellarError('USAGE', `${plan.file} has no restore: section; add restore.from (see examples/backup-plan.yaml)`);
  }
  return plan.restore;
}

/**
 * Refuses restore destinations that equal, lie inside or contain the target (real paths compared):
 * rsync --delete there would destroy the snapshots being read.
 */
export async function refuseOverlaps(target: string, destinations: readonly string[]): Promise<void> {
  const realTarget = await resolveRealPath(target);
  for (const destination of destinations) {
    const real = await resolveRealPath(destination);
    if (relativeInside(realTarget, real) !== undefined || relativeInside(real, realTarget) !== undefined) {
      throw new CellarError(
        'PLAN_UNSAFE',
        `refusing to restore into ${destination}: it overlaps the target ${target} that the restore reads; restore into another folder`,
      );
    }
  }
}

/** The snapshot's own pydio.json, and its entry in the config tree's list (its mode, owner and time). */
async function readSnapshotConfig(folder: string, snapshot: Manifest): Promise<{ text: string; entry: RecordedEntry | undefined }> {
  const bytes = await readFileIfExists(join(folder, 'workdir', 'pydio.json'));
  if (!bytes) throw new CellarError('SNAPSHOT_DAMAGED', `snapshot ${snapshot.id} has no pydio.json; it cannot be restored (run cellar verify)`);
  const configTree = snapshot.trees.find((tree) => tree.id === 'config');
  let entry: RecordedEntry | undefined;
  if (configTree) for (const listed of readFileList(join(folder, configTree.list))) if (listed.path === 'pydio.json') entry = listed;
  return { text: Buffer.from(bytes).toString('utf8'), entry };
}

/** The snapshot's owners whose names this host numbers otherwise, or does not know. */
async function ownerChanges(snapshot: Manifest): Promise<OwnerChange[]> {
  const here = await ownerIds(snapshot.owners);
  const changes = (kind: OwnerChange['kind'], names: Readonly<Record<string, string>>, ids: ReadonlyMap<string, number>): OwnerChange[] =>
    Object.entries(names).flatMap(([id, name]) => {
      const to = ids.get(name) ?? null;
      return to === Number(id) ? [] : [{ kind, name, from: Number(id), to }];
    });
  return [...changes('user', snapshot.owners.users, here.users), ...changes('group', snapshot.owners.groups, here.groups)];
}

/**
 * Datasources whose objects folder's `.minio.sys` the snapshot holds: as a tree of its own beside
 * an outside datasource, or inside the working dir's copy.
 */
function minioSysSaved(cells: CellsConfig, snapshot: Manifest, folder: string): string[] {
  const saved = new Set<string>();
  // Datasources share an objects folder (and its .minio.sys) when they are buckets of one folder.
  const inside = new Map<string, string[]>();
  for (const info of cells.datasources) {
    const relative = info.localFolder === undefined ? undefined : relativeInside(snapshot.cells.workingDir, info.localFolder);
    if (relative !== undefined) {
      const path = relative === '' ? '.minio.sys' : `${relative}/.minio.sys`;
      inside.set(path, [...(inside.get(path) ?? []), info.name]);
    }
    const own = snapshot.trees.find((tree) => tree.id === `datasource.${info.name}.minio-sys`);
    if (own && !isAbsent(own)) saved.add(info.name);
  }
  const workdir = snapshot.trees.find((tree) => tree.id === 'workdir');
  if (workdir && inside.size > 0) {
    for (const entry of readFileList(join(folder, workdir.list))) {
      for (const name of inside.get(entry.path) ?? []) saved.add(name);
    }
  }
  return [...saved].sort();
}
