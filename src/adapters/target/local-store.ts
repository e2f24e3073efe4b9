import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { CellarError } from '../../core/errors.js';
import { dateToId, parseManifest, sealManifest, snapshotIdPattern, type Manifest, type SigningKey } from '../../model/manifest.js';
import type { ReservedSnapshot, SnapshotStore } from '../../model/ports.js';
import type { SnapshotListing, TargetState } from '../../model/target.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { hasErrorCode } from '../fs/errno.js';
import { removeTree } from '../fs/folders.js';
import { readFileList } from './file-list.js';
import { acquireLock, inspectLock } from './lock.js';
import { initTarget, readTargetState } from './marker.js';

const manifestName = 'manifest.json';
const trashPrefix = '.deleting-';

/** How many later seconds a new snapshot's id may move to when its own is taken. */
const freeIdTries = 3600;

/**
 * The hard-link folder: a marker, a lock, and `snapshots/<id>/` holding each snapshot's files, lists
 * and dumps, complete once its manifest is written. `key` signs and authenticates the manifests.
 */
export function localSnapshotStore(name: string, path: string, key: SigningKey | undefined): SnapshotStore {
  // Read once per run: the state and the listing (which reads every manifest) are kept until this
  // store itself writes; another run cannot write meanwhile without the lock.
  let state: TargetState | undefined;
  let listing: SnapshotListing | undefined;
  const changed = (): void => {
    state = undefined;
    listing = undefined;
  };
  return {
    name,
    location: path,
    readState: () => (state ??= readTargetState(path)),
    init: () => {
      changed();
      return initTarget(path);
    },
    list: () => (listing ??= listSnapshots(path, key)),
    hasManifest: (id) => snapshotIdPattern.test(id) && existsSync(join(snapshotFolder(path, id), manifestName)),
    readManifest: (id) => readManifestFile(join(snapshotFolder(path, id), manifestName), id, key),
    listFile: (id, list) => join(snapshotFolder(path, id), list),
    readList: (id, list) => readFileList(join(snapshotFolder(path, id), list)),
    folderOf: (id) => snapshotFolder(path, id),
    inspectLock: () => inspectLock(path),
    lock: (command) => acquireLock(path, command),
    reserve: (now) => {
      changed();
      return reserveSnapshot(path, now);
    },
    commit: (manifest) => {
      changed();
      writeManifest(path, manifest, key);
    },
    remove: (id) => {
      changed();
      removeSnapshot(path, id);
    },
    removeLeftover: (leftover) => {
      changed();
      removeTree(join(snapshotsFolder(path), leftover));
    },
  };
}

function snapshotsFolder(target: string): string {
  return join(target, 'snapshots');
}

function snapshotFolder(target: string, id: string): string {
  return join(target, 'snapshots', id);
}

/** A new snapshot's folder, named by `now` or the next free second. */
function reserveSnapshot(target: string, now: Date): ReservedSnapshot {
  let time = now.getTime();
  // A file system that says every name exists (some pseudo ones do) must not keep it looping.
  for (let tries = 1; !createSnapshotFolder(target, dateToId(new Date(time))); tries += 1) {
    if (tries === freeIdTries)
      throw new CellarError('TARGET_INVALID', `${snapshotsFolder(target)} reports every snapshot name as taken; check the folder and the file system it is on`);
    time += 1000;
  }
  const id = dateToId(new Date(time));
  return { id, folder: snapshotFolder(target, id) };
}

/** Every complete snapshot in the target; a folder without a manifest is a leftover, not a snapshot. */
function listSnapshots(target: string, key: SigningKey | undefined): SnapshotListing {
  let names: string[];
  try {
    names = readdirSync(snapshotsFolder(target)).sort();
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return { snapshots: [], leftovers: [], damaged: [] };
    throw new CellarError('TARGET_INVALID', `cannot read ${snapshotsFolder(target)}; check its permissions`, { cause: error });
  }
  const snapshots: Manifest[] = [];
  const leftovers: string[] = [];
  const damaged: { id: string; reason: string }[] = [];
  for (const name of names) {
    if (name.startsWith('.')) {
      if (name.startsWith(trashPrefix) || name.endsWith('.tmp')) leftovers.push(name);
      continue;
    }
    if (!snapshotIdPattern.test(name)) continue;
    const manifestPath = join(snapshotsFolder(target), name, manifestName);
    if (!existsSync(manifestPath)) {
      leftovers.push(name);
      continue;
    }
    try {
      snapshots.push(readManifestFile(manifestPath, name, key));
    } catch (error) {
      damaged.push({ id: name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { snapshots, leftovers, damaged };
}

function readManifestFile(path: string, id: string, key: SigningKey | undefined): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CellarError('SNAPSHOT_DAMAGED', `${path} cannot be read as JSON; the snapshot is damaged, run cellar verify`, { cause: error });
  }
  const manifest = parseManifest(json, path, key);
  if (manifest.id !== id) {
    throw new CellarError('SNAPSHOT_DAMAGED', `${path} names snapshot ${manifest.id} but lies in ${id}; the snapshot is damaged`);
  }
  return manifest;
}

/** Creates the folder of a new snapshot; false when that id is taken (by a snapshot, a leftover or a damaged one). */
function createSnapshotFolder(target: string, id: string): boolean {
  try {
    // An apply killed while it initialised the target may have left the marker without this folder.
    mkdirSync(snapshotsFolder(target), { recursive: true, mode: 0o700 });
    mkdirSync(snapshotFolder(target, id), { mode: 0o700 });
    return true;
  } catch (error) {
    if (hasErrorCode(error, 'EEXIST')) return false;
    throw error;
  }
}

/** Writes the manifest last and atomically (signed with `key`, when there is one): from this moment the snapshot exists. */
function writeManifest(target: string, manifest: Manifest, key: SigningKey | undefined): void {
  writeFileAtomic(join(snapshotFolder(target, manifest.id), manifestName), sealManifest(manifest, key), { mode: 0o600 });
}

/**
 * Deletes a snapshot: first renamed out of the listing in one atomic step (so an interrupted
 * prune never leaves a snapshot that looks complete but is not), then removed.
 */
function removeSnapshot(target: string, id: string): void {
  const trash = join(snapshotsFolder(target), `${trashPrefix}${id}`);
  renameSync(snapshotFolder(target, id), trash);
  removeTree(trash);
}
