import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CellarError } from '../../core/errors.js';
import { isMarkerDraft, targetMarkerName as markerName, type TargetMarker, type TargetState } from '../../model/target.js';
import { syncFolder } from '../fs/atomic-write.js';
import { describeSystemError, hasErrorCode, writeFailure } from '../fs/errno.js';

const markerFormat = '1';

/** What is at a target's path; a non-empty folder without a valid marker is refused. */
export function readTargetState(path: string): TargetState {
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return { state: 'missing' };
    if (hasErrorCode(error, 'ENOTDIR')) throw new CellarError('TARGET_INVALID', `the target ${path} is not a folder; point the target at a folder`);
    throw new CellarError('TARGET_INVALID', `cannot read the target ${path}; check its permissions`, { cause: error });
  }
  // A marker still being written by an apply that initialises the target does not count.
  if (names.every(isMarkerDraft)) return { state: 'empty' };
  if (!names.includes(markerName)) {
    throw new CellarError(
      'TARGET_INVALID',
      `the target ${path} is a non-empty folder that cellar did not create (no ${markerName}); use an empty or new folder`,
    );
  }
  return { state: 'ready', marker: readMarker(path) };
}

function readMarker(path: string): TargetMarker {
  const file = join(path, markerName);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CellarError('TARGET_INVALID', `${file} is damaged (not JSON); restore it from a copy or use a new target folder`, { cause: error });
  }
  const marker = json as Partial<TargetMarker> | null;
  if (marker?.kind !== 'cellar-target' || typeof marker.id !== 'string') {
    throw new CellarError('TARGET_INVALID', `${file} is not a cellar target marker; use a new target folder`);
  }
  if (marker.format_version !== markerFormat) {
    throw new CellarError(
      'TARGET_INVALID',
      `${file} has format_version ${String(marker.format_version)}; this cellar reads ${markerFormat}, use a matching version`,
    );
  }
  return marker as TargetMarker;
}

/**
 * Creates the target folder (0700) and its marker; a target is initialised once, by whoever comes
 * first. The marker is written whole under a draft name and linked into place, so that a second
 * apply never reads it half-written: the link either makes it appear complete or fails because the
 * first apply's is there.
 */
export function initTarget(path: string): TargetMarker {
  const marker: TargetMarker = { format_version: markerFormat, kind: 'cellar-target', id: randomUUID(), created: new Date().toISOString() };
  const draft = join(path, `.${markerName}.${marker.id}`);
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    writeFileSync(draft, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600, flag: 'wx', flush: true });
    try {
      linkSync(draft, join(path, markerName));
    } finally {
      rmSync(draft, { force: true });
    }
    mkdirSync(join(path, 'snapshots'), { recursive: true, mode: 0o700 });
    syncFolder(path);
  } catch (error) {
    if (hasErrorCode(error, 'EEXIST')) return ensureSnapshotsFolder(path, readMarker(path));
    throw writeFailure(error, path) ?? new CellarError('FILESYSTEM', `cannot initialise the target ${path}: ${describeSystemError(error)}`, { cause: error });
  }
  return marker;
}

// The first apply may not have made it yet.
function ensureSnapshotsFolder(path: string, marker: TargetMarker): TargetMarker {
  mkdirSync(join(path, 'snapshots'), { recursive: true, mode: 0o700 });
  return marker;
}
