import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseCellsConfig, type CellsConfig } from '../cells/cells-config.js';
import { resyncCommand } from '../cells/admin-commands.js';
import { patchCellsConfig, type ConfigPatchInput } from '../cells/patch-config.js';
import type { Plan, RestoreSpec } from '../config/plan.js';
import { CellarError } from '../core/errors.js';
import { isFolder } from '../adapters/fs/exists.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { readFileIfExists } from '../adapters/fs/read-file.js';
import { resolveRealPath } from '../adapters/fs/real-path.js';
import type { ServerInfo } from '../adapters/mysql/probe.js';
import { findFolderUsers } from '../adapters/process/folder-users.js';
import { readFileList } from '../adapters/target/file-list.js';
import type { HeldLock } from '../adapters/target/lock.js';
import { snapshotFolder } from '../adapters/target/snapshot-store.js';
import { verifySnapshot } from './verify-snapshot.js';
import { relativeInside } from '../model/paths.js';
import type { Manifest } from '../model/manifest.js';
import type { ObservedRestore, OwnerChange, OwnerMap } from './observed.js';
import { ownerIds } from '../adapters/process/owner-names.js';
import { readRestoreMarker } from '../adapters/fs/restore-marker.js';
import { relocate, type Move } from '../model/paths.js';
import { restoreDatabase, type RestoreDatabase } from './database-login.js';
import { observeTarget, targetSpec } from './observe-backup.js';
import { findSnapshot } from './find-snapshot.js';
import { observeRestoreDatabase } from './restore-database-state.js';
import { observeDestination, type DestinationObservation } from './restore-destination.js';

export interface RestoreObservation {
  readonly observed: ObservedRestore;
  readonly snapshotFolder: string;
  /** The pydio.json to write. It holds secrets: never printed. */
  readonly patchedText: string;
  /** The snapshot's own pydio.json, for the mode and owner of the written file. */
  readonly snapshotConfig: string;
  readonly database: (RestoreDatabase & { readonly server: ServerInfo }) | undefined;
  /**
   * Trees of a backup restored into the very folder it was taken from, on this host: there, as in
   * backups, equal size and time mean equal bytes, and a safety snapshot may hard-link them. Not a
   * safety snapshot's: the restore it undoes wrote files of another lineage with their own times.
   */
  readonly trusted: ReadonlySet<string>;
  /** By tree id: destination files with the snapshot's size and time but other bytes, which rsync would skip. */
  readonly mismatched: ReadonlyMap<string, readonly string[]>;
  /** Recorded ids that this host gives the same names other numbers: the restore gives files these. */
  readonly ownerMap: OwnerMap;
}

export interface RestoreObserveOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly snapshot: string | undefined;
  readonly target: string | undefined;
  readonly keepPaths: number;
  readonly lock?: HeldLock | undefined;
}

/** Gathers what a restore plan needs: the snapshot and its state, each destination compared with it, the patch, the database, a live Cells. */
export async function observeRestore(plan: Plan, options: RestoreObserveOptions): Promise<RestoreObservation> {
  const restore = restoreSpec(plan);
  const spec = targetSpec(plan, options.target ?? restore.from);
  const target = observeTarget(spec, options.lock);
  const snapshot = findSnapshot(spec, options.snapshot ?? 'latest');
  const folder = snapshotFolder(spec.path, snapshot.id);
  const { problems, problemCount, foreign, foreignCount } = verifySnapshot(spec.path, snapshot, { readData: false });

  const isSafety = snapshot.kind === 'safety';
  const workingDir = isSafety ? snapshot.cells.workingDir : restore.workingDir;
  const moves: Move[] = isSafety
    ? []
    : [...Object.entries(restore.overrides.paths).map(([from, to]) => ({ from, to })), { from: snapshot.cells.workingDir, to: restore.workingDir }];
  const configText = await readSnapshotConfig(folder, snapshot);
  const cells = parseCellsConfig(configText);
  const incompleteRestore = readRestoreMarker(workingDir);
  // After a restore that did not complete, equal size and time prove nothing anywhere.
  const trustable = incompleteRestore === null;
  const { destinations, trusted } = await observeDestinations(snapshot, { folder, target: spec.path, workingDir, moves, trustable }, options.keepPaths);
  const owners = await ownerChanges(snapshot);

  const dumped = snapshot.database;
  const database = dumped ? restoreDatabase(plan, cells, { name: dumped.name, safety: isSafety }, options.env) : undefined;
  const patch = patchCellsConfig(configText, isSafety ? {} : patchInput(restore, snapshot, database));
  const destinationConfig = join(workingDir, 'pydio.json');
  const sha256 = createHash('sha256').update(patch.text).digest('hex');
  const observedDatabase = database && dumped ? await observeRestoreDatabase(database, dumped, spec.path) : undefined;

  return {
    observed: {
      target,
      snapshot,
      problems,
      problemCount,
      foreign,
      foreignCount,
      incompleteRestore,
      owners,
      destinations: destinations.map((observed) => observed.destination),
      workingDir,
      patch: { file: destinationConfig, changes: patch.changes, diff: patch.diff, sha256, current: sha256File(destinationConfig) === sha256 },
      database: observedDatabase?.observed,
      liveUsers: isFolder(workingDir) ? findFolderUsers(workingDir) : [],
      resync: resyncNeeded(plan, cells, snapshot, folder),
    },
    snapshotFolder: folder,
    patchedText: patch.text,
    snapshotConfig: join(folder, 'workdir', 'pydio.json'),
    database: database && observedDatabase ? { ...database, server: observedDatabase.server } : undefined,
    trusted,
    mismatched: new Map(destinations.map((observed) => [observed.destination.tree.id, observed.mismatched])),
    ownerMap: {
      uids: new Map(owners.flatMap((owner) => (owner.kind === 'user' && owner.to !== null ? [[owner.from, owner.to]] : []))),
      gids: new Map(owners.flatMap((owner) => (owner.kind === 'group' && owner.to !== null ? [[owner.from, owner.to]] : []))),
    },
  };
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

function restoreSpec(plan: Plan): RestoreSpec {
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
      throw new CellarError('PLAN_UNSAFE', `refusing to restore into ${destination}: it overlaps the target ${target} that the restore reads; restore into another folder`);
    }
  }
}

