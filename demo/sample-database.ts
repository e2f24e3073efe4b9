import type { Connection } from 'mysql2/promise';
import type { DatabaseAccess } from './mariadb.js';
import { assertSqlName, connectTo, runSqlFile, withAdmin } from './mariadb.js';
import type { SampleLayout } from './sample-layout.js';
import type { TableRows } from './sample-rows.js';
import { identityTables } from './sample-identity.js';
import { indexTable, metaTable } from './sample-rows.js';

const mebibyte = 1024 * 1024;
/** Rows are sent in multi-row INSERTs of about this size (the server accepts 16 MiB by default). */
const statementBytes = mebibyte;

/** The hosts the sample user may connect from: the socket and TCP on loopback. */
const userHosts = ['localhost', '127.0.0.1'] as const;

/**
 * Creates the database and its user (as the administrator). Fails without leaving anything behind when
 * either exists already, so that a failed sample never drops what it did not create.
 */
export async function createDatabaseAndUser(db: DatabaseAccess): Promise<void> {
  const name = assertSqlName(db.name);
  const user = assertSqlName(db.user);
  await withAdmin(async (admin) => {
    // Cells needs utf8mb4.
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
    try {
      const accounts = userHosts.map((host) => `'${user}'@'${host}' IDENTIFIED BY ${admin.escape(db.password)}`);
      await admin.query(`CREATE USER ${accounts.join(', ')}`);
    } catch (error) {
      await admin.query(`DROP DATABASE \`${name}\``);
      throw error;
    }
    for (const host of userHosts) await admin.query(`GRANT ALL PRIVILEGES ON \`${name}\`.* TO '${user}'@'${host}'`);
  });
}

/** Loads Cells' schema with the `mariadb` client as the sample user, fills the tables, returns the bytes sent. */
export async function fillSampleDatabase(db: DatabaseAccess, layout: SampleLayout, schemaFile: string, sizeMb?: number): Promise<number> {
  await runSqlFile(db, schemaFile);
  return loadRows(db, layout, sizeMb);
}

/** Drops the database and its user; nothing happens for what is already gone. */
export async function dropSampleDatabase(name: string, user: string): Promise<void> {
  assertSqlName(name);
  assertSqlName(user);
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`DROP USER IF EXISTS ${userHosts.map((host) => `'${user}'@'${host}'`).join(', ')}`);
  });
}

async function loadRows(db: DatabaseAccess, layout: SampleLayout, sizeMb: number | undefined): Promise<number> {
  // Statements are complete SQL: spare mysql2 scanning megabytes of it for placeholders.
  const connection = await connectTo(db, { queryFormat: (sql: string) => sql });
  try {
    // Rows are consistent by construction; skipping the checks makes the load several times faster.
    await connection.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    let bytes = 0;
    for (const table of identityTables(layout)) bytes += await insertRows(connection, table);
    for (const ds of layout.datasources) bytes += await insertRows(connection, indexTable(layout, ds));
    const budget = sizeMb === undefined ? 0 : sizeMb * mebibyte - bytes;
    return bytes + (await insertRows(connection, metaTable(layout, budget)));
  } finally {
    await connection.end();
  }
}

/**
 * Sends the rows in multi-row INSERTs (each its own transaction) and returns the bytes sent. The next
 * statement is built while the server runs the previous one.
 */
async function insertRows(connection: Connection, { table, columns, rows }: TableRows): Promise<number> {
  const head = `INSERT INTO \`${table}\` (${columns.map((column) => `\`${column}\``).join(', ')}) VALUES `;
  let running: Promise<unknown> = Promise.resolve();
  let values: string[] = [];
  let pending = 0;
  let sent = 0;
  for (const row of rows) {
    const value = `(${row.map((item) => connection.escape(item)).join(',')})`;
    values.push(value);
    pending += value.length + 1;
    if (pending < statementBytes) continue;
    await running;
    running = connection.query(head + values.join(','));
    sent += pending;
    values = [];
    pending = 0;
  }
  await running;
  if (values.length > 0) await connection.query(head + values.join(','));
  return sent + pending;
}
