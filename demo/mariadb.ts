import { spawn } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { Connection, ConnectionOptions } from 'mysql2/promise';

/** Where a database lives and who may use it. */
export interface DatabaseAccess {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly name: string;
}

/** The local MariaDB that the demo, the tests and the benchmark use, and its administrator. */
export const localServer = { host: '127.0.0.1', port: 3306 } as const;
const admin = { user: 'root', password: '' } as const;

/** Refuses names that could not be used unquoted in SQL and option files (we build DDL from them). */
export function assertSqlName(name: string): string {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) {
    throw new Error(`"${name}" is not a usable database or user name (letters, digits and _ only, at most 64)`);
  }
  return name;
}

/** Opens a connection as the server's administrator (root on 127.0.0.1:3306). */
function connectAdmin(): Promise<Connection> {
  return mysql.createConnection({ ...localServer, ...admin });
}

/** Runs `work` with an administrator connection and always closes it. */
export async function withAdmin<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await connectAdmin();
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/** Drops a database the demo created, if it is there. */
export async function dropDatabase(name: string): Promise<void> {
  assertSqlName(name);
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  });
}

/** Opens a connection to the database with its own user. */
export function connectTo(db: DatabaseAccess, options: ConnectionOptions = {}): Promise<Connection> {
  return mysql.createConnection({
    ...options,
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.name,
  });
}

/** Runs `sqlFile` through the `mariadb` client; the password goes in a 0600 option file, never in argv. */
export async function runSqlFile(db: DatabaseAccess, sqlFile: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cellar-client-'));
  const options = join(dir, 'client.cnf');
  await writeFile(options, clientOptions(db), { mode: 0o600 });
  const input = await open(sqlFile, 'r');
  try {
    await runClient(['--defaults-extra-file=' + options, '--batch', db.name], input.fd);
  } finally {
    await input.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function clientOptions(db: DatabaseAccess): string {
  const quoted = db.password.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `[client]\nhost=${db.host}\nport=${db.port}\nuser=${db.user}\npassword="${quoted}"\nprotocol=tcp\n`;
}

function runClient(args: readonly string[], stdin: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('mariadb', args, { stdio: [stdin, 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      reject(new Error('cannot run the mariadb client; run `npm run setup` to install it', { cause: error }));
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`mariadb exited with ${code ?? 'a signal'}: ${stderr.trim()}`));
    });
  });
}
