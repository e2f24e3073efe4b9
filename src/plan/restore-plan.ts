import { createHash } from 'node:crypto';
import type { PlanFile } from '../config/plan.js';
import { vaultFiles } from '../model/installation.js';
import type { DatabaseFingerprint } from '../model/database-drift.js';
import { isAbsent, type ManifestTree } from '../model/manifest.js';
import { leftCellsStopped, lockWarnings } from './lock-notes.js';
import type { ObservedRestore, RestoreDestination, RestorePathDestination } from '../observe/observed.js';
import type { ForeignEntry } from '../model/verification.js';
import { join } from 'node:path';
import { resyncCommand } from '../cells/admin-commands.js';
import { patchCellsConfig, type ConfigPatch, type ConfigPatchInput } from '../cells/patch-config.js';
import { restoredPart } from '../config/layout.js';
import type { RestoreAction, RestorePlan, ResyncDatasource, SafetySnapshot, SafetyTree, StoreDump } from '../model/actions.js';
import { storeDrift, storeLoads, storesToKeep, storeWarnings } from './restore-stores.js';
import { restoresDatabase, restoresTree, restoreScope, type RestoreScope } from './restore-scope.js';
import { unknownOwner } from '../model/tree.js';
import type { OwnerChange } from '../observe/observed.js';
import { copySize } from './backup-plan.js';
import type { Drift } from '../model/drift.js';
import type { FileCounts, TreeSpec } from '../model/tree.js';

export interface RestorePlanOptions {
  readonly safetySnapshot: boolean;
  /** `--only`: the addresses to restore; empty restores everything. */
  readonly only?: readonly string[] | undefined;
}

/** A restore plan, and the pydio.json text it writes: that holds secrets, so it travels beside the plan, never in it. */
export interface PlannedRestore {
  readonly plan: RestorePlan;
  readonly patchedText: string;
}

/**
 * Decides a restore: stop Cells, keep a safety snapshot of what will be overwritten, copy back
 * only the trees that differ, create and load the database when needed, write pydio.json with
 * its patches, check every destination against the snapshot's lists, start Cells, then the
 * resyncs it needs (they talk to a running Cells). A restore that changes nothing plans nothing.
 */
export function planRestore(plan: PlanFile, observed: ObservedRestore, options: RestorePlanOptions): PlannedRestore {
  const scope = restoreScope(options.only ?? [], observed);
  const patch = patchFor(plan, observed);
  const destinations = observed.destinations.filter((destination) => restoresTree(scope, destination.tree.address));
  const changed = destinations.filter((destination) => total(gains(destination)) > 0);
  const loads = restoresDatabase(scope) ? storeLoads(plan, observed) : [];
  const paths = (scope?.paths ?? []).filter((path) => total(pathGains(path)) > 0);
  const work: RestoreAction[] = [
    ...changed.map((destination) => restoreFiles(observed.verification.foreign, destination)),
    ...paths.map(restorePath),
    ...indexLoads(scope, observed),
    ...(restoresDatabase(scope) ? databaseWork(observed) : []),
    ...loads,
    ...(restoresTree(scope, 'config') ? configWork(observed, patch) : []),
  ];
  const actions: RestoreAction[] = [];
  const service = plan.cells.service;
  const stops = service !== undefined && work.length > 0;
  if (stops)
    actions.push({ action: 'stop-service', address: 'workdir', argv: service.stop, reason: 'Cells must not run while its files and database are replaced' });
  const safety = safetySnapshot(observed, work, restoresDatabase(scope) ? storesToKeep(plan, observed, loads) : []);
  if (options.safetySnapshot && safety) actions.push(safety);
  actions.push(...work);
  if (work.length > 0) actions.push(checkRestore(observed, destinations));
  const starts = service !== undefined && (stops || leftCellsStopped(observed.target));
  if (service && starts) {
    actions.push({
      action: 'start-service',
      address: 'workdir',
      argv: service.start,
      reason: stops ? 'start Cells on the restored state' : 'an interrupted apply left Cells stopped',
    });
  }
  // Resyncs talk to a running Cells: cellar runs them only when it starts Cells itself.
  const runsResyncs = plan.cells.binary !== undefined && starts;
  const touched = new Set(paths.filter((path) => path.inDatasource).map((path) => path.tree.address));
  const restored = resyncs(plan, observed, scope).filter((resync) => restoresTree(scope, resync.address) || touched.has(resync.address));
  if (work.length > 0) actions.push(...restored.map((argv) => ({ ...argv, run: runsResyncs })));

  const warnings = [...restoreWarnings(plan, observed, work.length > 0), ...lockWarnings(observed.target)];
  if (!options.safetySnapshot && safety) warnings.push('--no-safety-snapshot: what the restore overwrites is not kept, and the restore cannot be undone');
  const current = patch.sha256 === observed.destinationConfig;
  return {
    plan: {
      mode: 'restore',
      target: { name: observed.target.name, path: observed.target.path },
      snapshot: observed.snapshot.id,
      drift: [...changed.map(toDrift), ...paths.map(pathDrift), ...storeDrift(observed, loads)],
      actions,
      patches: !current && patch.changes.length > 0 && restoresTree(scope, 'config') ? [{ file: 'pydio.json', changes: patch.changes, diff: patch.diff }] : [],
      retention: [],
      warnings,
      blocked: restoreBlocked(plan, observed, work.length > 0),
      state: stateDigest(observed, patch.sha256),
    },
    patchedText: patch.text,
  };
}

