import { hostname } from 'node:os';
import { join } from 'node:path';
import { linkFile, makeFolder, removeTree, tryLinkFile } from '../adapters/fs/folders.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { linkTree } from '../adapters/fs/link-tree.js';
import { dumpDatabase } from '../adapters/mysql/dump.js';
import { dumpStore } from '../adapters/process/store-command.js';
import type { ServerInfo } from '../adapters/mysql/probe.js';
import { ownerNames } from '../adapters/process/owner-names.js';
import { createFileList, readFileList } from '../adapters/target/file-list.js';
import { toolVersion } from '../core/version.js';
import type { DatabaseSource } from '../observe/database-login.js';
import type { DatabaseFingerprint } from '../model/database-drift.js';
import { configFiles } from '../model/installation.js';
import {
  isAbsent,
  manifestFormat,
  type Manifest,
  type OwnerNames,
  type ManifestConfigFile,
  type ManifestDatabase,
  type ManifestIndex,
  type ManifestStore,
  type ManifestTree,
} from '../model/manifest.js';
import type { Host, SnapshotStore } from '../model/ports.js';
import type { TreeSpec } from '../model/tree.js';
import { listPathOf, startRecorder, type RecordedTree, type Recorder } from './record-tree.js';
import type { CopySize, StoreDump } from '../model/actions.js';
import { copyProgress, type Reporter } from './reporter.js';

/** A snapshot this snapshot may hard-link from: its folder and manifest. */
export interface Baseline {
  readonly folder: string;
  readonly manifest: Manifest;
}

/** A tree to copy into a snapshot, and the snapshot to hard-link its unchanged files from. */
export interface TreeCopy {
  readonly tree: TreeSpec;
  readonly baseline: Baseline | undefined;
  /** What the plan expects rsync to transfer (added and modified files), for the progress total. */
  readonly expected?: CopySize | undefined;
  /** A read-only file-system snapshot of the source to copy from instead of the live folder. */
  readonly readFrom?: string | undefined;
}

/** The header fields of a manifest that the caller knows and the draft does not. */
export type ManifestHeader = Pick<Manifest, 'kind' | 'cells' | 'config' | 'excluded' | 'restoreOf'> & { readonly warnings: readonly string[] };

/**
 * A snapshot being written: a folder without a manifest, which therefore does not exist yet.
 * Trees are copied (or hard-linked from a baseline), dumps added, and `finish` writes the manifest.
 */
export interface SnapshotDraft {
  readonly id: string;
  readonly folder: string;
  /**
   * Copies the trees with rsync, one after the other, each hard-linking what its baseline holds
   * unchanged. Their file lists are written as each copy ends: for big trees on threads, while
   * the next copies run; `finish` waits for them.
   */
  copyTrees(copies: readonly TreeCopy[]): Promise<void>;
  /** Hard-links a tree from the baseline; false (and nothing left behind) when the baseline lacks some of it. */
  tryReuseTree(tree: TreeSpec, baseline: Baseline): boolean;
  /** Records an optional tree as absent: an empty list, and no folder. */
  recordAbsent(tree: TreeSpec): void;
  /** Dumps the database; without `progress` (a dump running beside file copies), silently. */
  dumpDatabase(source: DatabaseSource, server: ServerInfo, fingerprint: DatabaseFingerprint, options?: { readonly progress: boolean }): Promise<void>;
  /** Hard-links the baseline's dump; false when it is gone. */
  tryReuseDatabase(baseline: Baseline, fingerprint: DatabaseFingerprint): boolean;
  dumpIndex(source: DatabaseSource, server: ServerInfo, datasource: string, tables: readonly string[]): Promise<void>;
  /** Hard-links the baseline's index dumps that this snapshot did not redo (a missing one is left out). */
  reuseIndexes(baseline: Baseline): void;
  /** Runs a store's dump command into the snapshot; `hide` names the variables kept from it. */
  dumpStore(store: StoreDump, hide: readonly string[]): Promise<void>;
  /** Hard-links the baseline's dump of a store with that fingerprint; false when it has none. */
  tryReuseStore(baseline: Baseline, store: StoreDump): boolean;
  /** sha256 of pydio.json and the vault files as this snapshot holds them (null when absent). */
  configDigests(): ManifestConfigFile[];
  /** Waits for the file lists still being written, then writes the manifest. */
  finish(order: readonly TreeSpec[], header: ManifestHeader, now: Date): Promise<Manifest>;
  /** Removes the folder of a draft that will never be finished. */
  discard(): Promise<void>;
}

