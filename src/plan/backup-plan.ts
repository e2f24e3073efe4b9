import { unknownVersionWarning } from '../cells/cells-config.js';
import { createHash } from 'node:crypto';
import type { KeepRules, PlanFile } from '../config/plan.js';
import { restoreMarkerName, vaultFiles } from '../model/installation.js';
import { leftCellsStopped, lockWarnings } from './lock-notes.js';
import type { ObservedBackup } from '../observe/observed.js';
import type { ObservedTree } from '../model/ports.js';
import { applyRetention } from './retention.js';
import { dateToId } from '../model/manifest.js';
import type { BackupAction, BackupPlan, CopySize, RetainedSnapshot, DumpIndex, StoreDump, WriteManifest } from '../model/actions.js';
import type { Drift } from '../model/drift.js';
import type { FileCounts, PathChange, TreeSpec } from '../model/tree.js';
import type { Address } from '../model/address.js';

export interface BackupPlanOptions {
  readonly now: Date;
  /** Argv of Cells' own index snapshot for a flat datasource, when the plan names the cells binary. */
  readonly indexSnapshotArgv?: ((datasource: string) => readonly string[]) | undefined;
}

/**
 * Decides, from observations alone, the minimal ordered actions that bring the target up to date:
 * copy only drifted addresses, dump the database only when it changed, and stop Cells only when
 * something is copied (and `stopFor` allows it).
 */
export function planBackup(plan: PlanFile, observed: ObservedBackup, options: BackupPlanOptions): BackupPlan {
  const { target, latest, database } = observed;
  const stores = storeDrift(plan, observed);
  const drift = [...filesDrift(observed), ...databaseDrift(observed), ...stores.drift];
  const drifted = observed.trees.filter(hasChanges);
  const databaseChanged = database?.verdict.changed ?? false;
  const snapshotNeeded = latest === undefined || drifted.length > 0 || databaseChanged || stores.changed.length > 0;

  const work = copiesAndDumps(observed, drifted, stores.changed);
  const indexes = snapshotNeeded ? indexDumps(plan, observed) : [];
  work.push(...indexes);

  // Cells' own index snapshot talks to the running server: it comes before Cells is stopped.
  const actions: BackupAction[] = indexes.flatMap((action) => {
    const argv = options.indexSnapshotArgv?.(action.datasource);
    return argv ? [{ ...action, tables: [], cellsArgv: argv, reason: "Cells' own index snapshot (snapshot.db), taken while Cells runs" }] : [];
  });
  const service = plan.cells.service;
  const copiesFiles = work.some((action) => action.action === 'sync-files');
  const stopFor = service?.stopFor ?? 'never';
  const stop = service !== undefined && snapshotNeeded && (stopFor === 'always' || (stopFor === 'changes' && copiesFiles));
  const freezes = freezesFor(observed, work);
  // Every copy reads a file-system snapshot: Cells is stopped only for the instant they are taken.
  const brief = freezes.frozenAll;
  const stopReason = brief ? 'Cells stops for the instant of the file-system snapshots' : 'service stores must not be copied while Cells runs';
  if (stop) actions.push({ action: 'stop-service', address: 'workdir', argv: service.stop, reason: stopReason });
  actions.push(...freezes.freeze);
  const start = service && (stop || leftCellsStopped(target)) ? startService(service.start, stop) : undefined;
  if (start && brief) actions.push(start);
  actions.push(...work);
  if (snapshotNeeded) actions.push(writeManifest(plan, observed, stores.unchanged));
  actions.push(...freezes.thaw);
  if (start && !brief) actions.push(start);
  const retention = retain(plan, observed, snapshotNeeded, options.now);
  actions.push(...pruneActions(observed, retention), ...leftoverThaws(observed));

  return {
    mode: 'backup',
    target: { name: target.name, path: target.path },
    snapshot: latest?.id ?? null,
    drift,
    actions,
    patches: [],
    retention: retention.kept,
    warnings: backupWarnings(plan, observed),
    blocked: backupBlocked(
      observed,
      work.some((action) => action.action === 'dump-database'),
    ),
    state: stateDigest(observed),
  };
}

