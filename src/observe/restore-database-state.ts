import { connect, type DatabaseConnection } from '../adapters/mysql/connect.js';
import { databaseExists } from '../adapters/mysql/admin.js';
import { checksumTables, probeDatabase, readServerInfo, type ServerInfo } from '../adapters/mysql/probe.js';
import { judgeDatabase, type DatabaseFingerprint, type DatabaseProbe } from '../model/database-drift.js';
import type { ManifestDatabase } from '../model/manifest.js';
import type { ObservedRestoreDatabase } from './observed.js';
import type { RestoreDatabase } from './database-login.js';
import { readRestoreRecord } from './restore-record.js';

/**
 * Whether the restore's database exists, how full it is, and whether it provably holds the
 * snapshot's dump: unchanged since a restore of that dump recorded it, or, for the very database
 * the snapshot was taken from, unchanged since the snapshot. Anything else is loaded again.
 */
export async function observeRestoreDatabase(
  database: RestoreDatabase,
  dumped: ManifestDatabase,
  target: string,
): Promise<{ observed: ObservedRestoreDatabase; server: ServerInfo }> {
  const connection = await connect(database.admin ?? database.source.login);
  try {
    const server = await readServerInfo(connection);
    const name = database.source.name;
    if (!(await databaseExists(connection, name))) return { observed: { name, exists: false, tables: 0, matchesSnapshot: false }, server };
    const probe = await probeDatabase(connection, name, server);
    const baseline = await baselineOf(target, dumped, name, probe.server);
    const matchesSnapshot = baseline !== undefined && (await unchangedSince(connection, name, baseline, probe));
    return { observed: { name, exists: true, tables: Object.keys(probe.tables).length, matchesSnapshot }, server };
  } finally {
    await connection.end();
  }
}

/** The fingerprint known to describe the snapshot's dump in this database, if any. */
async function baselineOf(target: string, dumped: ManifestDatabase, name: string, server: string): Promise<DatabaseFingerprint | undefined> {
  const record = await readRestoreRecord(target, server, name);
  if (record?.dump === dumped.sha256) return record.fingerprint;
  return dumped.name === name && dumped.fingerprint.server === server ? dumped.fingerprint : undefined;
}

/** Judges by metadata first, then checksums exactly the tables the metadata cannot vouch for. */
async function unchangedSince(connection: DatabaseConnection, name: string, baseline: DatabaseFingerprint, probe: DatabaseProbe): Promise<boolean> {
  const cheap = judgeDatabase(baseline, probe, {});
  if (!cheap.changed) return true;
  const doubtful = cheap.tables.filter((table) => table in probe.tables);
  const checksums = await checksumTables(connection, name, doubtful);
  return !judgeDatabase(baseline, probe, checksums).changed;
}

/** The database's fingerprint right after a load, with a checksum of every table: what a restore record keeps. */
export async function fingerprintLoaded(connection: DatabaseConnection, name: string, server: ServerInfo): Promise<DatabaseFingerprint> {
  const probe = await probeDatabase(connection, name, server);
  const checksums = await checksumTables(connection, name, Object.keys(probe.tables));
  return judgeDatabase(undefined, probe, checksums).fingerprint;
}