/** pydio.json as the restore writes it: the snapshot's, with the plan's overrides (a safety snapshot's as it is). */
function patchFor(plan: PlanFile, observed: ObservedRestore): ConfigPatch & { readonly sha256: string } {
  const { snapshot } = observed;
  const restore = plan.restore;
  const input: ConfigPatchInput =
    snapshot.kind === 'safety' || !restore
      ? {}
      : {
          hostname: restore.overrides.hostname,
          publicUrl: restore.overrides.publicUrl,
          database: observed.databaseOverride,
          paths: restore.overrides.paths,
          workingDir: snapshot.cells.workingDir === restore.workingDir ? undefined : { from: snapshot.cells.workingDir, to: restore.workingDir },
          oldHostname: snapshot.host,
        };
  const patch = patchCellsConfig(observed.snapshotConfig.text, input, observed.cells);
  return { ...patch, sha256: createHash('sha256').update(patch.text).digest('hex') };
}

/** A tree's foreign entries, relative to its root: the copy leaves them out. */
function leftOut(foreign: readonly ForeignEntry[], tree: ManifestTree): string[] {
  const prefix = `${tree.snapshotPath}/`;
  return foreign.flatMap((entry) => (entry.tree === tree.id && entry.path.startsWith(prefix) ? [entry.path.slice(prefix.length)] : []));
}

function restoreFiles(foreign: readonly ForeignEntry[], destination: RestoreDestination): RestoreAction {
  return {
    action: 'restore-files',
    address: destination.tree.address,
    tree: destination.tree,
    destination: destination.destination,
    absent: isAbsent(destination.tree),
    leaveOut: leftOut(foreign, destination.tree),
    replace: destination.mismatched,
    expected: copySize(gains(destination)),
    reason: describe(gains(destination), destination.destination),
  };
}

/** What a path restore brings: what the snapshot has there that the destination lacks or holds otherwise; what was added since stays. */
function pathGains(path: RestorePathDestination): FileCounts {
  return { ...path.comparison.counts, deleted: 0 };
}

function restorePath(path: RestorePathDestination): RestoreAction {
  const gained = pathGains(path);
  return {
    action: 'restore-path',
    address: path.address,
    tree: path.tree,
    path: path.path,
    kind: path.kind,
    destination: path.destination,
    files: path.files,
    expected: copySize(gained),
    reason: `${describe(gained, path.destination)}${path.beside ? ' (beside the original)' : ''}; what was added there since stays`,
  };
}

function pathDrift(path: RestorePathDestination): Drift {
  const { comparison } = path;
  return {
    kind: 'files',
    address: path.address,
    change: comparison.counts.added > 0 && comparison.counts.modified === 0 && path.beside ? 'added' : 'modified',
    files: pathGains(path),
    trees: [],
    paths: comparison.changes.filter((change) => change.change !== 'deleted'),
    truncated: comparison.truncated,
  };
}

