import type { CellsConfig } from '../cells/cells-config.js';
import { connect, type DatabaseConnection } from '../adapters/mysql/connect.js';
import { describedQuery } from '../adapters/mysql/query-error.js';
import { checksumTables, hiddenRoutines, probeDatabase, readServerInfo, routineGrant, type ServerInfo } from '../adapters/mysql/probe.js';
import { judgeDatabase, tablesToChecksum, type DatabaseFingerprint, type DatabaseProbe, type DatabaseVerdict } from '../model/database-drift.js';
import type { DatabaseSource } from './database-login.js';

export interface DatabaseObservation {
  readonly server: ServerInfo;
  readonly verdict: DatabaseVerdict;
  readonly indexTables: Readonly<Record<string, readonly string[]>>;
  /** Routines the login may not read, which a dump would fail on, and the grant that fixes it. */
  readonly hiddenRoutines: { readonly names: readonly string[]; readonly grant: string };
}

/**
 * Fingerprints the database without reading rows, unless the server cannot vouch for a table.
 * When a table was updated in the very second of the probe, the probe is taken again a second
 * later, so that the recorded fingerprint can prove the next "unchanged".
 */
export async function observeDatabase(
  source: DatabaseSource,
  previous: DatabaseFingerprint | undefined,
  cells: CellsConfig | undefined,
): Promise<DatabaseObservation> {
  const connection = await connect(source.login, source.name);
  try {
    return await describedQuery(`fingerprinting the database ${source.name}`, () => fingerprint(connection, source, previous, cells));
  } finally {
    await connection.end();
  }
}

async function fingerprint(
  connection: DatabaseConnection,
  source: DatabaseSource,
  previous: DatabaseFingerprint | undefined,
  cells: CellsConfig | undefined,
): Promise<DatabaseObservation> {
  const server = await readServerInfo(connection);
  let probe = await probeDatabase(connection, source.name, server);
  if (updatedThisSecond(probe)) {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    probe = await probeDatabase(connection, source.name, server);
  }
  const checksums = await checksumTables(connection, source.name, tablesToChecksum(previous, probe));
  return {
    server,
    verdict: judgeDatabase(previous, probe, checksums),
    indexTables: indexTablesOf(Object.keys(probe.tables), cells),
    hiddenRoutines: { names: await hiddenRoutines(connection, source.name), grant: routineGrant(server, source.login.user, source.name) },
  };
}

function updatedThisSecond(probe: DatabaseProbe): boolean {
  return Object.values(probe.tables).some((table) => table.updated !== null && table.updated >= probe.observedAt);
}

/** Each datasource's index tables: `data_index_<ds>_idx_tree`, with any prefix a Cells build adds. */
function indexTablesOf(tables: readonly string[], cells: CellsConfig | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (cells?.datasources ?? []).map((datasource) => [datasource.name, tables.filter((table) => table.endsWith(`data_index_${datasource.name}_idx_tree`))]),
  );
}

/** The database's fingerprint as it is now, without checksums (a safety snapshot's record). */
export async function currentFingerprint(source: DatabaseSource, server: ServerInfo): Promise<DatabaseFingerprint> {
  const connection = await connect(source.login, source.name);
  try {
    return judgeDatabase(undefined, await probeDatabase(connection, source.name, server), {}).fingerprint;
  } finally {
    await connection.end();
  }
}
