import { dirname } from 'node:path';
import { makeFolder } from '../adapters/fs/folders.js';
import { writeJsonFile } from '../adapters/fs/json-file.js';
import { createDatabase, dropAllTables, grantToUser } from '../adapters/mysql/admin.js';
import { connect } from '../adapters/mysql/connect.js';
import { loadDump } from '../adapters/mysql/dump.js';
import type { RestoreObservation } from '../observe/observe-restore.js';
import { fingerprintLoaded } from '../observe/restore-database-state.js';
import { restoreRecordFormat, restoreRecordPath, type RestoreRecord } from '../observe/restore-record.js';
import { indexRecordFormat, indexRecordPath, type IndexRecord } from '../observe/index-restore.js';
import { checksumTables } from '../adapters/mysql/probe.js';
import type { Reporter } from './reporter.js';

type Database = NonNullable<RestoreObservation['database']>;

/** Creates the restore's database with the snapshot's defaults and, with a separate admin login, grants it to the Cells user. */
export async function createRestoreDatabase(
  database: Database,
  defaults: { readonly charset: string; readonly collation: string },
  reporter: Reporter,
): Promise<void> {
  const connection = await connect(database.admin ?? database.source.login);
  try {
    await createDatabase(connection, database.source.name, defaults);
    if (database.admin && database.admin.user !== database.source.login.user) {
      const accounts = await grantToUser(connection, database.source.name, database.source.login.user);
      if (accounts === 0) reporter.warn(`no account named ${database.source.login.user} exists on the server; create it and grant it ${database.source.name}`);
    }
  } finally {
    await connection.end();
  }
}

/** The dump a restore loads, and where to record that it did. */
export interface LoadSource {
  /** The dump's path. */
  readonly dump: string;
  readonly sha256: string;
  readonly snapshot: string;
  readonly target: string;
}

/**
 * Empties the database and loads the snapshot's dump through the mysql client, then records in
 * the target what it loaded, so that a second restore of the same dump knows it has nothing to do.
 */
export async function loadRestoreDatabase(database: Database, source: LoadSource, reporter: Reporter): Promise<void> {
  const login = database.admin ?? database.source.login;
  const name = database.source.name;
  const emptying = await connect(login, name);
  try {
    await dropAllTables(emptying, name);
  } finally {
    await emptying.end();
  }
  await loadWithProgress(database, source.dump, 'loading the database', reporter);
  await recordLoad(database, source);
}

/** Feeds a dump to the restore's database through the mysql client, showing `label` with the bytes read. */
async function loadWithProgress(database: Database, dump: string, label: string, reporter: Reporter): Promise<void> {
  await loadDump({
    login: database.admin ?? database.source.login,
    server: database.server,
    database: database.source.name,
    dump,
    onProgress: (read, size) => {
      reporter.progress(label, { unit: 'bytes', done: read, total: size });
    },
  });
  reporter.progressDone();
}

async function recordLoad(database: Database, source: LoadSource): Promise<void> {
  const name = database.source.name;
  const connection = await connect(database.admin ?? database.source.login, name);
  try {
    const fingerprint = await fingerprintLoaded(connection, name, database.server);
    const record: RestoreRecord = { format_version: restoreRecordFormat, database: name, snapshot: source.snapshot, dump: source.sha256, fingerprint };
    const path = restoreRecordPath(source.target, fingerprint.server, name);
    makeFolder(dirname(path));
    writeJsonFile(path, record);
  } finally {
    await connection.end();
  }
}

/** A flat datasource's index dump and where to record that it was loaded. */
export interface IndexSource {
  readonly datasource: string;
  readonly dump: string;
  readonly sha256: string;
  readonly tables: readonly string[];
  readonly snapshot: string;
  readonly target: string;
}

/**
 * Loads a flat datasource's index dump into the database (it drops and recreates just its tables),
 * then records their checksums in the target, so that the next restore plan knows they hold it.
 */
export async function loadRestoreIndex(database: Database, source: IndexSource, reporter: Reporter): Promise<void> {
  const login = database.admin ?? database.source.login;
  const name = database.source.name;
  await loadWithProgress(database, source.dump, `loading the index of ${source.datasource}`, reporter);
  const connection = await connect(login, name);
  try {
    const checksums = await checksumTables(connection, name, source.tables);
    const record: IndexRecord = { format_version: indexRecordFormat, snapshot: source.snapshot, datasource: source.datasource, dump: source.sha256, checksums };
    const path = indexRecordPath(source.target, login, name, source.datasource);
    makeFolder(dirname(path));
    writeJsonFile(path, record);
  } finally {
    await connection.end();
  }
}
