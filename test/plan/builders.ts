/** In-memory builders for the pure planners' inputs: plans, trees, manifests and observations. */
import type { CellsConfig, DatasourceInfo } from '../../src/cells/cells-config.js';
import type { DatasourceSpec, KeepRules, PlanFile, ServiceSpec } from '../../src/config/plan.js';
import type { DatabaseFingerprint, DatabaseSignal, DatabaseVerdict } from '../../src/model/database-drift.js';
import type { Manifest, ManifestTree, SnapshotKind } from '../../src/model/manifest.js';
import type { LockRecord, LockStatus } from '../../src/model/lock.js';
import type { ObservedTarget } from '../../src/model/target.js';
import type { ObservedBackup, ObservedDatabase } from '../../src/observe/observed.js';
import type { ObservedTree } from '../../src/model/ports.js';
import type { FileCounts, PathChange, RecordedEntry, TreeEntry, TreeSpec } from '../../src/model/tree.js';
import type { Address } from '../../src/model/address.js';
import type { WriteManifest } from '../../src/model/actions.js';

export const workingDir = '/srv/cells';
export const targetPath = '/backups/cells';

export interface PlanOptions {
  readonly datasources?: Readonly<Record<string, DatasourceSpec>>;
  readonly stores?: PlanFile['stores'];
  readonly service?: ServiceSpec | undefined;
  readonly exclude?: readonly string[];
  readonly keep?: KeepRules | undefined;
  readonly workingDir?: string;
}

export function makePlan(options: PlanOptions = {}): PlanFile {
  return {
    file: '/etc/cellar/backup-plan.yaml',
    cells: {
      workingDir: options.workingDir ?? workingDir,
      service: options.service,
      exclude: (options.exclude ?? []).map((pattern) => ({ pattern, force: false })),
      binary: undefined,
    },
    database: undefined,
    datasources: options.datasources ?? { pydiods1: { backup: 'files', path: undefined } },
    stores: options.stores ?? {},
    targets: { local: { name: 'local', path: targetPath, keep: options.keep, signingKey: undefined } },
    restore: undefined,
    hooks: { before: undefined, after: undefined, onSuccess: undefined, onFailure: undefined },
    spot: { countTolerance: 10, sample: 1, dataTolerance: 0 },
  };
}

export function service(stopFor: ServiceSpec['stopFor']): ServiceSpec {
  return { stop: ['systemctl', 'stop', 'cells'], start: ['systemctl', 'start', 'cells'], stopFor };
}

export function keepRules(rules: Partial<KeepRules>): KeepRules {
  return {
    last: rules.last,
    hourly: rules.hourly,
    daily: rules.daily,
    weekly: rules.weekly,
    monthly: rules.monthly,
    yearly: rules.yearly,
    within: rules.within,
  };
}

function treeSpec(id: string, address: Address = id as Address, snapshotPath = id): TreeSpec {
  return { id, address, source: `${workingDir}/${id}`, snapshotPath, exclude: [] };
}

/** The three trees of a working dir with one datasource inside it. */
export const workdirTree = treeSpec('workdir', 'workdir', 'workdir');
export const configTree: TreeSpec = { ...treeSpec('config', 'config', 'workdir'), only: ['pydio.json', 'pydio-vault.json', 'cells-vault-key'] };
export const pydiods1Tree = treeSpec('datasource.pydiods1', 'datasource.pydiods1', 'workdir/data/pydiods1');

export function counts(added = 0, modified = 0, deleted = 0, bytes = 0, folders = 0): FileCounts {
  return { added, modified, deleted, bytes, folders };
}

export function observedTree(tree: TreeSpec, fileCounts: FileCounts = counts(), digest = `digest-of-${tree.id}`): ObservedTree {
  const changes: PathChange[] = [];
  const kinds = ['added', 'modified', 'deleted'] as const;
  for (const change of kinds) {
    for (let i = 0; i < fileCounts[change]; i++) changes.push({ path: `${change}-${i}`, change, type: 'file', size: 1 });
  }
  return { drift: { tree, presence: 'same', counts: fileCounts, changes, truncated: false, files: 10, bytes: 1000 }, digest, recorded: true, present: true };
}

function manifestTree(tree: TreeSpec): ManifestTree {
  return { ...tree, list: `${tree.id}.list`, sha256: 'f'.repeat(64), entries: 10, files: 10, bytes: 1000, newBytes: 0 };
}

export function fingerprint(overrides: Partial<DatabaseFingerprint> = {}): DatabaseFingerprint {
  return {
    server: 'db1:3306:/var/lib/mysql:1',
    observedAt: 1_000_000,
    startedAt: 900_000,
    binlog: null,
    lsn: null,
    schema: 'schema-1',
    tables: {},
    ...overrides,
  };
}

export interface ManifestOptions {
  readonly kind?: SnapshotKind;
  readonly trees?: readonly TreeSpec[];
  readonly database?: boolean;
  readonly indexes?: readonly string[];
  readonly stores?: Manifest['stores'];
}

