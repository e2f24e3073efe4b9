/** The `databases` of pydio.json and the one `defaults.database` designates. */
import { isCellarError } from '../core/errors.js';
import { parseMysqlDsn, type MysqlDsn } from './dsn.js';
import { invalidConfig, isJsonObject, objectField, stringField, type JsonObject } from './json-fields.js';

/** One entry of `databases`: its id, its driver (`mysql`, `boltdb`, `bleve`, …) and its DSN. */
export interface DatabaseEntry {
  readonly id: string;
  readonly driver: string;
  readonly dsn: string;
}

/** The default database when it is MySQL, with its DSN parsed. */
export interface DefaultMysql {
  readonly entry: DatabaseEntry;
  readonly dsn: MysqlDsn;
}

const REF_PREFIX = '#/databases/';

/** Every entry of `databases`, in file order. */
export function readDatabases(root: JsonObject): DatabaseEntry[] {
  const databases = objectField(root, 'databases', []) ?? {};
  return Object.entries(databases).map(([id, entry]) => {
    const path = ['databases', id];
    if (!isJsonObject(entry)) throw invalidConfig(path, 'must be an object with a driver and a dsn');
    const driver = stringField(entry, 'driver', path);
    const dsn = stringField(entry, 'dsn', path);
    if (driver === undefined || dsn === undefined) throw invalidConfig(path, 'must have a driver and a dsn');
    return { id, driver, dsn };
  });
}

/**
 * The entry `defaults.database` designates: `{"$ref": "#/databases/<id>"}` since 2.2, a plain id
 * before; undefined when there is no default.
 */
export function readDefaultDatabase(defaults: JsonObject | undefined, databases: readonly DatabaseEntry[]): DatabaseEntry | undefined {
  const value = defaults?.database;
  if (value === undefined) return undefined;
  const id = typeof value === 'string' ? value : refId(value);
  const entry = databases.find((candidate) => candidate.id === id);
  if (entry === undefined) throw invalidConfig(['defaults', 'database'], `refers to databases["${id}"], which does not exist`);
  return entry;
}

/** The default database's parsed DSN when its driver is mysql. */
export function readDefaultMysql(entry: DatabaseEntry | undefined): DefaultMysql | undefined {
  if (entry?.driver !== 'mysql') return undefined;
  try {
    return { entry, dsn: parseMysqlDsn(entry.dsn) };
  } catch (error) {
    if (!isCellarError(error)) throw error;
    throw invalidConfig(['databases', entry.id, 'dsn'], `is ${error.message}`);
  }
}

function refId(value: unknown): string {
  const ref = isJsonObject(value) ? value.$ref : undefined;
  if (typeof ref !== 'string' || !ref.startsWith(REF_PREFIX)) {
    throw invalidConfig(['defaults', 'database'], `must be a database id or {"$ref": "${REF_PREFIX}<id>"}`);
  }
  return ref.slice(REF_PREFIX.length).replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Drivers whose DSN is a file path: cellar copies them with the working dir when they lie inside it. */
const fileDrivers: readonly string[] = ['boltdb', 'bleve'];

/**
 * The databases cellar cannot back up on its own: all but the default MySQL one (and entries with
 * its DSN) and Bolt/Bleve files inside the working dir. A MongoDB holding Cells' document stores,
 * say: each must be declared under `stores` in the plan.
 */
export function externalStores(databases: readonly DatabaseEntry[], defaultDatabase: DatabaseEntry | undefined, workingDir: string): DatabaseEntry[] {
  return databases.filter((entry) => {
    if (entry.driver === 'mysql' && defaultDatabase?.driver === 'mysql' && entry.dsn === defaultDatabase.dsn) return false;
    if (!fileDrivers.includes(entry.driver)) return true;
    const path = entry.dsn.split('?')[0] ?? '';
    return path !== workingDir && !path.startsWith(`${workingDir}/`);
  });
}