/**
 * Where each tree of the snapshot goes (after refusing any that overlaps the target), compared
 * with what is there now, and which of them lie where the snapshot was taken.
 */
async function observeDestinations(
  snapshot: Manifest,
  where: { readonly folder: string; readonly target: string; readonly workingDir: string; readonly moves: readonly Move[]; readonly trustable: boolean },
  keepPaths: number,
): Promise<{ destinations: DestinationObservation[]; trusted: Set<string> }> {
  const placed = snapshot.trees.map((tree) => ({ tree, destination: relocate(tree.source, where.moves) }));
  await refuseOverlaps(where.target, [where.workingDir, ...placed.map((tree) => tree.destination)]);
  const inPlace = where.trustable && snapshot.kind === 'backup' && snapshot.host === hostname();
  const trusted = new Set(placed.filter(({ tree, destination }) => inPlace && destination === tree.source).map(({ tree }) => tree.id));
  const destinations = placed.map(({ tree, destination }) => observeDestination(tree, destination, where.folder, { keepPaths, trusted: trusted.has(tree.id) }));
  return { destinations, trusted };
}

async function readSnapshotConfig(folder: string, snapshot: Manifest): Promise<string> {
  const bytes = await readFileIfExists(join(folder, 'workdir', 'pydio.json'));
  if (!bytes) throw new CellarError('SNAPSHOT_DAMAGED', `snapshot ${snapshot.id} has no pydio.json; it cannot be restored (run cellar verify)`);
  return Buffer.from(bytes).toString('utf8');
}

function patchInput(restore: RestoreSpec, snapshot: Manifest, database: RestoreDatabase | undefined): ConfigPatchInput {
  const { overrides } = restore;
  return {
    hostname: overrides.hostname,
    publicUrl: overrides.publicUrl,
    database: database?.override,
    paths: overrides.paths,
    workingDir: snapshot.cells.workingDir === restore.workingDir ? undefined : { from: snapshot.cells.workingDir, to: restore.workingDir },
    oldHostname: snapshot.host,
  };
}

/** Structured local datasources whose objects folder's `.minio.sys` is not in the snapshot: Cells must rebuild their index. */
function resyncNeeded(plan: Plan, cells: CellsConfig, snapshot: Manifest, folder: string): { datasource: string; argv: string[] }[] {
  const workdirTree = snapshot.trees.find((tree) => tree.id === 'workdir');
  const wanted = new Map<string, string>();
  for (const info of cells.datasources) {
    if (info.flat || info.storage !== 'local' || plan.datasources[info.name]?.backup !== 'files') continue;
    const inside = info.localFolder === undefined ? undefined : relativeInside(snapshot.cells.workingDir, info.localFolder);
    if (inside !== undefined) wanted.set(info.name, inside === '' ? '.minio.sys' : `${inside}/.minio.sys`);
    else if (!snapshot.trees.some((tree) => tree.id === `datasource.${info.name}.minio-sys` && tree.entries > 0)) wanted.set(info.name, '');
  }
  const saved = new Set<string>();
  const paths = new Set([...wanted.values()].filter((path) => path !== ''));
  if (workdirTree && paths.size > 0) {
    for (const entry of readFileList(join(folder, workdirTree.list))) if (paths.has(entry.path)) saved.add(entry.path);
  }
  const binary = plan.cells.binary ?? 'cells';
  return [...wanted]
    .filter(([, path]) => path === '' || !saved.has(path))
    .map(([datasource]) => ({ datasource, argv: resyncCommand(cells, datasource, binary) }));
}
