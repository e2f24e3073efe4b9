import { createHash } from 'node:crypto';
import type { Plan } from '../config/plan.js';
import { vaultFiles } from '../model/installation.js';
import type { DatabaseFingerprint } from '../model/database-drift.js';
import { isAbsent, type ManifestTree } from '../model/manifest.js';
import { leftCellsStopped, lockWarnings } from './lock-notes.js';
import type { ObservedRestore, RestoreDestination } from '../observe/observed.js';
import type { ForeignEntry } from '../model/verification.js';
import type { Action, ActionPlan, Drift, FileCounts, TreeSpec } from '../model/types.js';

export interface RestorePlanOptions {
  readonly safetySnapshot: boolean;
}

/**
 * Decides a restore: stop Cells, keep a safety snapshot of what will be overwritten, copy back
 * only the trees that differ, create and load the database when needed, write pydio.json with
 * its patches, start Cells, then the resyncs it needs (they talk to a running Cells). A restore
 * that changes nothing plans nothing.
 */
export function planRestore(plan: Plan, observed: ObservedRestore, options: RestorePlanOptions): ActionPlan {
  const changed = observed.destinations.filter((destination) => total(gains(destination)) > 0);
  const work = [...changed.map((destination) => restoreFiles(observed.foreign, destination)), ...databaseWork(observed), ...configWork(observed)];
  const actions: Action[] = [];
  const service = plan.cells.service;
  const stops = service !== undefined && work.length > 0;
  if (stops) actions.push({ action: 'stop-service', address: 'workdir', argv: service.stop, reason: 'Cells must not run while its files and database are replaced' });
  const safety = safetySnapshot(observed, work);
  if (options.safetySnapshot && safety) actions.push(safety);
  actions.push(...work);
  if (service && (stops || leftCellsStopped(observed.target))) {
    actions.push({ action: 'start-service', address: 'workdir', argv: service.start, reason: stops ? 'start Cells on the restored state' : 'an interrupted apply left Cells stopped' });
  }
  if (work.length > 0) actions.push(...observed.resync.map(resync));

  const warnings = [...restoreWarnings(plan, observed, work.length > 0), ...lockWarnings(observed.target)];
  if (!options.safetySnapshot && safety) warnings.push('--no-safety-snapshot: what the restore overwrites is not kept, and the restore cannot be undone');
  const { snapshot, patch } = observed;
  return {
    mode: 'restore',
    target: { name: observed.target.name, path: observed.target.path },
    snapshot: snapshot.id,
    drift: changed.map(toDrift),
    actions,
    patches: !patch.current && patch.changes.length > 0 ? [{ file: 'pydio.json', changes: patch.changes, diff: patch.diff }] : [],
    warnings,
    blocked: restoreBlocked(plan, observed, work.length > 0),
    state: stateDigest(observed),
  };
}

/** A tree's foreign entries, relative to its root: the copy leaves them out. */
function leftOut(foreign: readonly ForeignEntry[], tree: ManifestTree): string[] {
  const prefix = `${tree.snapshotPath}/`;
  return foreign.flatMap((entry) => (entry.tree === tree.id && entry.path.startsWith(prefix) ? [entry.path.slice(prefix.length)] : []));
}

function restoreFiles(foreign: readonly ForeignEntry[], destination: RestoreDestination): Action {
  return {
    action: 'restore-files',
    address: destination.tree.address,
    tree: destination.tree,
    destination: destination.destination,
    absent: isAbsent(destination.tree),
    leaveOut: leftOut(foreign, destination.tree),
    reason: describe(gains(destination), destination.destination),
  };
}