export function manifest(id: string, options: ManifestOptions = {}): Manifest {
  return {
    format_version: '2',
    id,
    kind: options.kind ?? 'backup',
    created: '2026-11-24T14:05:00.000Z',
    tool: { name: 'cellar', version: '0.1.0' },
    host: 'cells1',
    cells: { workingDir, version: '4.4.0', generation: 'sites' },
    trees: (options.trees ?? [workdirTree, configTree, pydiods1Tree]).map(manifestTree),
    config: [],
    database:
      options.database === false
        ? null
        : {
            name: 'cells',
            dump: 'database/cells.sql.gz',
            sha256: 'd'.repeat(64),
            size: 100,
            dumped: true,
            fingerprint: fingerprint(),
            client: { program: 'mariadb-dump', version: '11.4', flags: [] },
            server: { version: '11.4.2', variant: 'mariadb' },
            tables: [],
          },
    indexes: (options.indexes ?? []).map((datasource) => ({
      datasource,
      dump: `datasources/${datasource}/index.sql.gz`,
      sha256: 'e'.repeat(64),
      size: 10,
      tables: [`data_index_${datasource}_idx_tree`],
    })),
    stores: options.stores ?? [],
    excluded: [],
    warnings: [],
    restoreOf: null,
    owners: { users: {}, groups: {} },
  };
}

export function lockRecord(serviceStopped: boolean): LockRecord {
  return { host: 'cells1', pid: 4242, processStart: '123456', started: '2026-11-25T14:00:00.000Z', command: 'apply', serviceStopped };
}

export interface TargetOptions {
  readonly leftovers?: readonly string[];
  readonly damaged?: ObservedTarget['damaged'];
  readonly lock?: LockStatus;
  readonly state?: ObservedTarget['state'];
}

export function target(snapshots: readonly Manifest[], options: TargetOptions = {}): ObservedTarget {
  return {
    name: 'local',
    path: targetPath,
    state: options.state ?? 'ready',
    snapshots,
    leftovers: options.leftovers ?? [],
    damaged: options.damaged ?? [],
    lock: options.lock ?? { state: 'free' },
  };
}

export function verdict(changed: boolean, signal: DatabaseSignal, tables: readonly string[] = []): DatabaseVerdict {
  return { changed, signal, tables, fingerprint: fingerprint() };
}

export function observedDatabase(databaseVerdict: DatabaseVerdict, indexTables: Readonly<Record<string, readonly string[]>> = {}): ObservedDatabase {
  return { name: 'cells', verdict: databaseVerdict, indexTables, hiddenRoutines: { names: [], grant: 'GRANT SELECT ON mysql.proc TO ...' } };
}

export function datasourceInfo(name: string, overrides: Partial<DatasourceInfo> = {}): DatasourceInfo {
  return {
    name,
    storage: 'local',
    flat: false,
    internal: false,
    folder: `${workingDir}/data/${name}`,
    bucket: name,
    objectsService: 'local1',
    localFolder: `${workingDir}/data`,
    peerAddresses: [],
    ...overrides,
  };
}

export function cellsConfig(datasources: readonly DatasourceInfo[]): CellsConfig {
  return {
    version: '4.4.0',
    majorVersion: 4,
    generation: 'sites',
    datasources,
    databases: [],
    defaultDatabase: undefined,
    defaultMysql: undefined,
    publicUrls: [],
  };
}

/** All three config files present. */
export const configPresent = [
  { name: 'pydio.json', sha256: 'a'.repeat(64) },
  { name: 'pydio-vault.json', sha256: 'b'.repeat(64) },
  { name: 'cells-vault-key', sha256: 'c'.repeat(64) },
] as const;

export function observedBackup(overrides: Partial<ObservedBackup> = {}): ObservedBackup {
  return {
    target: target([manifest('20261124T140500Z')]),
    latest: manifest('20261124T140500Z'),
    cells: cellsConfig([datasourceInfo('pydiods1')]),
    trees: [observedTree(workdirTree), observedTree(configTree), observedTree(pydiods1Tree)],
    config: configPresent,
    database: observedDatabase(verdict(false, 'binary log')),
    stores: [],
    excluded: [],
    unplaced: [],
    incompleteRestore: null,
    frozen: [],
    ...overrides,
  };
}

/** Tree entries for diff tests: a file by default. */
export function entry(path: string, fields: Partial<TreeEntry> = {}): TreeEntry {
  return { path, type: 'file', size: 10, mtimeMs: 1_700_000_000_000, mode: 0o644, uid: 1000, gid: 1000, ...fields };
}

export function dir(path: string, fields: Partial<TreeEntry> = {}): TreeEntry {
  return entry(path, { type: 'dir', size: 0, mode: 0o755, ...fields });
}

export function symlink(path: string, link: string, fields: Partial<TreeEntry> = {}): TreeEntry {
  return entry(path, { type: 'symlink', size: 0, mode: 0o777, link, ...fields });
}

export function recorded(entries: readonly TreeEntry[]): RecordedEntry[] {
  return entries.map((item) => (item.type === 'file' ? { ...item, sha256: '0'.repeat(64) } : item));
}

/** A write-manifest action for an installation of `trees`, with what it reuses and the rest empty. */
export function writeManifest(reason: string, reuse: readonly TreeSpec[] = [], trees: readonly TreeSpec[] = [workdirTree, configTree]): WriteManifest {
  return {
    action: 'write-manifest',
    address: 'target.local',
    trees,
    reuse,
    absent: [],
    reuseDatabase: false,
    reuseStores: [],
    cells: { workingDir, version: null, generation: null },
    excluded: [],
    reason,
  };
}