/** Starts a snapshot in `store`, named by `now` (or the next free second when that id is taken), of trees on `host`. */
// eslint-disable-next-line max-lines-per-function -- a closure over one draft's state (its folder, lists, dumps and owners); each method is short
export function beginSnapshot(store: SnapshotStore, host: Host, now: Date, reporter: Reporter): SnapshotDraft {
  const { id, folder } = store.reserve(now);
  makeFolder(join(folder, 'lists'));
  const trees = new Map<string, ManifestTree>();
  const indexes = new Map<string, ManifestIndex>();
  const stores = new Map<string, ManifestStore>();
  const warnings: string[] = [];
  const owners = { uids: new Set<number>(), gids: new Set<number>(), names: [] as OwnerNames[] };
  let database: ManifestDatabase | null = null;
  let recorder: Recorder | undefined;
  const recordings: Promise<void>[] = [];
  let recordFailure: Error | undefined;

  const warn = (warning: string): void => {
    warnings.push(warning);
    reporter.warn(warning);
  };
  const syncTree = async ({ tree, expected, readFrom }: TreeCopy, destination: string, linkDest: string | undefined): Promise<void> => {
    const outcome = await host.copyFrom({
      source: readFrom ?? tree.source,
      destination,
      exclude: tree.exclude,
      only: tree.only,
      linkDest,
      delete: true,
      onProgress: (copied) => {
        reporter.progress(`copying ${tree.id}`, copyProgress(copied, expected));
      },
    });
    reporter.progressDone();
    for (const path of outcome.vanished) warn(`${tree.source}/${path} disappeared during the copy; it is not in the snapshot`);
  };
  const noteRecorded = (tree: TreeSpec, list: string, recorded: RecordedTree): void => {
    for (const path of recorded.unstable) {
      warn(`${tree.source}/${path} changed while it was being copied; its copy may be inconsistent (stop Cells during backups: cells.service)`);
    }
    trees.set(tree.id, { ...tree, list, ...recorded.summary, newBytes: recorded.newBytes });
    for (const uid of recorded.uids) owners.uids.add(uid);
    for (const gid of recorded.gids) owners.gids.add(gid);
  };

  const recordAbsent = (tree: TreeSpec): void => {
    const list = listPathOf(tree);
    const summary = createFileList(join(folder, list)).close();
    trees.set(tree.id, { ...tree, list, ...summary, newBytes: 0 });
  };

  return {
    id,
    folder,
    recordAbsent,
    async copyTrees(copies) {
      for (const copy of copies) {
        const { tree, baseline } = copy;
        if (tree.optional === true && !host.hasFolder(tree.source)) {
          recordAbsent(tree);
          continue;
        }
        const destination = join(folder, tree.snapshotPath);
        makeFolder(destination);
        const previous = baseline?.manifest.trees.find((candidate) => candidate.id === tree.id);
        const previousFolder = baseline && previous ? join(baseline.folder, previous.snapshotPath) : undefined;
        await syncTree(copy, destination, previousFolder);
        const list = listPathOf(tree);
        recorder ??= startRecorder(baseline?.manifest);
        const recording = recorder.record({
          // Facts the copy lacks (folder times, a check that nothing changed meanwhile) come from where it was read.
          tree: copy.readFrom === undefined ? tree : { ...tree, source: copy.readFrom },
          copy: destination,
          listPath: join(folder, list),
          previousList: baseline && previous ? join(baseline.folder, previous.list) : undefined,
        });
        recordings.push(
          recording.then(
            (recorded) => {
              noteRecorded(tree, list, recorded);
            },
            (error: unknown) => {
              recordFailure ??= error instanceof Error ? error : new Error(String(error));
            },
          ),
        );
      }
    },
    tryReuseTree(tree, baseline) {
      const previous = baseline.manifest.trees.find((candidate) => candidate.id === tree.id);
      if (!previous) return false;
      if (isAbsent(previous)) {
        recordAbsent(tree);
        return true;
      }
      const entries = readFileList(join(baseline.folder, previous.list));
      if (!linkTree(join(baseline.folder, previous.snapshotPath), join(folder, tree.snapshotPath), entries)) return false;
      linkFile(join(baseline.folder, previous.list), join(folder, previous.list));
      trees.set(tree.id, { ...previous, ...tree, newBytes: 0 });
      // Its list is not read again: the baseline's names cover the ids it holds.
      owners.names.push(baseline.manifest.owners);
      return true;
    },
    async dumpDatabase(source, server, fingerprint, options = { progress: true }) {
      const dump = join('database', `${source.name}.sql.gz`);
      makeFolder(join(folder, 'database'));
      const result = await dumpDatabase({
        login: source.login,
        server,
        database: source.name,
        output: join(folder, dump),
        onProgress: options.progress
          ? (bytes) => {
              reporter.progress('dumping the database', { unit: 'bytes', done: bytes });
            }
          : undefined,
      });
      if (options.progress) reporter.progressDone();
      database = {
        name: source.name,
        dump,
        sha256: result.sha256,
        size: result.size,
        dumped: true,
        fingerprint,
        client: result.client,
        server: { version: server.version, variant: server.variant },
        tables: Object.keys(fingerprint.tables),
      };
    },
    tryReuseDatabase(baseline, fingerprint) {
      const previous = baseline.manifest.database;
      if (!previous) return false;
      makeFolder(join(folder, 'database'));
      if (!tryLinkFile(join(baseline.folder, previous.dump), join(folder, previous.dump))) return false;
      database = { ...previous, dumped: false, fingerprint };
      return true;
    },
    async dumpIndex(source, server, datasource, tables) {
      const dump = join('datasources', datasource, 'index.sql.gz');
      makeFolder(join(folder, 'datasources', datasource));
      const result = await dumpDatabase({ login: source.login, server, database: source.name, tables, output: join(folder, dump) });
      indexes.set(datasource, { datasource, dump, sha256: result.sha256, size: result.size, tables });
    },
    reuseIndexes(baseline) {
      for (const index of baseline.manifest.indexes) {
        if (indexes.has(index.datasource)) continue;
        makeFolder(join(folder, 'datasources', index.datasource));
        if (tryLinkFile(join(baseline.folder, index.dump), join(folder, index.dump))) indexes.set(index.datasource, index);
      }
    },
    async dumpStore(store, hide) {
      const dump = storeDumpPath(store.store);
      makeFolder(join(folder, 'stores'));
      reporter.info(`dumping store ${store.store} with ${store.argv[0] ?? '?'}`);
      const result = await dumpStore({ argv: store.argv, what: `the dump command of stores.${store.store}`, hide }, join(folder, dump));
      stores.set(store.store, { id: store.store, driver: store.driver, dump, ...result, fingerprint: store.fingerprint, dumped: true });
    },
    tryReuseStore(baseline, store) {
      const recorded = baseline.manifest.stores.find((candidate) => candidate.id === store.store && candidate.fingerprint === store.fingerprint);
      if (recorded === undefined) return false;
      makeFolder(join(folder, 'stores'));
      if (!tryLinkFile(join(baseline.folder, recorded.dump), join(folder, recorded.dump))) return false;
      stores.set(store.store, { ...recorded, dumped: false });
      return true;
    },
    configDigests() {
      return configFiles.map((name) => ({ name, sha256: sha256File(join(folder, 'workdir', name)) }));
    },
    async finish(order, header, now) {
      await Promise.all(recordings);
      await recorder?.close();
      if (recordFailure) throw recordFailure;
      const manifest: Manifest = {
        format_version: manifestFormat,
        id,
        kind: header.kind,
        created: now.toISOString(),
        tool: { name: 'cellar', version: toolVersion },
        host: hostname(),
        cells: header.cells,
        trees: order.flatMap((tree) => trees.get(tree.id) ?? []),
        config: header.config,
        database,
        indexes: [...indexes.values()],
        stores: [...stores.values()],
        excluded: header.excluded,
        warnings: [...header.warnings, ...warnings],
        restoreOf: header.restoreOf,
        owners: mergeNames([...owners.names, await ownerNames(owners.uids, owners.gids)]),
      };
      store.commit(manifest);
      return manifest;
    },
    async discard() {
      await recorder?.close();
      removeTree(folder);
    },
  };
}

/** Where a store's dump sits in a snapshot; the id is a pydio.json key, made safe as a file name. */
function storeDumpPath(id: string): string {
  return join('stores', `${encodeURIComponent(id)}.dump`);
}

/** Owner names of several sources, later ones winning (the names looked up now come last). */
function mergeNames(all: readonly OwnerNames[]): OwnerNames {
  return {
    users: Object.assign({}, ...all.map((names) => names.users)) as OwnerNames['users'],
    groups: Object.assign({}, ...all.map((names) => names.groups)) as OwnerNames['groups'],
  };
}

/** The baseline for hard links: the given snapshot in `store`. */
export function baselineOf(store: SnapshotStore, manifest: Manifest | undefined): Baseline | undefined {
  return manifest ? { folder: store.folderOf(manifest.id), manifest } : undefined;
}