function isBeside(observed: ObservedRestore, action: { readonly address: string }): boolean {
  return observed.paths.some((path) => path.address === action.address && path.beside);
}

/** The index tables of each flat datasource restored without the database, unless they provably hold its dump already. */
function indexLoads(scope: RestoreScope | undefined, observed: ObservedRestore): RestoreAction[] {
  const database = observed.database?.name ?? '';
  return (scope?.indexes ?? [])
    .filter(({ matchesSnapshot }) => !matchesSnapshot)
    .map(({ datasource, index }) => ({
      action: 'load-index' as const,
      address: `datasource.${datasource}` as const,
      datasource,
      database,
      dump: index.dump,
      sha256: index.sha256,
      tables: index.tables,
      reason: `replace its index tables (${index.tables.join(', ')}) from the snapshot's index dump; the rest of ${database} stays`,
    }));
}

/** Create the database when it is missing (utf8mb4), load the dump unless it provably holds it already. */
function databaseWork(observed: ObservedRestore): RestoreAction[] {
  const { database } = observed;
  const dumped = observed.snapshot.database;
  if (!database || !dumped) return [];
  const address = `database.${database.name}` as const;
  const work: RestoreAction[] = [];
  if (!database.exists) {
    const { charset, collation } = databaseDefaults(dumped.fingerprint);
    work.push({
      action: 'create-database',
      address,
      database: database.name,
      charset,
      collation,
      reason: `missing: created in ${charset} (${collation}), as the snapshot's was`,
    });
  }
  if (!database.matchesSnapshot) {
    const reason = database.tables > 0 ? `replace its ${database.tables} tables with the snapshot's dump` : "load the snapshot's dump";
    work.push({ action: 'load-database', address, database: database.name, dump: dumped.dump, reason });
  }
  return work;
}

/** The character set and collation a restored database is created with: the source's, else what Cells needs. */
function databaseDefaults(fingerprint: DatabaseFingerprint): { charset: string; collation: string } {
  const charset = fingerprint.charset ?? 'utf8mb4';
  return { charset, collation: fingerprint.collation ?? (charset === 'utf8mb4' ? 'utf8mb4_unicode_ci' : `${charset}_general_ci`) };
}

/**
 * Write pydio.json (patched) unless the destination holds exactly that text: with the snapshot
 * copy's mode and owner (mapped by name on this host), and its time when nothing is patched.
 */
function configWork(observed: ObservedRestore, patch: ConfigPatch & { readonly sha256: string }): RestoreAction[] {
  if (patch.sha256 === observed.destinationConfig) return [];
  const count = patch.changes.length;
  const reason = count === 0 ? 'write pydio.json as the snapshot holds it' : `write pydio.json with ${count} change${count === 1 ? '' : 's'}`;
  const entry = observed.snapshotConfig.entry;
  const owners = ownerMap(observed.owners);
  const owner =
    entry && entry.uid !== unknownOwner && entry.gid !== unknownOwner
      ? { uid: owners.uids.get(entry.uid) ?? entry.uid, gid: owners.gids.get(entry.gid) ?? entry.gid }
      : undefined;
  return [
    {
      action: 'patch-config',
      address: 'config',
      file: join(observed.workingDir, 'pydio.json'),
      sha256: patch.sha256,
      mode: entry?.mode ?? 0o600,
      owner,
      mtimeMs: count === 0 ? entry?.mtimeMs : undefined,
      reason,
    },
  ];
}

/** Every destination a restore writes, checked against the snapshot's lists once all is in place. */
function checkRestore(observed: ObservedRestore, destinations: readonly RestoreDestination[]): RestoreAction {
  const trees = destinations
    .filter((destination) => !isAbsent(destination.tree))
    .map(({ tree, destination }) => ({ tree, part: restoredPart(tree), destination }));
  const owners = ownerMap(observed.owners);
  return {
    action: 'check-restore',
    address: 'workdir',
    trees,
    owners: { uids: [...owners.uids], gids: [...owners.gids] },
    reason: "compare every restored file with the snapshot's lists, give owners and folder times back",
  };
}

