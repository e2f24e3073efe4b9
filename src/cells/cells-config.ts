/** What cellar reads from a pydio.json of any Cells generation (DESIGN §5). */
import { detectGeneration, parseCellsVersion, type ConfigGeneration } from './config-version.js';
export { unknownVersionWarning } from './config-version.js';
import { readDatabases, readDefaultDatabase, readDefaultMysql, type DatabaseEntry, type DefaultMysql } from './databases.js';
import { readDatasources, type DatasourceInfo } from './datasources.js';
import { invalidConfig, isJsonObject, objectField, stringField, type JsonObject } from './json-fields.js';
import { parseJsonTree } from './json-text.js';
import { CellarError } from '../core/errors.js';

export type { ConfigGeneration } from './config-version.js';
export type { DatabaseEntry, DefaultMysql } from './databases.js';
export type { DatasourceInfo, StorageKind } from './datasources.js';

/** The facts of one pydio.json that backups and restores depend on. */
export interface CellsConfig {
  /** The top-level `version`, absent in some older files. */
  readonly version: string | undefined;
  readonly majorVersion: number | undefined;
  readonly generation: ConfigGeneration;
  readonly datasources: readonly DatasourceInfo[];
  readonly databases: readonly DatabaseEntry[];
  readonly defaultDatabase: DatabaseEntry | undefined;
  readonly defaultMysql: DefaultMysql | undefined;
  /** `sites[*].ReverseProxyURL` (sites) or `defaults.url` (pre-sites). */
  readonly publicUrls: readonly string[];
}

/**
 * Reads pydio.json text; invalid JSON is CELLS_CONFIG_INVALID naming line and column. With `file`,
 * the message names that file and says what to do (`remedy`).
 */
export function parseCellsConfig(text: string, where?: { readonly file: string; readonly remedy: string }): CellsConfig {
  try {
    parseJsonTree(text);
    return readCellsConfig(JSON.parse(text));
  } catch (error) {
    if (where === undefined || !(error instanceof CellarError) || error.code !== 'CELLS_CONFIG_INVALID') throw error;
    throw new CellarError('CELLS_CONFIG_INVALID', `${error.message.replace(/^pydio\.json/, where.file)}; ${where.remedy}`, { cause: error });
  }
}

/** Reads parsed pydio.json; a structure Cells would not write is CELLS_CONFIG_INVALID naming the field. */
export function readCellsConfig(json: unknown): CellsConfig {
  if (!isJsonObject(json)) throw invalidConfig([], 'must be a JSON object');
  const versionText = stringField(json, 'version', []);
  const version = versionText === undefined ? undefined : parseCellsVersion(versionText);
  const defaults = objectField(json, 'defaults', []);
  const sites = readSites(defaults);
  const generation = detectGeneration(version, sites !== undefined);
  const databases = readDatabases(json);
  const defaultDatabase = readDefaultDatabase(defaults, databases);
  return {
    version: versionText,
    majorVersion: version?.major,
    generation,
    datasources: readDatasources(objectField(json, 'services', [])),
    databases,
    defaultDatabase,
    defaultMysql: readDefaultMysql(defaultDatabase),
    publicUrls: generation === 'sites' ? readReverseProxyUrls(sites ?? []) : optionalList(stringField(defaults, 'url', ['defaults'])),
  };
}

function readSites(defaults: JsonObject | undefined): readonly JsonObject[] | undefined {
  const sites = defaults?.sites;
  if (sites === undefined) return undefined;
  if (!Array.isArray(sites) || !sites.every(isJsonObject)) throw invalidConfig(['defaults', 'sites'], 'must be a list of objects');
  return sites;
}

function readReverseProxyUrls(sites: readonly JsonObject[]): string[] {
  const urls = sites.flatMap((site, index) => optionalList(stringField(site, 'ReverseProxyURL', ['defaults', 'sites', index])));
  return [...new Set(urls)];
}

function optionalList(value: string | undefined): string[] {
  return value === undefined ? [] : [value];
}