function startService(argv: readonly string[], stopped: boolean): BackupAction {
  return { action: 'start-service', address: 'workdir', argv, reason: stopped ? 'start Cells again' : 'an interrupted apply left Cells stopped' };
}

/**
 * A read-only snapshot of each subvolume that holds a tree this backup copies, taken before the
 * copies and removed after the manifest (also when a step fails); `frozenAll` when every copy
 * reads one.
 */
function freezesFor(observed: ObservedBackup, work: readonly BackupAction[]): { freeze: BackupAction[]; thaw: BackupAction[]; frozenAll: boolean } {
  const copied = work.flatMap((action) => (action.action === 'sync-files' ? action.copies.map((copy) => copy.tree.id) : []));
  const used = observed.frozen.filter((frozen) => frozen.trees.some((id) => copied.includes(id)));
  const freeze = used.map((frozen): BackupAction => ({
    action: 'freeze-trees',
    address: frozen.address,
    method: frozen.method,
    subvolume: frozen.subvolume,
    trees: frozen.trees.filter((id) => copied.includes(id)),
    reason: `btrfs read-only snapshot of ${frozen.subvolume}; ${frozen.trees.filter((id) => copied.includes(id)).join(', ')} copied from it`,
  }));
  const thaw = used.map((frozen): BackupAction => ({
    action: 'thaw-trees',
    address: frozen.address,
    method: frozen.method,
    subvolume: frozen.subvolume,
    leftover: undefined,
    reason: 'remove the btrfs snapshot, also when a step failed',
  }));
  const frozenAll = copied.length > 0 && copied.every((id) => used.some((frozen) => frozen.trees.includes(id)));
  return { freeze, thaw, frozenAll };
}

/** Snapshots an interrupted run left: removed whether or not this run copies anything. */
function leftoverThaws(observed: ObservedBackup): BackupAction[] {
  // While another run holds the lock, the snapshots are its own.
  if (observed.target.lock.state === 'held') return [];
  return observed.frozen.flatMap((frozen) =>
    frozen.leftovers.map((leftover): BackupAction => ({
      action: 'thaw-trees',
      address: frozen.address,
      method: frozen.method,
      subvolume: frozen.subvolume,
      leftover,
      reason: `${leftover}: a btrfs snapshot an interrupted apply left`,
    })),
  );
}

/** The copies of drifted trees (one action per address) and the dumps of what changed. */
function copiesAndDumps(observed: ObservedBackup, drifted: readonly ObservedTree[], stores: readonly StoreDump[]): BackupAction[] {
  const { database, latest } = observed;
  const work: BackupAction[] = [];
  for (const [address, trees] of groupByAddress(drifted)) {
    const copies = trees.map(({ drift: { tree, counts } }) => ({ tree, expected: copySize(counts) }));
    work.push({ action: 'sync-files', address, copies, reason: describeCounts(sumCounts(trees)) });
  }
  if (database?.verdict.changed) {
    const reason = database.verdict.signal === 'first snapshot' ? 'first dump' : `changed (${database.verdict.signal}): ${listSome(database.verdict.tables)}`;
    work.push({ action: 'dump-database', address: `database.${database.name}`, database: database.name, reason });
  }
  for (const store of stores) {
    const recorded = latest?.stores.some((candidate) => candidate.id === store.store) ?? false;
    work.push({
      action: 'dump-store',
      address: `store.${store.store}`,
      ...store,
      reason: recorded ? 'its fingerprint changed' : `first dump, with ${store.argv[0] ?? '?'}`,
    });
  }
  return work;
}

