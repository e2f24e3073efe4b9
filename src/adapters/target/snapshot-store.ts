import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { CellarError } from '../../core/errors.js';
import { parseManifest, sealManifest, snapshotIdPattern, type Manifest, type SigningKey } from '../../model/manifest.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { hasErrorCode } from '../fs/errno.js';
import { removeTree } from '../fs/folders.js';

export const manifestName = 'manifest.json';
const trashPrefix = '.deleting-';

export interface SnapshotListing {
  /** Complete snapshots, oldest first. */
  readonly snapshots: readonly Manifest[];
  /** Folders left by an interrupted apply or prune: not snapshots, removed by the next apply. */
  readonly leftovers: readonly string[];
  /** Snapshots whose manifest cannot be trusted: never used, reported. */
  readonly damaged: readonly { readonly id: string; readonly reason: string }[];
}

export function snapshotsFolder(target: string): string {
  return join(target, 'snapshots');
}

export function snapshotFolder(target: string, id: string): string {
  return join(target, 'snapshots', id);
}

/** Every complete snapshot in the target; a folder without a manifest is a leftover, not a snapshot. */
export function listSnapshots(target: string, key: SigningKey | undefined): SnapshotListing {
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

/** The manifest of one snapshot, checked; refused when damaged or of another format. */
export function readManifest(target: string, id: string, key: SigningKey | undefined): Manifest {
  return readManifestFile(join(snapshotFolder(target, id), manifestName), id, key);
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
export function createSnapshotFolder(target: string, id: string): boolean {
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
export function writeManifest(target: string, manifest: Manifest, key: SigningKey | undefined): void {
  writeFileAtomic(join(snapshotFolder(target, manifest.id), manifestName), sealManifest(manifest, key), { mode: 0o600 });
}

/**
 * Deletes a snapshot: first renamed out of the listing in one atomic step (so an interrupted
 * prune never leaves a snapshot that looks complete but is not), then removed.
 */
export function removeSnapshot(target: string, id: string): void {
  const trash = join(snapshotsFolder(target), `${trashPrefix}${id}`);
  renameSync(snapshotFolder(target, id), trash);
  removeTree(trash);
}

/** Removes what an interrupted apply left behind. Only call while holding the target's lock. */
export function removeLeftover(target: string, name: string): void {
  removeTree(join(snapshotsFolder(target), name));
}
