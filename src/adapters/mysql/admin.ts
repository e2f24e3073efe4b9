import type { Connection, RowDataPacket } from 'mysql2/promise';
import { CellarError } from '../../core/errors.js';
import { quoteIdentifier } from './login.js';
import { describedQuery } from './query-error.js';

/** True when the server has a database of that name. */
export async function databaseExists(connection: Connection, database: string): Promise<boolean> {
  const [rows] = await connection.query<RowDataPacket[]>('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [database]);
  return rows.length > 0;
}

/** Creates a database with the given default character set and collation (the source's). */
export async function createDatabase(
  connection: Connection,
  database: string,
  defaults: { readonly charset: string; readonly collation: string },
): Promise<void> {
  const name = (value: string): string => {
    if (!/^[A-Za-z0-9_]+$/.test(value))
      throw new CellarError('SNAPSHOT_DAMAGED', `${JSON.stringify(value)} is not a character set or collation name; the snapshot is damaged`);
    return value;
  };
  await describedQuery(
    `creating the database ${database}`,
    () =>
      connection.query(
        `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database)} CHARACTER SET ${name(defaults.charset)} COLLATE ${name(defaults.collation)}`,
      ),
    'declare restore.database.admin with a login allowed to create databases, or create it yourself',
  );
}

/** Grants every privilege on the database to each existing account of that user name. */
export async function grantToUser(connection: Connection, database: string, user: string): Promise<number> {
  const [accounts] = await connection.query<RowDataPacket[]>('SELECT Host AS host FROM mysql.user WHERE User = ?', [user]);
  for (const account of accounts) {
    await describedQuery(`granting ${database} to ${user}`, () =>
      connection.query(`GRANT ALL PRIVILEGES ON ${quoteIdentifier(database)}.* TO ?@?`, [user, String(account.host)]),
    );
  }
  return accounts.length;
}

/** Empties a database before a load, so that it ends up holding exactly the dump. */
export async function dropAllTables(connection: Connection, database: string): Promise<void> {
  const [objects] = await connection.query<RowDataPacket[]>(
    'SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
    [database],
  );
  await connection.query('SET SESSION FOREIGN_KEY_CHECKS = 0');
  try {
    for (const object of objects) {
      const kind = object.type === 'VIEW' ? 'VIEW' : 'TABLE';
      const name = String(object.name);
      await describedQuery(`emptying ${database} (dropping ${name})`, () =>
        connection.query(`DROP ${kind} IF EXISTS ${quoteIdentifier(database)}.${quoteIdentifier(name)}`),
      );
    }
  } finally {
    await connection.query('SET SESSION FOREIGN_KEY_CHECKS = 1');
  }
}

/** Drops a whole database (uninstall with --drop-database). */
export async function dropDatabase(connection: Connection, database: string): Promise<void> {
  await describedQuery(`dropping the database ${database}`, () => connection.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`));
}