/** The new snapshot's manifest: every tree, and what of the latest snapshot it hard-links. */
function writeManifest(plan: PlanFile, observed: ObservedBackup, reuseStores: readonly StoreDump[]): WriteManifest {
  const { target, latest, database } = observed;
  const unchanged = observed.trees.filter((tree) => !hasChanges(tree));
  return {
    action: 'write-manifest',
    address: `target.${target.name}`,
    trees: observed.trees.map((tree) => tree.drift.tree),
    cells: { workingDir: plan.cells.workingDir, version: observed.cells?.version ?? null, generation: observed.cells?.generation ?? null },
    excluded: observed.excluded,
    reuse: unchanged.filter((tree) => tree.present).map((tree) => tree.drift.tree),
    absent: unchanged.filter((tree) => !tree.present).map((tree) => tree.drift.tree),
    reuseDatabase: database !== undefined && !database.verdict.changed && latest?.database != null,
    reuseStores,
    reason:
      target.state === 'ready'
        ? `record the new snapshot${latest ? `, hard-linking what did not change since ${latest.id}` : ''}`
        : `initialise the target ${target.path} and record the first snapshot`,
  };
}

/** Command stores whose fingerprint moved since the latest snapshot (or that it lacks), and the others. */
function storeDrift(plan: PlanFile, observed: ObservedBackup): { readonly drift: Drift[]; readonly changed: StoreDump[]; readonly unchanged: StoreDump[] } {
  const drift: Drift[] = [];
  const changed: StoreDump[] = [];
  const unchanged: StoreDump[] = [];
  for (const { id, driver, fingerprint } of observed.stores) {
    const spec = plan.stores[id];
    if (spec?.backup !== 'command' || fingerprint === undefined) continue;
    const store = { store: id, driver, argv: spec.dump, fingerprint };
    const recorded = observed.latest?.stores.find((candidate) => candidate.id === id);
    if (recorded?.fingerprint === fingerprint) {
      unchanged.push(store);
      continue;
    }
    changed.push(store);
    if (observed.latest) drift.push({ kind: 'store', address: `store.${id}`, change: recorded ? 'modified' : 'added', driver });
  }
  return { drift, changed, unchanged };
}

function hasChanges(tree: ObservedTree): boolean {
  const { added, modified, deleted, folders } = tree.drift.counts;
  return added + modified + deleted + folders > 0;
}

function groupByAddress(trees: readonly ObservedTree[]): Map<Address, ObservedTree[]> {
  const groups = new Map<Address, ObservedTree[]>();
  for (const tree of trees) groups.set(tree.drift.tree.address, [...(groups.get(tree.drift.tree.address) ?? []), tree]);
  return groups;
}

function sumCounts(trees: readonly ObservedTree[]): FileCounts {
  return trees.reduce<FileCounts>(
    (sum, tree) => ({
      added: sum.added + tree.drift.counts.added,
      modified: sum.modified + tree.drift.counts.modified,
      deleted: sum.deleted + tree.drift.counts.deleted,
      bytes: sum.bytes + tree.drift.counts.bytes,
      folders: sum.folders + tree.drift.counts.folders,
    }),
    { added: 0, modified: 0, deleted: 0, bytes: 0, folders: 0 },
  );
}

function filesDrift(observed: ObservedBackup): Drift[] {
  const drift: Drift[] = [];
  for (const [address, trees] of groupByAddress(observed.trees.filter(hasChanges))) {
    const whole = trees.flatMap(({ drift: { tree, presence } }) => (presence === 'same' ? [] : [{ label: tree.label ?? tree.id, change: presence }]));
    const paths: PathChange[] = trees.flatMap(({ drift }) => (drift.presence === 'same' ? drift.changes.map((change) => labelled(drift.tree, change)) : []));
    drift.push({
      kind: 'files',
      address,
      change: trees.some((tree) => tree.recorded) ? 'modified' : 'added',
      files: sumCounts(trees),
      trees: whole,
      paths,
      truncated: trees.some((tree) => tree.drift.truncated),
    });
  }
  return drift;
}

/** A changed path as its address shows it: below the tree's label when the tree has one. */
function labelled(tree: TreeSpec, change: PathChange): PathChange {
  if (tree.label === undefined) return change;
  return { ...change, path: change.path === '' ? tree.label : `${tree.label}/${change.path}` };
}

