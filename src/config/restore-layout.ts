import type { Manifest, ManifestTree } from '../model/manifest.js';
import { relocate, type Move } from '../model/paths.js';
import type { RestoreSpec } from './plan.js';

/** Where a restore puts one tree of a snapshot, and whether that folder can be compared by quick check. */
export interface RestorePlacement {
  readonly tree: ManifestTree;
  readonly destination: string;
  /**
   * The folder a backup was taken from, on the host it was taken on: there, as in backups, equal
   * size and time mean equal bytes. Not a safety snapshot's (the restore it undoes wrote files of
   * another lineage with their own times), and nowhere after a restore that did not complete.
   */
  readonly trusted: boolean;
}

/**
 * The working dir a restore writes, and where each tree of the snapshot goes: a backup is moved
 * by the plan's restore section (its working dir and `overrides.paths`); a safety snapshot goes
 * back where it was taken.
 */
export function placeRestore(
  restore: RestoreSpec,
  snapshot: Manifest,
  facts: { readonly hostname: string; readonly incompleteRestore: boolean },
): { readonly workingDir: string; readonly placements: readonly RestorePlacement[] } {
  const isSafety = snapshot.kind === 'safety';
  const workingDir = restoredWorkingDir(restore, snapshot);
  const moves: Move[] = isSafety
    ? []
    : [...Object.entries(restore.overrides.paths).map(([from, to]) => ({ from, to })), { from: snapshot.cells.workingDir, to: restore.workingDir }];
  const inPlace = !facts.incompleteRestore && !isSafety && snapshot.host === facts.hostname;
  const placements = snapshot.trees.map((tree) => {
    const destination = relocate(tree.source, moves);
    return { tree, destination, trusted: inPlace && destination === tree.source };
  });
  return { workingDir, placements };
}

/** The working dir a restore writes: the plan's, or for a safety snapshot the one it was taken of. */
export function restoredWorkingDir(restore: RestoreSpec, snapshot: Manifest): string {
  return snapshot.kind === 'safety' ? snapshot.cells.workingDir : restore.workingDir;
}
