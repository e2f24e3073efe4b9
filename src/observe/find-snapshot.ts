import { CellarError } from '../core/errors.js';
import type { Manifest } from '../model/manifest.js';
import type { SnapshotStore } from '../model/ports.js';

const idsNamed = 5;

/**
 * The manifest of the snapshot `wanted` names: an id, or `latest`, the newest backup snapshot (the
 * one a restore of `latest` uses; safety snapshots are named by id). An unknown id is
 * SNAPSHOT_NOT_FOUND naming the newest ids; a damaged manifest, or one newer than the latest
 * backup, is SNAPSHOT_DAMAGED.
 */
export function findSnapshot(store: SnapshotStore, wanted: string): Manifest {
  const where = `target ${store.name} (${store.location})`;
  if (store.readState().state !== 'ready') {
    throw new CellarError('SNAPSHOT_NOT_FOUND', `${where} has no snapshots yet; take one with \`cellar apply\``);
  }
  // An explicit id is read on its own, so that other snapshots' manifests do not stand in the way.
  if (store.hasManifest(wanted)) return store.readManifest(wanted);
  const { snapshots, leftovers, damaged } = store.list();
  if (wanted === 'latest') {
    const latest = [...snapshots].reverse().find((snapshot) => snapshot.kind === 'backup');
    // A damaged manifest newer than the latest backup may be the latest backup: never skip it silently.
    const newestDamaged = damaged[damaged.length - 1];
    if (newestDamaged && (!latest || newestDamaged.id > latest.id)) throw new CellarError('SNAPSHOT_DAMAGED', newestDamaged.reason);
    if (!latest) throw new CellarError('SNAPSHOT_NOT_FOUND', `${where} has no complete backup snapshot yet; take one with \`cellar apply\``);
    return latest;
  }
  if (leftovers.includes(wanted)) {
    throw new CellarError('SNAPSHOT_NOT_FOUND', `${wanted} in ${where} is not a snapshot: an interrupted apply left it without a manifest`);
  }
  const ids = snapshots.slice(-idsNamed).map((snapshot) => snapshot.id);
  if (ids.length === 0) throw new CellarError('SNAPSHOT_NOT_FOUND', `there is no snapshot ${wanted} in ${where}, which holds none yet`);
  const which = snapshots.length > idsNamed ? `the latest ${idsNamed} of ${snapshots.length} are` : 'it holds';
  throw new CellarError('SNAPSHOT_NOT_FOUND', `there is no snapshot ${wanted} in ${where}; ${which} ${ids.join(', ')} (see cellar snapshots)`);
}