function databaseDrift(observed: ObservedBackup): Drift[] {
  const database = observed.database;
  if (!database?.verdict.changed) return [];
  return [
    {
      kind: 'database',
      address: `database.${database.name}`,
      change: observed.latest?.database ? 'modified' : 'added',
      signal: database.verdict.signal,
      tables: database.verdict.tables,
    },
  ];
}

/**
 * Flat datasources keep their file names only in the index: each snapshot holds a dump of it beside
 * their files. It is dumped when the index changed (or was never dumped); otherwise the previous
 * dump, which the same table would reproduce byte for byte, is hard-linked with the rest.
 */
function indexDumps(plan: PlanFile, observed: ObservedBackup): DumpIndex[] {
  const database = observed.database;
  if (!database) return [];
  const previousIndexes = new Set(observed.latest?.indexes.map((index) => index.datasource));
  const actions: DumpIndex[] = [];
  for (const info of observed.cells?.datasources ?? []) {
    if (!info.flat || plan.datasources[info.name]?.backup !== 'files') continue;
    const tables = database.indexTables[info.name] ?? [];
    if (tables.length === 0) continue;
    const address: Address = `datasource.${info.name}`;
    const indexMoved = tables.some((table) => database.verdict.tables.includes(table));
    const firstTime = !previousIndexes.has(info.name);
    if (!indexMoved && !firstTime) continue;
    actions.push({
      action: 'dump-index',
      address,
      datasource: info.name,
      tables,
      cellsArgv: undefined,
      reason: firstTime ? 'flat datasource: its file names live in the index' : 'its index changed',
    });
  }
  return actions;
}

interface Retained {
  /** Existing snapshots kept by the target's keep rules, newest first, each with its rules. */
  readonly kept: readonly RetainedSnapshot[];
  readonly pruned: readonly string[];
  readonly rules: string;
}

/**
 * The target's keep rules over its backup snapshots (with the one this apply takes) and, apart,
 * its safety snapshots. A snapshot a half-done restore is using is kept whatever the rules say.
 */
function retain(plan: PlanFile, observed: ObservedBackup, snapshotNeeded: boolean, now: Date): Retained {
  const { target } = observed;
  const keep = plan.targets[target.name]?.keep;
  const protect = new Map<string, string>();
  if (observed.incompleteRestore) protect.set(observed.incompleteRestore.snapshot, 'an unfinished restore uses it');
  const kept: RetainedSnapshot[] = [];
  const pruned: string[] = [];
  for (const kind of ['backup', 'safety'] as const) {
    const ids = target.snapshots.filter((snapshot) => snapshot.kind === kind).map((snapshot) => snapshot.id);
    if (kind === 'backup' && snapshotNeeded) ids.push(dateToId(now));
    const retention = applyRetention(ids, keep, protect);
    const existing = (id: string): boolean => target.snapshots.some((snapshot) => snapshot.id === id);
    kept.push(...retention.kept.filter(({ id }) => existing(id)).map(({ id, rules }) => ({ snapshot: id, kind, rules })));
    pruned.push(...retention.pruned.filter(existing));
  }
  return { kept: keep ? kept : [], pruned, rules: keep ? describeKeep(keep) : '' };
}

