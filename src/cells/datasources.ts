/** The datasources pydio.json declares, with what a backup needs to know about each. */
import { booleanField, invalidConfig, objectField, stringField, type JsonObject } from './json-fields.js';
import type { JsonPath } from './json-text.js';

/** Where a datasource keeps its objects (`StorageType` 0, 1, 5, 6; anything else is `other`). */
export type StorageKind = 'local' | 's3' | 'azure' | 'gcs' | 'other';

/** One datasource, read from `services["pydio.grpc.data.sync.<name>"]` and its objects service. */
export interface DatasourceInfo {
  readonly name: string;
  readonly storage: StorageKind;
  /** FlatStorage: file names live only in the index tables. */
  readonly flat: boolean;
  /** Cells' own storage (versions, thumbnails): `StorageConfiguration.cellsInternal`. */
  readonly internal: boolean;
  readonly folder: string | undefined;
  readonly bucket: string | undefined;
  /** The minio service name, e.g. `local1`. */
  readonly objectsService: string | undefined;
  /** The objects service's `LocalFolder`, where `.minio.sys` lives. */
  readonly localFolder: string | undefined;
  /** From the sync, index and objects services; `|` lists split, duplicates removed. */
  readonly peerAddresses: readonly string[];
}

const SYNC_SERVICE = 'pydio.grpc.data.sync';
const UPDATE_MARKER = 'updated:';
const STORAGE_KINDS: ReadonlyMap<string, StorageKind> = new Map([
  ['0', 'local'],
  ['1', 's3'],
  ['5', 'azure'],
  ['6', 'gcs'],
  ['LOCAL', 'local'],
  ['S3', 's3'],
  ['AZURE', 'azure'],
  ['GCS', 'gcs'],
]);

/** The datasources listed by the sync service, in their order; none when there is no such list. */
export function readDatasources(services: JsonObject | undefined): DatasourceInfo[] {
  return readSourceNames(services).map((name) => readDatasource(services, name));
}

// Before 2.1.99 the list may be stored as a JSON-encoded string, with an "updated:<time>" entry.
function readSourceNames(services: JsonObject | undefined): string[] {
  const path: JsonPath = ['services', SYNC_SERVICE, 'sources'];
  const raw = objectField(services, SYNC_SERVICE, ['services'])?.sources;
  if (raw === undefined) return [];
  const list = typeof raw === 'string' ? decodeList(raw, path) : raw;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw invalidConfig(path, 'must be a list of datasource names');
  }
  return [...new Set(list.filter((name) => !name.startsWith(UPDATE_MARKER)))];
}

function decodeList(text: string, path: JsonPath): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidConfig(path, `is a string that does not hold a JSON list (${String(error)})`);
  }
}

function readDatasource(services: JsonObject | undefined, name: string): DatasourceInfo {
  const syncKey = `${SYNC_SERVICE}.${name}`;
  const syncPath: JsonPath = ['services', syncKey];
  const sync = objectField(services, syncKey, ['services']);
  const storageConfiguration = objectField(sync, 'StorageConfiguration', syncPath);
  const storagePath = [...syncPath, 'StorageConfiguration'];
  const objectsService = stringField(sync, 'ObjectsServiceName', syncPath);
  const objectsKey = `pydio.grpc.data.objects.${objectsService ?? ''}`;
  const objects = objectsService === undefined ? undefined : objectField(services, objectsKey, ['services']);
  const indexKey = `pydio.grpc.data.index.${name}`;
  const index = objectField(services, indexKey, ['services']);
  return {
    name,
    storage: readStorageKind(sync, syncPath),
    flat: booleanField(sync, 'FlatStorage', syncPath) ?? false,
    internal: stringField(storageConfiguration, 'cellsInternal', storagePath) === 'true',
    folder: stringField(storageConfiguration, 'folder', storagePath),
    bucket: stringField(sync, 'ObjectsBucket', syncPath),
    objectsService,
    localFolder: stringField(objects, 'LocalFolder', ['services', objectsKey]),
    peerAddresses: [
      ...new Set(
        [
          stringField(sync, 'PeerAddress', syncPath),
          stringField(index, 'PeerAddress', ['services', indexKey]),
          stringField(objects, 'PeerAddress', ['services', objectsKey]),
        ].flatMap((list) => list?.split('|').filter((peer) => peer !== '') ?? []),
      ),
    ],
  };
}

// protojson writes the enum's name, older Cells its number.
function readStorageKind(sync: JsonObject | undefined, syncPath: JsonPath): StorageKind {
  const value = sync?.StorageType;
  if (value === undefined) return 'local';
  if (typeof value !== 'number' && typeof value !== 'string') {
    throw invalidConfig([...syncPath, 'StorageType'], 'must be a storage type such as 0 or "LOCAL"');
  }
  return STORAGE_KINDS.get(String(value).toUpperCase()) ?? 'other';
}
