import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { restoreMarkerName, type RestoreMarker } from '../../model/installation.js';
import { writeFileAtomic } from './atomic-write.js';
import { hasErrorCode } from './errno.js';

/*
 * While a restore writes an installation, its working dir holds a marker naming the snapshot: a
 * restore that fails or is killed leaves it, so that the next plan knows the files there are not
 * what any snapshot recorded (a backup is refused, a restore compares every byte).
 */

/** Marks the working dir as being restored from `snapshot`. */
export function markRestoring(workingDir: string, marker: RestoreMarker): void {
  writeFileAtomic(join(workingDir, restoreMarkerName), `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
}

/** The marker a restore left, or null; a marker that cannot be read still marks the folder. */
export function readRestoreMarker(workingDir: string): RestoreMarker | null {
  let text: string;
  try {
    text = readFileSync(join(workingDir, restoreMarkerName), 'utf8');
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT') || hasErrorCode(error, 'ENOTDIR')) return null;
    throw error;
  }
  try {
    const json = JSON.parse(text) as Partial<RestoreMarker>;
    return { snapshot: typeof json.snapshot === 'string' ? json.snapshot : '?', started: typeof json.started === 'string' ? json.started : '?' };
  } catch {
    return { snapshot: '?', started: '?' };
  }
}

/** Removes the marker once the restore is complete and checked. */
export function clearRestoreMarker(workingDir: string): void {
  rmSync(join(workingDir, restoreMarkerName), { force: true });
}