/** Recorded ids that this host gives the same names other numbers. */
function ownerMap(owners: readonly OwnerChange[]): { readonly uids: Map<number, number>; readonly gids: Map<number, number> } {
  const pairs = (kind: OwnerChange['kind']): Map<number, number> =>
    new Map(owners.flatMap((owner) => (owner.kind === kind && owner.to !== null ? [[owner.from, owner.to]] : [])));
  return { uids: pairs('user'), gids: pairs('group') };
}

/**
 * Structured local datasources whose index no longer matches their files: restored without their
 * objects folder's `.minio.sys`, or without the database that holds the index. Cells rebuilds it.
 */
function resyncs(plan: PlanFile, observed: ObservedRestore, scope: RestoreScope | undefined): Omit<ResyncDatasource, 'run'>[] {
  const binary = plan.cells.binary ?? 'cells';
  const withoutIndex = !restoresDatabase(scope);
  return observed.cells.datasources
    .filter((info) => !info.flat && info.storage === 'local' && plan.datasources[info.name]?.backup === 'files')
    .filter((info) => withoutIndex || !observed.minioSysSaved.includes(info.name))
    .map((info) => ({
      action: 'resync-datasource' as const,
      address: `datasource.${info.name}` as const,
      datasource: info.name,
      argv: resyncCommand(observed.cells, info.name, binary),
      reason: withoutIndex ? 'its files came back without the database that indexes them' : 'structured datasource restored without its .minio.sys',
    }));
}

/** The snapshot's side counted as what the restore brings: gained, changed and lost entries. */
function gains(destination: RestoreDestination): FileCounts {
  return destination.comparison.counts;
}

function total(counts: FileCounts): number {
  return counts.added + counts.modified + counts.deleted + counts.folders;
}

function describe(counts: FileCounts, destination: string): string {
  const parts = [
    counts.added > 0 ? `${counts.added} to add` : '',
    counts.modified > 0 ? `${counts.modified} to change` : '',
    counts.deleted > 0 ? `${counts.deleted} to remove` : '',
    counts.folders > 0 ? `${counts.folders} folder${counts.folders === 1 ? '' : 's'}` : '',
  ].filter((part) => part !== '');
  return `${parts.join(', ')} in ${destination}`;
}

function toDrift(destination: RestoreDestination): Drift {
  const { comparison } = destination;
  return {
    kind: 'files',
    address: destination.tree.address,
    change: destination.exists ? 'modified' : 'added',
    files: comparison.counts,
    // The snapshot's side is the "live" one: a tree it lacks vanishes from the destination.
    trees: comparison.presence === 'same' ? [] : [{ label: destination.tree.label ?? destination.tree.id, change: comparison.presence }],
    paths: comparison.presence === 'same' ? comparison.changes : [],
    truncated: comparison.truncated,
  };
}

/** What the restore overwrites, kept first so that a wrong restore can itself be undone. */
function safetySnapshot(observed: ObservedRestore, work: readonly RestoreAction[], stores: readonly StoreDump[]): SafetySnapshot | undefined {
  // Paths restored beside their originals overwrite nothing.
  if (work.every((action) => action.action === 'restore-path' && isBeside(observed, action))) return undefined;
  // A path written over its original is kept with its whole tree: a safety snapshot restores trees, not paths.
  const overwritten = new Set(
    work.flatMap((action) =>
      action.action === 'restore-files' ? [action.tree.id] : action.action === 'restore-path' && !isBeside(observed, action) ? [action.tree.id] : [],
    ),
  );
  // pydio.json is always kept: a safety snapshot is restored like any other, from its own pydio.json.
  const trees: SafetyTree[] = observed.destinations
    .filter((destination) => destination.exists && (overwritten.has(destination.tree.id) || destination.tree.id === 'config'))
    .map(({ tree, destination, trusted }) => ({ tree: treeSpecOf(tree, destination), linkFromSnapshot: trusted }));
  const database = observed.database;
  const dumpDatabase =
    database !== undefined && database.tables > 0 && work.some((action) => action.action === 'load-database' || action.action === 'load-index');
  if (trees.length === 0 && !dumpDatabase && stores.length === 0) return undefined;
  return {
    action: 'safety-snapshot',
    address: `target.${observed.target.name}`,
    trees,
    database: dumpDatabase ? database.name : undefined,
    stores,
    reason: 'keep what the restore overwrites, to undo it with apply --restore --snapshot <safety id>',
  };
}

