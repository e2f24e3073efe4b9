import type { Connection } from 'mysql2/promise';

/** An open connection, for the code outside adapters that passes one along. */
export type DatabaseConnection = Connection;
import { CellarError } from '../../core/errors.js';
import { describeLogin, type Login } from './login.js';

/** Opens a mysql2 connection; failures become one line that says what to check. */
export async function connect(login: Login, database?: string): Promise<Connection> {
  const mysql = await import('mysql2/promise');
  try {
    return await mysql.createConnection({
      host: login.host,
      port: login.port,
      ...(login.socket !== undefined ? { socketPath: login.socket } : {}),
      user: login.user,
      password: login.password ?? '',
      ...(database !== undefined ? { database } : {}),
      connectTimeout: 10_000,
      multipleStatements: false,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      charset: 'utf8mb4',
    });
  } catch (error) {
    throw connectionError(login, database, error);
  }
}

function connectionError(login: Login, database: string | undefined, error: unknown): CellarError {
  const code = (error as { code?: unknown }).code;
  const where = describeLogin(login);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOENT':
      return new CellarError(
        'DATABASE_UNREACHABLE',
        `cannot connect to the database server at ${where} (connection refused); start it or fix the host and port in the plan`,
        { cause: error },
      );
    case 'ETIMEDOUT':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CellarError(
        'DATABASE_UNREACHABLE',
        `cannot reach the database server at ${where} (${typeof code === 'string' ? code : 'network error'}); check the host name and the network`,
        { cause: error },
      );
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return new CellarError(
        'DATABASE_UNREACHABLE',
        `the database server refused ${where} (access denied); check the user, and the password ${passwordSource(login)}`,
        { cause: error },
      );
    case 'ER_BAD_DB_ERROR':
      return new CellarError('DATABASE_UNREACHABLE', `the database ${database ?? ''} does not exist on ${where}; check its name in the plan`, { cause: error });
    default:
      return new CellarError(
        'DATABASE_UNREACHABLE',
        `cannot connect to the database server at ${where}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
  }
}

function passwordSource(login: Login): string {
  if (login.password === undefined) return 'that the plan does not give (none was sent)';
  return login.passwordFrom === undefined ? 'the plan gives' : `read from ${login.passwordFrom}`;
}
