import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DatabaseAccess } from './mariadb.js';
import { stableHex } from './random.js';

export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** A datasource as the sample needs it, read from pydio.json. */
export interface DatasourceSpec {
  readonly name: string;
  /** Its folder relative to the objects service's LocalFolder (`<working dir>/data`). */
  readonly folder: string;
  readonly bucket: string;
  readonly flat: boolean;
  /** Cells' own stores (versions, thumbnails), flagged `cellsInternal`. */
  readonly internal: boolean;
}

/** The working dir that the fixture was captured from. */
const fixtureWorkingDir = '/home/user/.config/pydio/cells';

/** Reads the Cells v4 pydio.json fixture. */
export async function readFixtureConfig(fixtures: string): Promise<JsonObject> {
  const text = await readFile(join(fixtures, 'pydio', 'v4.0.0-dev.json'), 'utf8');
  return asObject(JSON.parse(text) as Json, 'pydio.json');
}

/** The config moved to `workingDir`, using the sample database, with the `structured` datasources made non-flat. */
export function rewriteConfig(config: JsonObject, workingDir: string, db: DatabaseAccess, structured: readonly string[]): JsonObject {
  const moved = asObject(movePaths(config, workingDir), 'pydio.json');
  const dsn = defaultDatabase(moved);
  dsn.dsn = sampleDsn(asString(dsn.dsn, 'default database dsn'), db);
  for (const name of structured) delete syncService(moved, name).FlatStorage;
  return moved;
}

/** pydio.json as Cells writes it: two-space indentation. */
export function formatConfig(config: JsonObject): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** The datasources that pydio.json declares, in its order. */
export function datasourcesOf(config: JsonObject): DatasourceSpec[] {
  const sources = asArray(objectAt(config, 'services', 'pydio.grpc.data.sync').sources ?? null, 'sync sources');
  return sources
    .map((name) => asString(name, 'datasource name'))
    .filter((name) => !name.startsWith('updated:'))
    .map((name) => datasourceSpec(config, name));
}

/** Absolute paths of the Bolt stores that pydio.json points at. */
export function boltFilesOf(config: JsonObject): string[] {
  return Object.values(asObject(config.databases ?? null, 'databases'))
    .map((entry) => asObject(entry, 'database'))
    .filter((entry) => entry.driver === 'boltdb')
    .map((entry) => asString(entry.dsn, 'bolt dsn'));
}

/** pydio-vault.json: each ApiSecret of pydio.json is a key into this encrypted store. */
export function vaultFile(config: JsonObject, seed: number): string {
  const keys = [...new Set(valuesOf(config, 'ApiSecret'))].sort();
  const vault = Object.fromEntries(keys.map((key) => [key, Buffer.from(stableHex(96, seed, 'vault', key), 'hex').toString('base64')]));
  return formatConfig(vault);
}

/** cells-vault-key: the key that decrypts pydio-vault.json. */
export function vaultKeyFile(seed: number): string {
  return `${Buffer.from(stableHex(64, seed, 'vault-key'), 'hex').toString('base64')}\n`;
}

function movePaths(value: Json, workingDir: string): Json {
  if (typeof value === 'string') {
    return value.startsWith(fixtureWorkingDir) ? workingDir + value.slice(fixtureWorkingDir.length) : value;
  }
  if (Array.isArray(value)) return value.map((item) => movePaths(item, workingDir));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, movePaths(item, workingDir)]));
}

/** Every string value stored under `key`, at any depth. */
function valuesOf(value: Json, key: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesOf(item, key));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, item]) => (name === key && typeof item === 'string' ? [item] : valuesOf(item, key)));
}

function defaultDatabase(config: JsonObject): JsonObject {
  const ref = asString(objectAt(config, 'defaults', 'database').$ref ?? null, 'defaults.database.$ref');
  return objectAt(config, 'databases', ref.replace(/^#\/databases\//, ''));
}

function sampleDsn(original: string, db: DatabaseAccess): string {
  const query = original.includes('?') ? original.slice(original.indexOf('?')) : '?parseTime=true';
  return `${db.user}:${db.password}@tcp(${db.host}:${db.port})/${db.name}${query}`;
}

function syncService(config: JsonObject, name: string): JsonObject {
  return objectAt(config, 'services', `pydio.grpc.data.sync.${name}`);
}

function datasourceSpec(config: JsonObject, name: string): DatasourceSpec {
  const sync = syncService(config, name);
  const storage = objectAt(sync, 'StorageConfiguration');
  const objects = objectAt(config, 'services', `pydio.grpc.data.objects.${asString(sync.ObjectsServiceName, 'ObjectsServiceName')}`);
  const localFolder = asString(objects.LocalFolder, 'LocalFolder');
  return {
    name,
    folder: relative(localFolder, asString(storage.folder, 'StorageConfiguration.folder')),
    bucket: asString(sync.ObjectsBucket, 'ObjectsBucket'),
    flat: sync.FlatStorage === true,
    internal: storage.cellsInternal === 'true',
  };
}

function objectAt(root: JsonObject, ...keys: readonly string[]): JsonObject {
  let current = root;
  for (const key of keys) current = asObject(current[key] ?? null, key);
  return current;
}

function asObject(value: Json | undefined, what: string): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`pydio.json: ${what} is not an object`);
  }
  return value;
}

function asArray(value: Json | undefined, what: string): Json[] {
  if (!Array.isArray(value)) throw new Error(`pydio.json: ${what} is not a list`);
  return value;
}

function asString(value: Json | undefined, what: string): string {
  if (typeof value !== 'string') throw new Error(`pydio.json: ${what} is not a string`);
  return value;
}