/** Why apply must refuse: a damaged snapshot, or a Cells that runs where the restore would write (a restore with nothing to do leaves it be). */
function restoreBlocked(plan: PlanFile, observed: ObservedRestore, changes: boolean): string | null {
  const { problems, problemCount, foreign, foreignCount } = observed.verification;
  if (problemCount > 0) {
    const more = problemCount > 1 ? ` and ${problemCount - 1} more problems` : '';
    return `snapshot ${observed.snapshot.id} is damaged (${problems[0] ?? '?'}${more}); run cellar verify and restore another snapshot`;
  }
  if (foreignCount > foreign.length) {
    return `snapshot ${observed.snapshot.id} holds ${foreignCount} entries that its file lists do not: too many to leave out; run cellar verify and restore another snapshot`;
  }
  if (changes && observed.liveUsers.length > 0 && !plan.cells.service) {
    return `Cells is running in ${observed.workingDir}; stop it first, or declare cells.service so that cellar stops it`;
  }
  return null;
}

function restoreWarnings(plan: PlanFile, observed: ObservedRestore, changes: boolean): string[] {
  const warnings: string[] = storeWarnings(plan, observed);
  const { foreign, foreignCount } = observed.verification;
  if (foreignCount > 0) {
    const first = foreign
      .slice(0, 3)
      .map((entry) => entry.path)
      .join(', ');
    warnings.push(
      `snapshot ${observed.snapshot.id} holds ${foreignCount} entries its file lists do not (${first}): something added them after it was written; the restore leaves them out (run cellar verify)`,
    );
  }
  if (observed.incompleteRestore) {
    warnings.push(
      `a restore of snapshot ${observed.incompleteRestore.snapshot} into ${observed.workingDir} did not complete (started ${observed.incompleteRestore.started}): every file there is compared by content`,
    );
  }
  for (const owner of observed.owners) {
    warnings.push(
      owner.to === null
        ? `the snapshot's ${owner.kind} ${owner.name} (id ${owner.from}) does not exist on this host: its files keep id ${owner.from}`
        : `the snapshot's ${owner.kind} ${owner.name} is id ${owner.from} there and ${owner.to} here: its files are given ${owner.to}`,
    );
  }
  for (const file of vaultFiles) {
    if (observed.snapshot.config.find((entry) => entry.name === file)?.sha256 == null) {
      warnings.push(`the snapshot has no ${file}: the restored Cells cannot decrypt its datasource secrets`);
    }
  }
  if (changes && observed.liveUsers.length > 0) {
    const who = observed.liveUsers
      .slice(0, 3)
      .map((user) => `pid ${user.pid} ${user.command}`)
      .join(', ');
    warnings.push(`Cells is running in ${observed.workingDir} (${who})${plan.cells.service ? '; apply stops it first' : ''}`);
  }
  const database = observed.database;
  if (database && database.tables > 0 && !database.matchesSnapshot) {
    warnings.push(`the database ${database.name} already has ${database.tables} tables; they will be replaced by the snapshot's`);
  }
  return warnings;
}

/** The tree of a manifest as a spec of what to copy from `source`. */
function treeSpecOf(tree: ManifestTree, source: string): TreeSpec {
  const { id, address, snapshotPath, exclude, only, optional, label } = tree;
  return { id, address, source, snapshotPath, exclude, only, optional, label };
}

function stateDigest(observed: ObservedRestore, patch: string): string {
  const state = {
    snapshot: observed.snapshot.id,
    destinations: observed.destinations.map((destination) => [destination.tree.id, destination.destination, destination.digest]),
    patch,
    current: observed.destinationConfig,
    database: observed.database ?? null,
    stores: observed.stores,
    incompleteRestore: observed.incompleteRestore,
    stoppedByInterruptedApply: leftCellsStopped(observed.target),
  };
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}
