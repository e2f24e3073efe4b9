import type { VerifyOptions, VerifyResult } from '../model/verification.js';
import { join } from 'node:path';
import { describeSystemError, hasErrorCode } from '../adapters/fs/errno.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { fsPath } from '../adapters/fs/path-bytes.js';
import { statEntry, walkTree } from '../adapters/fs/walk-tree.js';
import { isFolder } from '../adapters/fs/exists.js';
import { readFileList } from '../adapters/target/file-list.js';
import type { SnapshotStore } from '../model/ports.js';
import { isCellarError } from '../core/errors.js';
import { isAbsent, type Manifest, type ManifestTree } from '../model/manifest.js';
import type { ForeignEntry } from '../model/verification.js';
import { compileExclude } from '../model/exclude.js';
import { pairByPath } from '../model/path-order.js';
import { unknownOwner, type EntryType, type RecordedEntry, type TreeEntry } from '../model/tree.js';
import { printablePath } from '../model/text.js';

type Report = (path: string, what: string) => void;

/** A dump's recorded facts. */
interface RecordedDump {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** How many foreign entries are kept by name (a restore leaves each out); beyond, the snapshot is too damaged to restore. */
const foreignKept = 10_000;

/**
 * Checks a snapshot against its manifest, streaming each tree's folder beside its file list
 * (memory does not grow with the number of files): each list's digest, every listed entry's type,
 * size and link target, entries the lists do not hold, the dumps' sizes, and that the config files
 * the manifest records are listed with their digest. `readData` also re-hashes every file and
 * dump. Reads only.
 */
export function verifySnapshot(store: SnapshotStore, manifest: Manifest, options: VerifyOptions): VerifyResult {
  const folder = store.folderOf(manifest.id);
  const keep = options.keepProblems ?? 50;
  const problems: string[] = [];
  let problemCount = 0;
  const report: Report = (path, what) => {
    problemCount += 1;
    if (problems.length < keep) problems.push(`${printablePath(path)}: ${what}`);
  };
  const dumps = recordedDumps(manifest);
  const progress = progressCounter(manifest, dumps, options);
  const check = entryChecker(options.readData, report);
  const configNames = new Set(manifest.config.map((file) => file.name));
  const listedConfig = new Map<string, string | undefined>();
  const foreign: ForeignEntry[] = [];
  let foreignCount = 0;
  let files = 0;
  let bytes = 0;

  for (const tree of manifest.trees) {
    const root = join(folder, tree.snapshotPath);
    // A missing folder is one problem, not one per entry below it (which are not looked for).
    let gone: { readonly path: string; below: number } | undefined;
    const reportGone = (): void => {
      if (gone) report(inSnapshot(tree.snapshotPath, gone.path), gone.below === 0 ? 'missing' : `missing, with the ${gone.below} entries listed below it`);
      gone = undefined;
    };
    // A foreign folder is one entry: what lies below it is left out with it.
    let foreignFolder: string | undefined;
    const seeForeign = (found: TreeEntry): void => {
      const { path } = found;
      if (foreignFolder !== undefined && isBelow(path, foreignFolder)) return;
      foreignFolder = found.type === 'dir' ? path : undefined;
      foreignCount += 1;
      if (foreign.length < foreignKept) foreign.push({ tree: tree.id, path: inSnapshot(tree.snapshotPath, path) });
    };
    for (const { left: listed, right: found } of pairByPath(listedEntries(folder, tree, report), walkSnapshotTree(root, tree))) {
      if (!listed) {
        if (found) seeForeign(found);
        continue;
      }
      const entry = listed;
      if (entry.type === 'file') {
        files += 1;
        bytes += entry.size;
      }
      if (tree.address === 'config' && configNames.has(entry.path)) listedConfig.set(entry.path, entry.sha256);
      if (gone && isBelow(entry.path, gone.path)) gone.below += 1;
      else {
        reportGone();
        if (!found || !check(root, tree.snapshotPath, entry, found)) {
          if (entry.type === 'dir') gone = { path: entry.path, below: 0 };
          else report(inSnapshot(tree.snapshotPath, entry.path), 'missing');
        }
      }
      progress(entry.type === 'file' ? entry.size : 0);
    }
    reportGone();
  }
  for (const dump of dumps) {
    checkDump(folder, dump, check, report);
    progress(dump.size);
  }
  checkConfigListed(manifest, listedConfig, report);
  return { problems, problemCount, foreign, foreignCount, files, bytes, dumps: dumps.length };
}

/** A dump is checked like a listed file; its mode and time are not recorded. */
function checkDump(folder: string, dump: RecordedDump, check: ReturnType<typeof entryChecker>, report: Report): void {
  const entry = { path: dump.path, type: 'file', size: dump.size, sha256: dump.sha256, mode: 0, mtimeMs: 0, uid: unknownOwner, gid: unknownOwner } as const;
  if (!check(folder, '', entry)) report(dump.path, 'missing');
}

/** The database, index and store dumps the manifest records. */
function recordedDumps(manifest: Manifest): RecordedDump[] {
  return [
    ...(manifest.database ? [{ path: manifest.database.dump, size: manifest.database.size, sha256: manifest.database.sha256 }] : []),
    ...manifest.indexes.map((index) => ({ path: index.dump, size: index.size, sha256: index.sha256 })),
    ...manifest.stores.map((store) => ({ path: store.dump, size: store.size, sha256: store.sha256 })),
  ];
}

/** Each config file the manifest records must be in the config tree's list with that digest. */
function checkConfigListed(manifest: Manifest, listed: ReadonlyMap<string, string | undefined>, report: Report): void {
  const configTree = manifest.trees.find((tree) => tree.address === 'config');
  for (const file of manifest.config) {
    if (file.sha256 === null || listed.get(file.name) === file.sha256) continue;
    report(
      join(configTree?.snapshotPath ?? 'workdir', file.name),
      `recorded in the manifest's config but not in ${configTree?.list ?? 'any file list'} with that sha256`,
    );
  }
}

/**
 * A tree's folder in the snapshot, walked as the recording walked its copy (its excludes and
 * names); nothing for an absent tree or a folder that is gone (its listed root is then missing).
 */
function walkSnapshotTree(root: string, tree: ManifestTree): Iterable<TreeEntry> {
  if (isAbsent(tree) || !isFolder(root)) return [];
  return walkTree(root, { exclude: tree.exclude.map(compileExclude), only: tree.only });
}

/** A tree's list entries, after checking the list's own digest; a list that breaks off is one problem. */
function* listedEntries(folder: string, tree: ManifestTree, report: Report): Generator<RecordedEntry> {
  const listPath = join(folder, tree.list);
  const digest = hashOrReport(listPath, tree.list, report);
  if (digest === null) report(tree.list, 'missing (the file list of this tree)');
  if (digest === null || digest === undefined) return;
  if (digest !== tree.sha256) report(tree.list, 'contents differ from the sha256 in the manifest');
  try {
    yield* readFileList(listPath);
  } catch (error) {
    if (!isCellarError(error) || error.code !== 'SNAPSHOT_DAMAGED') throw error;
    report(tree.list, `unreadable from here on: ${error.message}`);
  }
}

const typeNames: Record<EntryType, string> = { file: 'a file', dir: 'a folder', symlink: 'a symlink', other: 'a special file' };

/**
 * Compares a recorded entry with what lies at `root/entry.path` (`base` names `root` in problems),
 * as found by a walk or else looked up, and reports any difference; returns false, without
 * reporting, when nothing is there.
 */
function entryChecker(readData: boolean, report: Report): (root: string, base: string, entry: RecordedEntry, found?: TreeEntry) => boolean {
  return (root, base, entry, found) => {
    const path = inSnapshot(base, entry.path);
    const actual = found ?? statOrReport(root, entry.path, path, report);
    if (actual === null) return false;
    if (actual === undefined) return true;
    if (actual.type !== entry.type) {
      report(path, `is ${typeNames[actual.type]}, expected ${typeNames[entry.type]}`);
    } else if (entry.type === 'symlink' && actual.link !== entry.link) {
      report(path, `links to ${printablePath(actual.link ?? '')}, expected ${printablePath(entry.link ?? '')}`);
    } else if (entry.type === 'file' && actual.size !== entry.size) {
      report(path, `is ${actual.size} bytes, expected ${entry.size}`);
    } else if (entry.type === 'file' && readData && entry.sha256 !== undefined) {
      const digest = hashOrReport(fsPath(root, entry.path), path, report);
      if (digest === null) return false;
      if (digest !== undefined && digest !== entry.sha256) report(path, 'contents differ from the recorded sha256');
    }
    return true;
  };
}

/** A path below `base` ('' is `base` itself), relative to the snapshot folder. */
function inSnapshot(base: string, path: string): string {
  if (base === '') return path;
  return path === '' ? base : `${base}/${path}`;
}

/** True when `path` lies below the folder `folder` of the same tree ('' is the tree root). */
function isBelow(path: string, folder: string): boolean {
  return folder === '' ? path !== '' : path.startsWith(`${folder}/`);
}

/** The entry's facts; null when it does not exist, undefined when it cannot be read (reported). */
function statOrReport(root: string, relative: string, path: string, report: Report): TreeEntry | null | undefined {
  try {
    return statEntry(root, relative) ?? null;
  } catch (error) {
    const cause = isCellarError(error) ? error.cause : error;
    // A parent that is no longer a folder: the entry is simply not there.
    if (hasErrorCode(cause, 'ENOTDIR')) return null;
    report(path, `cannot be read: ${describeSystemError(cause)}`);
    return undefined;
  }
}

/** The file's sha256; null when it does not exist, undefined when it cannot be read (reported). */
function hashOrReport(file: string | Buffer, path: string, report: Report): string | null | undefined {
  try {
    return sha256File(file);
  } catch (error) {
    report(path, `cannot be read: ${describeSystemError(error)}`);
    return undefined;
  }
}

/** Counts the bytes hashed and reports them (with `readData` only). */
function progressCounter(manifest: Manifest, dumps: readonly RecordedDump[], options: VerifyOptions): (bytes: number) => void {
  const { onProgress } = options;
  if (!onProgress || !options.readData) return () => undefined;
  const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
  const total = sum(manifest.trees.map((tree) => tree.bytes)) + sum(dumps.map((dump) => dump.size));
  let done = 0;
  return (bytes) => {
    if (bytes === 0) return;
    done += bytes;
    onProgress(done, total);
  };
}
