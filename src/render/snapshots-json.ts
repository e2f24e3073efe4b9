import type { Manifest } from '../model/manifest.js';
import type { ObservedTarget } from '../model/target.js';

const snapshotsFormat = '1';

/** One snapshot as `cellar snapshots` shows it. */
export interface SnapshotSummary {
  readonly id: string;
  readonly kind: Manifest['kind'];
  readonly created: string;
  readonly host: string;
  readonly cells_version: string | null;
  readonly files: number;
  /** Bytes of the files the snapshot holds. */
  readonly bytes: number;
  /** Bytes this snapshot copied; the rest are hard links to the previous one. */
  readonly new_bytes: number;
  readonly database: { readonly name: string; readonly size: number; readonly dumped: boolean } | null;
  readonly indexes: number;
  readonly warnings: readonly string[];
  readonly restore_of: string | null;
}

/** The document `cellar snapshots --json` prints and the text renderer reads. */
export interface SnapshotsDocument {
  readonly format_version: typeof snapshotsFormat;
  readonly target: { readonly name: string; readonly path: string; readonly state: ObservedTarget['state'] };
  /** Oldest first: the last one is the latest. */
  readonly snapshots: readonly SnapshotSummary[];
  /** Folders of an unfinished apply or prune: not snapshots. */
  readonly leftovers: readonly string[];
  /** Snapshots whose manifest cannot be read or trusted: plan, apply and restore ignore them. */
  readonly damaged: ObservedTarget['damaged'];
  /** The apply holding the target's lock now, if any: then the leftovers are its work in progress. */
  readonly running: { readonly command: string; readonly host: string; readonly pid: number; readonly started: string } | null;
}

export function toSnapshotsDocument(target: ObservedTarget): SnapshotsDocument {
  const { lock } = target;
  return {
    format_version: snapshotsFormat,
    target: { name: target.name, path: target.path, state: target.state },
    snapshots: target.snapshots.map(toSummary),
    leftovers: target.leftovers,
    damaged: target.damaged,
    running: lock.state === 'held' ? { command: lock.holder.command, host: lock.holder.host, pid: lock.holder.pid, started: lock.holder.started } : null,
  };
}

function toSummary(manifest: Manifest): SnapshotSummary {
  const sum = (pick: (tree: Manifest['trees'][number]) => number): number => manifest.trees.reduce((total, tree) => total + pick(tree), 0);
  const { database } = manifest;
  return {
    id: manifest.id,
    kind: manifest.kind,
    created: manifest.created,
    host: manifest.host,
    cells_version: manifest.cells.version,
    files: sum((tree) => tree.files),
    bytes: sum((tree) => tree.bytes),
    new_bytes: sum((tree) => tree.newBytes),
    database: database && { name: database.name, size: database.size, dumped: database.dumped },
    indexes: manifest.indexes.length,
    warnings: manifest.warnings,
    restore_of: manifest.restoreOf,
  };
}

export function renderSnapshotsJson(target: ObservedTarget): string {
  return `${JSON.stringify(toSnapshotsDocument(target), null, 2)}\n`;
}
