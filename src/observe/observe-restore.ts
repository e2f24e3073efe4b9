import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseCellsConfig, type CellsConfig } from '../cells/cells-config.js';
import { resyncCommand } from '../cells/admin-commands.js';
import { patchCellsConfig, type ConfigPatchInput } from '../cells/patch-config.js';
import type { Plan, RestoreSpec } from '../config/plan.js';
import { CellarError } from '../core/errors.js';
import { isFolder } from '../adapters/fs/exists.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { readFileIfExists } from '../adapters/fs/read-file.js';
import { walkTree } from '../adapters/fs/walk-tree.js';
import { connect } from '../adapters/mysql/connect.js';
import { checksumTables, probeDatabase, readServerInfo, tableNames, type ServerInfo } from '../adapters/mysql/probe.js';
import { databaseExists } from '../adapters/mysql/admin.js';
import { findFolderUsers } from '../adapters/process/folder-users.js';
import { readFileList } from '../adapters/target/file-list.js';
import type { HeldLock } from '../adapters/target/lock.js';
import { snapshotFolder } from '../adapters/target/snapshot-store.js';
import { verifySnapshot } from './verify-snapshot.js';
import { judgeDatabase, tablesToChecksum } from '../plan/database-drift.js';
import { diffTree } from '../plan/diff-tree.js';
import { compileExclude } from '../plan/exclude.js';
import { relativeInside, restoredPart } from '../plan/layout.js';
import type { Manifest } from '../plan/manifest.js';
import type { ObservedRestore, ObservedRestoreDatabase, RestoreDestination } from '../plan/observed.js';
import { relocate, type Move } from '../plan/relocate.js';
import type { RecordedEntry, TreeEntry } from '../plan/types.js';
import { restoreDatabase, type RestoreDatabase } from './database-login.js';
import { observeTarget, targetSpec } from './observe-backup.js';
import { findSnapshot } from './find-snapshot.js';

export interface RestoreObservation {
  readonly observed: ObservedRestore;
  readonly snapshotFolder: string;
  /** The pydio.json to write. It holds secrets: never printed. */
  readonly patchedText: string;
  /** The snapshot's own pydio.json, for the mode and owner of the written file. */
  readonly snapshotConfig: string;
  readonly cells: CellsConfig;
  readonly database: (RestoreDatabase & { readonly server: ServerInfo }) | undefined;
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
  const { problems, problemCount } = verifySnapshot(spec.path, snapshot, { readData: false });

  const isSafety = snapshot.kind === 'safety';
  const workingDir = isSafety ? snapshot.cells.workingDir : restore.workingDir;
  const moves: Move[] = isSafety
    ? []
    : [...Object.entries(restore.overrides.paths).map(([from, to]) => ({ from, to })), { from: snapshot.cells.workingDir, to: restore.workingDir }];
  const configText = await readSnapshotConfig(folder, snapshot);
  const cells = parseCellsConfig(configText);
  const destinations = snapshot.trees.map((tree) => observeDestination(tree, relocate(tree.source, moves), folder, options.keepPaths));

  const database = snapshot.database ? restoreDatabase(plan, cells, snapshot.database.name, !isSafety, options.env) : undefined;
  const patch = patchCellsConfig(configText, isSafety ? {} : patchInput(restore, snapshot, database));
  const destinationConfig = join(workingDir, 'pydio.json');
  const sha256 = createHash('sha256').update(patch.text).digest('hex');
  const observedDatabase = database && snapshot.database ? await observeRestoreDatabase(database, snapshot) : undefined;

  return {
    observed: {
      target,
      snapshot,
      problems,
      problemCount,
      destinations,
      workingDir,
      patch: { file: destinationConfig, changes: patch.changes, diff: patch.diff, sha256, current: sha256File(destinationConfig) === sha256 },
      database: observedDatabase?.observed,
      liveUsers: isFolder(workingDir) ? findFolderUsers(workingDir) : [],
      resync: resyncNeeded(plan, cells, snapshot, folder),
    },
    snapshotFolder: folder,
    patchedText: patch.text,
    snapshotConfig: join(folder, 'workdir', 'pydio.json'),
    cells,
    database: database && observedDatabase ? { ...database, server: observedDatabase.server } : undefined,
  };
}

function restoreSpec(plan: Plan): RestoreSpec {
  if (!plan.restore) {
    throw new CellarError('USAGE', `${plan.file} has no restore: section; add restore.from (see examples/backup-plan.yaml)`);
  }
  return plan.restore;
}

async function readSnapshotConfig(folder: string, snapshot: Manifest): Promise<string> {
  const bytes = await readFileIfExists(join(folder, 'workdir', 'pydio.json'));
  if (!bytes) throw new CellarError('SNAPSHOT_DAMAGED', `snapshot ${snapshot.id} has no pydio.json; it cannot be restored (run cellar verify)`);
  return Buffer.from(bytes).toString('utf8');
}

function observeDestination(tree: Manifest['trees'][number], destination: string, folder: string, keepPaths: number): RestoreDestination {
  const part = restoredPart(tree);
  const exists = isFolder(destination);
  const only = part.only ? new Set(part.only) : undefined;
  const recorded = readFileList(join(folder, tree.list));
  const saved = only ? filter(recorded, (entry) => only.has(entry.path)) : recorded;
  const hash = createHash('sha256');
  const live = exists ? tap(walkTree(destination, { exclude: part.exclude.map(compileExclude), only: part.only }), hash) : [];
  const { drift } = diffTree(part, saved, live, { keep: keepPaths });
  return { tree, destination, exists, comparison: drift, digest: hash.digest('hex') };
}

function* filter(entries: Iterable<RecordedEntry>, keep: (entry: RecordedEntry) => boolean): Generator<RecordedEntry> {
  for (const entry of entries) if (keep(entry)) yield entry;
}

function* tap(entries: Iterable<TreeEntry>, hash: ReturnType<typeof createHash>): Generator<TreeEntry> {
  for (const entry of entries) {
    hash.update(`${entry.path}\0${entry.type}\0${entry.size}\0${entry.mtimeMs}\0${entry.mode}\0${entry.link ?? ''}\n`);
    yield entry;
  }
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

/** Whether the database exists, how full it is, and whether it provably equals the snapshot's dump. */
async function observeRestoreDatabase(database: RestoreDatabase, snapshot: Manifest): Promise<{ observed: ObservedRestoreDatabase; server: ServerInfo }> {
  const connection = await connect(database.admin ?? database.source.login);
  try {
    const server = await readServerInfo(connection);
    const name = database.source.name;
    if (!(await databaseExists(connection, name))) return { observed: { name, exists: false, tables: 0, matchesSnapshot: false }, server };
    const tables = (await tableNames(connection, name)).length;
    const recorded = snapshot.database?.fingerprint;
    let matchesSnapshot = false;
    if (recorded && tables > 0) {
      const probe = await probeDatabase(connection, name, server);
      const checksums = await checksumTables(connection, name, tablesToChecksum(recorded, probe));
      matchesSnapshot = !judgeDatabase(recorded, probe, checksums).changed;
    }
    return { observed: { name, exists: true, tables, matchesSnapshot }, server };
  } finally {
    await connection.end();
  }
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
