import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { connect } from '../adapters/mysql/connect.js';
import { databaseExists } from '../adapters/mysql/admin.js';
import { checksumTables } from '../adapters/mysql/probe.js';
import { readFileIfExists } from '../adapters/fs/read-file.js';
import type { Login } from '../adapters/mysql/login.js';
import type { ManifestIndex } from '../model/manifest.js';
import type { RestoreDatabase } from './database-login.js';

export const indexRecordFormat = '1';

/** What a restore of one flat datasource's index loaded, kept in the target: its dump, and the tables' checksums right after. */
export interface IndexRecord {
  readonly format_version: typeof indexRecordFormat;
  readonly snapshot: string;
  readonly datasource: string;
  /** sha256 of the index dump loaded. */
  readonly dump: string;
  readonly checksums: Readonly<Record<string, string>>;
}

/** Where a target keeps the record of a datasource's index restored into a database, by its endpoint. */
export function indexRecordPath(target: string, login: Login, database: string, datasource: string): string {
  const endpoint = login.socket ?? `${login.host}:${login.port}`;
  const key = createHash('sha256').update(`${endpoint}\0${database}\0${datasource}`).digest('hex').slice(0, 16);
  return join(target, 'restores', `index-${key}.json`);
}

/**
 * Whether the database's index tables of a flat datasource provably hold the snapshot's index
 * dump: a restore of that dump recorded their checksums, and they are unchanged since.
 */
export async function indexMatchesSnapshot(database: RestoreDatabase, index: ManifestIndex, target: string): Promise<boolean> {
  const login = database.admin ?? database.source.login;
  const name = database.source.name;
  const record = await readIndexRecord(indexRecordPath(target, login, name, index.datasource));
  if (record?.dump !== index.sha256) return false;
  const connection = await connect(login);
  try {
    if (!(await databaseExists(connection, name))) return false;
    const now = await checksumTables(connection, name, index.tables);
    return index.tables.every((table) => now[table] !== undefined && now[table] === record.checksums[table]);
  } finally {
    await connection.end();
  }
}

async function readIndexRecord(path: string): Promise<IndexRecord | undefined> {
  const bytes = await readFileIfExists(path);
  if (!bytes) return undefined;
  try {
    const record = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<IndexRecord> | null;
    return record?.format_version === indexRecordFormat && typeof record.dump === 'string' && typeof record.checksums === 'object'
      ? (record as IndexRecord)
      : undefined;
  } catch {
    return undefined;
  }
}