/** Create the database when it is missing (utf8mb4), load the dump unless it provably holds it already. */
function databaseWork(observed: ObservedRestore): Action[] {
  const { database } = observed;
  const dumped = observed.snapshot.database;
  if (!database || !dumped) return [];
  const address = `database.${database.name}` as const;
  const work: Action[] = [];
  if (!database.exists) {
    const { charset, collation } = databaseDefaults(dumped.fingerprint);
    work.push({ action: 'create-database', address, database: database.name, charset, collation, reason: `missing: created in ${charset} (${collation}), as the snapshot's was` });
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

/** Write pydio.json (patched) unless the destination holds exactly that text. */
function configWork(observed: ObservedRestore): Action[] {
  const { patch } = observed;
  if (patch.current) return [];
  const count = patch.changes.length;
  const reason = count === 0 ? 'write pydio.json as the snapshot holds it' : `write pydio.json with ${count} change${count === 1 ? '' : 's'}`;
  return [{ action: 'patch-config', address: 'config', file: patch.file, sha256: patch.sha256, reason }];
}

function resync({ datasource, argv }: ObservedRestore['resync'][number]): Action {
  return { action: 'resync-datasource', address: `datasource.${datasource}`, datasource, argv, reason: 'structured datasource restored without its .minio.sys' };
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
function safetySnapshot(observed: ObservedRestore, work: readonly Action[]): Action | undefined {
  if (work.length === 0) return undefined;
  const overwritten = new Set(work.flatMap((action) => (action.action === 'restore-files' ? [action.tree.id] : [])));
  const trees: TreeSpec[] = observed.destinations
    .filter((destination) => destination.exists && (overwritten.has(destination.tree.id) || destination.tree.id === 'config'))
    .map(({ tree, destination }) => ({ ...tree, source: destination }));
  const database = observed.database;
  const dumpDatabase = database !== undefined && database.tables > 0 && work.some((action) => action.action === 'load-database');
  if (trees.length === 0 && !dumpDatabase) return undefined;
  return {
    action: 'safety-snapshot',
    address: `target.${observed.target.name}`,
    trees,
    database: dumpDatabase ? database.name : undefined,
    reason: 'keep what the restore overwrites, to undo it with apply --restore --snapshot <safety id>',
  };
}

/** Why apply must refuse: a damaged snapshot, or a Cells that runs where the restore would write (a restore with nothing to do leaves it be). */
function restoreBlocked(plan: Plan, observed: ObservedRestore, changes: boolean): string | null {
  if (observed.problemCount > 0) {
    const more = observed.problemCount > 1 ? ` and ${observed.problemCount - 1} more problems` : '';
    return `snapshot ${observed.snapshot.id} is damaged (${observed.problems[0] ?? '?'}${more}); run cellar verify and restore another snapshot`;
  }
  if (observed.foreignCount > observed.foreign.length) {
    return `snapshot ${observed.snapshot.id} holds ${observed.foreignCount} entries that its file lists do not: too many to leave out; run cellar verify and restore another snapshot`;
  }
  if (changes && observed.liveUsers.length > 0 && !plan.cells.service) {
    return `Cells is running in ${observed.workingDir}; stop it first, or declare cells.service so that cellar stops it`;
  }
  return null;
}

function restoreWarnings(plan: Plan, observed: ObservedRestore, changes: boolean): string[] {
  const warnings: string[] = [];
  if (observed.foreignCount > 0) {
    const first = observed.foreign.slice(0, 3).map((entry) => entry.path).join(', ');
    warnings.push(`snapshot ${observed.snapshot.id} holds ${observed.foreignCount} entries its file lists do not (${first}): something added them after it was written; the restore leaves them out (run cellar verify)`);
  }
  if (observed.incompleteRestore) {
    warnings.push(`a restore of snapshot ${observed.incompleteRestore.snapshot} into ${observed.workingDir} did not complete (started ${observed.incompleteRestore.started}): every file there is compared by content`);
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
    const who = observed.liveUsers.slice(0, 3).map((user) => `pid ${user.pid} ${user.command}`).join(', ');
    warnings.push(`Cells is running in ${observed.workingDir} (${who})${plan.cells.service ? '; apply stops it first' : ''}`);
  }
  const database = observed.database;
  if (database && database.tables > 0 && !database.matchesSnapshot) {
    warnings.push(`the database ${database.name} already has ${database.tables} tables; they will be replaced by the snapshot's`);
  }
  return warnings;
}

function stateDigest(observed: ObservedRestore): string {
  const state = {
    snapshot: observed.snapshot.id,
    destinations: observed.destinations.map((destination) => [destination.tree.id, destination.destination, destination.digest]),
    patch: observed.patch.sha256,
    current: observed.patch.current,
    database: observed.database ?? null,
    incompleteRestore: observed.incompleteRestore,
    stoppedByInterruptedApply: leftCellsStopped(observed.target),
  };
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}
