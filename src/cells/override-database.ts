/** `restore.overrides.database`: the default MySQL DSN, and every DSN to the same database, rewritten. */
import { isCellarError } from '../core/errors.js';
import type { CellsConfig } from './cells-config.js';
import { overrideUnmatched, type ConfigRewrite } from './config-rewrite.js';
import { dsnEndpoint, formatMysqlDsn, parseMysqlDsn, tryParseMysqlDsn, type MysqlDsn } from './dsn.js';
import { joinHostPort, splitHostPort } from './host-port.js';
import { matchesPath } from './json-text.js';

/** The connection fields to change; absent ones keep their value. A socket wins over host and port. */
export interface DsnOverride {
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly socket?: string | undefined;
  readonly name?: string | undefined;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
}

const DEFAULT_HOST = '127.0.0.1';

/** Rewrites `databases.<id>.dsn` of every mysql entry on the default's server and database, keeping params. */
export function overrideDatabase(config: CellsConfig, override: DsnOverride): ConfigRewrite {
  const target = config.defaultMysql;
  if (target === undefined) {
    throw overrideUnmatched('restore.overrides.database matches nothing: defaults.database in pydio.json is not a MySQL database; remove the override');
  }
  const targetKey = databaseKey(target.dsn);
  const ids = new Set(config.databases.filter((entry) => entry.driver === 'mysql' && sameDatabase(entry.dsn, targetKey)).map((entry) => entry.id));
  return (current, entry) => {
    const isTarget = matchesPath(entry.path, ['databases', '*', 'dsn']) && ids.has(String(entry.path[1]));
    return isTarget ? formatMysqlDsn(applyOverride(parseMysqlDsn(current), override)) : current;
  };
}

function applyOverride(dsn: MysqlDsn, override: DsnOverride): MysqlDsn {
  return {
    ...dsn,
    ...overrideNetwork(dsn, override),
    ...(override.name === undefined ? {} : { database: override.name }),
    ...(override.user === undefined ? {} : { user: override.user }),
    ...(override.password === undefined ? {} : { password: override.password }),
  };
}

// A host or port keeps the other half of the address as written; leaving a socket means tcp.
function overrideNetwork(dsn: MysqlDsn, override: DsnOverride): Pick<MysqlDsn, 'protocol' | 'address'> | undefined {
  if (override.socket !== undefined) return { protocol: 'unix', address: override.socket };
  if (override.host === undefined && override.port === undefined) return undefined;
  const wasSocket = dsn.protocol === 'unix';
  const current = wasSocket ? { host: '', port: undefined } : splitHostPort(dsn.address);
  const host = override.host ?? (current.host === '' ? DEFAULT_HOST : current.host);
  return {
    protocol: wasSocket || dsn.protocol === '' ? 'tcp' : dsn.protocol,
    address: joinHostPort(host, override.port === undefined ? current.port : String(override.port)),
  };
}

function databaseKey(dsn: MysqlDsn): string {
  return JSON.stringify([dsnEndpoint(dsn), dsn.database]);
}

// Entries other than the default may be malformed or unreachable by cellar: they are simply not the same database.
function sameDatabase(text: string, key: string): boolean {
  const dsn = tryParseMysqlDsn(text);
  if (dsn === undefined) return false;
  try {
    return databaseKey(dsn) === key;
  } catch (error) {
    if (isCellarError(error)) return false;
    throw error;
  }
}
