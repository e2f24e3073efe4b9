import { randomBytes } from 'node:crypto';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { assertSqlName, localServer, withAdmin } from '../../demo/mariadb.js';

export { localServer, withAdmin };

/** A database or user name no other test or run uses: `<prefix>_<8 hex>` (letters, digits, `_`). */
export function uniqueName(prefix: string): string {
  return assertSqlName(`${prefix.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`);
}

/** Drops a database if it exists. */
export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS \`${assertSqlName(name)}\``));
}

/** Whether a database exists. */
export async function databaseExists(name: string): Promise<boolean> {
  return withAdmin(async (admin) => {
    const [rows] = await admin.query<RowDataPacket[]>('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    return rows.length > 0;
  });
}

/** The hosts a user name is defined for. */
export async function userHosts(user: string): Promise<string[]> {
  return withAdmin(async (admin) => {
    const [rows] = await admin.query<RowDataPacket[]>('SELECT Host AS host FROM mysql.user WHERE User = ? ORDER BY Host', [user]);
    return rows.map((row) => String(row.host));
  });
}

/** `CHECKSUM TABLE` of every base table of `db`, by table name: equal records mean equal contents. */
export async function checksumTables(db: string): Promise<Record<string, number | null>> {
  return withAdmin(async (admin) => {
    const tables = await baseTables(admin, db);
    if (tables.length === 0) return {};
    const list = tables.map((table) => `\`${db}\`.\`${table}\``).join(', ');
    const [rows] = await admin.query<RowDataPacket[]>(`CHECKSUM TABLE ${list}`);
    return Object.fromEntries(rows.map((row) => [String(row.Table).slice(db.length + 1), row.Checksum === null ? null : Number(row.Checksum)]));
  });
}

async function baseTables(admin: Connection, db: string): Promise<string[]> {
  const [rows] = await admin.query<RowDataPacket[]>(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    [assertSqlName(db)],
  );
  return rows.map((row) => String(row.name));
}
