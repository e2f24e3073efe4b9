import { createHash } from 'node:crypto';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { DatabaseProbe } from '../../model/database-drift.js';
import { quoteIdentifier } from './login.js';

export interface ServerInfo {
  readonly version: string;
  readonly variant: 'mariadb' | 'mysql';
  readonly gtidMode: boolean;
}

type Row = RowDataPacket & Record<string, unknown>;

async function rows(connection: Connection, sql: string, values: (string | number)[] = []): Promise<Row[]> {
  const [result] = await connection.query<Row[]>(sql, values);
  return result;
}

async function statusValue(connection: Connection, name: string): Promise<string | null> {
  const result = await rows(connection, 'SHOW GLOBAL STATUS LIKE ?', [name]);
  const value: unknown = result[0]?.Value;
  return typeof value === 'string' ? value : null;
}

/** Version and flavour of the server, which decide the dump client's flags. */
export async function readServerInfo(connection: Connection): Promise<ServerInfo> {
  const [row] = await rows(connection, 'SELECT VERSION() AS version');
  const version = String(row?.version ?? '');
  const variant = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  let gtidMode = false;
  if (variant === 'mysql') {
    const [mode] = await rows(connection, "SHOW GLOBAL VARIABLES LIKE 'gtid_mode'");
    gtidMode = mode?.Value === 'ON';
  }
  return { version, variant, gtidMode };
}

/**
 * The cheap facts that decide whether a database changed: server identity and clock, binary-log
 * position, InnoDB log sequence number, a digest of the schema, and each table's engine and last
 * update time. Reads no rows.
 */
export async function probeDatabase(connection: Connection, database: string, server: ServerInfo): Promise<DatabaseProbe> {
  if (server.variant === 'mysql') await connection.query('SET SESSION information_schema_stats_expiry = 0').catch(() => undefined);
  const [identity] = await rows(connection, 'SELECT @@hostname AS host, @@port AS port, @@datadir AS datadir, @@server_id AS id, UNIX_TIMESTAMP() AS now');
  const uptime = Number(await statusValue(connection, 'Uptime'));
  const observedAt = Number(identity?.now);
  const tables = await rows(
    connection,
    "SELECT TABLE_NAME AS name, ENGINE AS engine, UNIX_TIMESTAMP(UPDATE_TIME) AS updated FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    [database],
  );
  return {
    server: [identity?.host, identity?.port, identity?.datadir, identity?.id].map(String).join('|'),
    observedAt,
    startedAt: observedAt - uptime,
    binlog: await binlogPosition(connection),
    lsn: await logSequenceNumber(connection),
    schema: await schemaDigest(connection, database),
    ...(await databaseDefaults(connection, database)),
    tables: Object.fromEntries(
      tables.map((table) => [
        String(table.name),
        { engine: String(table.engine ?? ''), updated: table.updated === null ? null : Math.floor(Number(table.updated)) },
      ]),
    ),
  };
}

/** `file:position` of the binary log, or null when the server keeps none (or will not tell). */
async function binlogPosition(connection: Connection): Promise<string | null> {
  try {
    const [status] = await rows(connection, 'SHOW MASTER STATUS');
    return status ? `${String(status.File)}:${String(status.Position)}` : null;
  } catch {
    return null;
  }
}

/** InnoDB's current log sequence number: it moves with every change to any InnoDB table. */
async function logSequenceNumber(connection: Connection): Promise<string | null> {
  const fromStatus = await statusValue(connection, 'Innodb_lsn_current');
  if (fromStatus !== null) return fromStatus;
  try {
    const [status] = await rows(connection, 'SHOW ENGINE INNODB STATUS');
    const match = /Log sequence number\s+(\d+)/.exec(String(status?.Status ?? ''));
    return match?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Digest of what a dump holds besides rows: tables, columns, indexes, views, routines, triggers, events. */
async function schemaDigest(connection: Connection, database: string): Promise<string> {
  const queries = [
    'SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    'SELECT TABLE_NAME, TABLE_TYPE, ENGINE, CREATE_OPTIONS, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
    'SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION',
    'SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX',
    'SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
    'SELECT ROUTINE_NAME, ROUTINE_TYPE, LAST_ALTERED, ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_NAME, ROUTINE_TYPE',
    'SELECT TRIGGER_NAME, CREATED, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY TRIGGER_NAME',
    'SELECT EVENT_NAME, LAST_ALTERED, EVENT_DEFINITION FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY EVENT_NAME',
  ];
  const hash = createHash('sha256');
  for (const sql of queries) hash.update(JSON.stringify(await rows(connection, sql, [database])));
  return hash.digest('hex');
}

/** The database's default character set and collation. */
async function databaseDefaults(connection: Connection, database: string): Promise<{ charset: string | null; collation: string | null }> {
  const [row] = await rows(
    connection,
    'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [database],
  );
  return { charset: typeof row?.charset === 'string' ? row.charset : null, collation: typeof row?.collation === 'string' ? row.collation : null };
}

/**
 * Routines this login sees but may not read: the server hides their definition, and the dump of
 * the database fails on them ("insufficient privileges to SHOW CREATE FUNCTION").
 */
export async function hiddenRoutines(connection: Connection, database: string): Promise<string[]> {
  const result = await rows(
    connection,
    'SELECT ROUTINE_NAME AS name FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? AND ROUTINE_DEFINITION IS NULL ORDER BY ROUTINE_NAME',
    [database],
  );
  return result.map((row) => String(row.name));
}

/** The grant that lets `user` read the definitions of routines others created, on this server. */
export function routineGrant(server: ServerInfo, user: string, database: string): string {
  const account = `'${user}'@'%'`;
  if (server.variant === 'mysql') return `GRANT SHOW_ROUTINE ON *.* TO ${account}`;
  const [major = 0, minor = 0] = server.version.split(/[.-]/).map(Number);
  return major > 11 || (major === 11 && minor >= 3)
    ? `GRANT SHOW CREATE ROUTINE ON \`${database}\`.* TO ${account}`
    : `GRANT SELECT ON mysql.proc TO ${account}`;
}

/** CHECKSUM TABLE for the named tables: reads every row of each, so it is asked for sparingly. */
export async function checksumTables(connection: Connection, database: string, tables: readonly string[]): Promise<Record<string, string>> {
  if (tables.length === 0) return {};
  const list = tables.map((table) => `${quoteIdentifier(database)}.${quoteIdentifier(table)}`).join(', ');
  const result = await rows(connection, `CHECKSUM TABLE ${list}`);
  const prefix = `${database}.`;
  return Object.fromEntries(result.map((row) => [String(row.Table).slice(prefix.length), String(row.Checksum)]));
}

/** Names of the base tables of a database. */
export async function tableNames(connection: Connection, database: string): Promise<string[]> {
  const result = await rows(
    connection,
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    [database],
  );
  return result.map((row) => String(row.name));
}