function describeKeep(keep: KeepRules): string {
  const counted = (['last', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const).flatMap((rule) => (keep[rule] ? [`${rule} ${keep[rule]}`] : []));
  return [...counted, ...(keep.within ? [`within ${keep.within.text}`] : [])].join(', ') || 'no rule above 0';
}

function pruneActions(observed: ObservedBackup, retention: Retained): BackupAction[] {
  const { target } = observed;
  // While another run holds the lock, the folders without a manifest are its work in progress.
  const leftovers = target.lock.state === 'held' ? [] : target.leftovers;
  const actions: BackupAction[] = leftovers.map((name) => ({
    action: 'prune-snapshot' as const,
    address: `snapshot.${name}` as const,
    snapshot: name,
    leftover: true,
    reason: 'incomplete: left by an interrupted apply',
  }));
  for (const id of retention.pruned) {
    actions.push({
      action: 'prune-snapshot',
      address: `snapshot.${id}`,
      snapshot: id,
      leftover: false,
      reason: `no rule of targets.${target.name}.keep (${retention.rules}) keeps it`,
    });
  }
  return actions;
}

/** A working dir that a restore left half-written holds no snapshot's files: backing it up would hide that. */
function backupBlocked(observed: ObservedBackup, dumps: boolean): string | null {
  const database = observed.database;
  if (dumps && database && database.hiddenRoutines.names.length > 0) return undumpable(database.name, database.hiddenRoutines);
  const marker = observed.incompleteRestore;
  if (!marker) return null;
  return `the working dir holds a restore of snapshot ${marker.snapshot} that did not complete (started ${marker.started}); finish it with cellar apply --restore --snapshot ${marker.snapshot}, or remove ${restoreMarkerName} from the working dir to accept it as it is`;
}

/** The dump of a database with routines its login may not read fails: the grant that fixes it. */
function undumpable(database: string, hidden: { readonly names: readonly string[]; readonly grant: string }): string {
  return `the dump of ${database} would fail: its login may not read the routine${hidden.names.length === 1 ? '' : 's'} ${listSome(hidden.names)} (created by another user); run ${hidden.grant}`;
}

function backupWarnings(plan: PlanFile, observed: ObservedBackup): string[] {
  const database = observed.database;
  const warnings: string[] = observed.unplaced.map(
    (name) => `datasource ${name} is declared backup: files but has no folder (none in pydio.json, no path in the plan); it is not backed up`,
  );
  for (const file of vaultFiles) {
    if (observed.config.find((entry) => entry.name === file)?.sha256 === null) {
      warnings.push(`${file} is missing from the working dir: a snapshot without it cannot be restored (every datasource would break)`);
    }
  }
  for (const snapshot of observed.target.damaged) {
    warnings.push(`snapshot ${snapshot.id} is damaged and ignored (${snapshot.reason})`);
  }
  // When a dump is planned, the plan is refused instead (backupBlocked).
  if (database && database.hiddenRoutines.names.length > 0 && !database.verdict.changed) {
    warnings.push(`once the database changes, ${undumpable(database.name, database.hiddenRoutines)}`);
  }
  for (const store of observed.stores) {
    const spec = plan.stores[store.id];
    if (spec?.backup === 'skip') warnings.push(`store ${store.id} (${store.driver}) is not backed up by cellar: ${spec.reason}`);
  }
  const unknown = observed.cells && unknownVersionWarning(observed.cells.version, observed.cells.generation);
  if (unknown) warnings.push(unknown);
  warnings.push(...lockWarnings(observed.target));
  return warnings;
}

/** Everything the actions depend on; a saved plan is stale when this moves. */
function stateDigest(observed: ObservedBackup): string {
  const database = observed.database?.verdict;
  const state = {
    latest: observed.latest?.id ?? null,
    leftovers: observed.target.leftovers,
    stoppedByInterruptedApply: leftCellsStopped(observed.target),
    trees: observed.trees.map((tree) => [tree.drift.tree.id, tree.digest]),
    config: observed.config,
    database: database ? { changed: database.changed, tables: database.tables } : null,
    stores: observed.stores,
    incompleteRestore: observed.incompleteRestore,
  };
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}

/** What rsync will transfer of a tree with these changes: its added and modified files (deletions cost nothing). */
export function copySize(counts: FileCounts): CopySize {
  return { bytes: counts.bytes, files: counts.added + counts.modified };
}

/** `3 added, 1 modified, 2 folders`. */
export function describeCounts(counts: FileCounts): string {
  const parts = (['added', 'modified', 'deleted'] as const).filter((key) => counts[key] > 0).map((key) => `${counts[key]} ${key}`);
  if (counts.folders > 0) parts.push(`${counts.folders} folder${counts.folders === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'no changes' : parts.join(', ');
}

function listSome(items: readonly string[]): string {
  if (items.length <= 3) return items.join(', ');
  return `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}
