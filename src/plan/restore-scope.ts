import { CellarError } from '../core/errors.js';
import type { Address } from '../model/address.js';
import type { ManifestIndex } from '../model/manifest.js';
import type { ObservedRestore, RestorePathDestination } from '../observe/observed.js';

/**
 * What `--only` restores, by the addresses the plan output shows: `config` is pydio.json and the
 * vault files (with the restore's patches), `workdir` the rest of the working dir, `database` (or
 * `database.NAME`) the MySQL database and the stores the plan dumps, `datasource.NAME` a
 * datasource's files with its `.minio.sys`, and `datasource.NAME:PATH` one file or folder of it.
 */
export interface RestoreScope {
  /** Trees' addresses to restore whole. */
  readonly trees: ReadonlySet<Address>;
  readonly database: boolean;
  /** Paths inside datasources (observed, since they name what the snapshot holds there). */
  readonly paths: readonly RestorePathDestination[];
  /** Flat datasources restored without the database: their index tables come back from their own dump. */
  readonly indexes: readonly { readonly datasource: string; readonly index: ManifestIndex; readonly matchesSnapshot: boolean }[];
}

/** Reads `--only` against what the snapshot holds; undefined restores everything. */
export function restoreScope(only: readonly string[], observed: ObservedRestore): RestoreScope | undefined {
  if (only.length === 0) return undefined;
  const treeAddresses = new Set<string>(observed.destinations.map((destination) => destination.tree.address));
  const databaseAddress = observed.snapshot.database ? `database.${observed.snapshot.database.name}` : undefined;
  const trees = new Set<Address>();
  let database = false;
  for (const address of only) {
    if (address.includes(':')) continue;
    if (address === 'database' || address === databaseAddress) {
      if (!databaseAddress) throw new CellarError('USAGE', `--only ${address}: snapshot ${observed.snapshot.id} holds no database dump`);
      database = true;
    } else if (treeAddresses.has(address)) trees.add(address as Address);
    else {
      const choices = [...treeAddresses, ...(databaseAddress ? ['database'] : [])].sort().join(', ');
      throw new CellarError('USAGE', `--only ${address}: snapshot ${observed.snapshot.id} has no such address; choose among ${choices}`);
    }
  }
  // A flat datasource's file names live in its index (in the database): its blobs come back with its index tables, or not at all.
  const flat = database ? [] : observed.cells.datasources.filter((info) => info.flat && trees.has(`datasource.${info.name}`));
  const indexes = flat.map((info) => {
    const observedIndex = observed.indexes.find((candidate) => candidate.datasource === info.name);
    const index = observedIndex?.index;
    if (!observedIndex || !index) {
      throw new CellarError(
        'USAGE',
        `--only datasource.${info.name}: a flat datasource's file names live in its index, and snapshot ${observed.snapshot.id} holds no dump of its index tables alone; restore both: --only datasource.${info.name} --only database`,
      );
    }
    if (observed.database?.exists !== true) {
      throw new CellarError('USAGE', `--only datasource.${info.name}: its index goes into the database, which does not exist yet; add --only database`);
    }
    return { datasource: info.name, index, matchesSnapshot: observedIndex.matchesSnapshot };
  });
  // A path inside a datasource restored whole as well is restored with it.
  const paths = observed.paths.filter((path) => !trees.has(path.tree.address));
  return { trees, database, paths, indexes };
}

/** Whether a scope (or a whole restore) brings back a tree's address. */
export function restoresTree(scope: RestoreScope | undefined, address: Address): boolean {
  return scope === undefined || scope.trees.has(address);
}

/** Whether a scope (or a whole restore) brings back the database and the stores. */
export function restoresDatabase(scope: RestoreScope | undefined): boolean {
  return scope === undefined || scope.database;
}
