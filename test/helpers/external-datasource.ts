import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExternalDatasource {
  readonly name: string;
  /** The objects service's LocalFolder: `.minio.sys` lives here, beside the datasource folder. */
  readonly localFolder: string;
  /** The datasource folder, `<localFolder>/<name>`. */
  readonly folder: string;
}

/**
 * Declares a structured local datasource outside the working dir in its pydio.json, with an
 * objects service of its own, as Cells writes one created on another disk. Creates the datasource
 * folder (with a file) but no `.minio.sys`: Cells makes that when it first serves the datasource.
 */
export function addExternalDatasource(workingDir: string, localFolder: string, name = 'archive'): ExternalDatasource {
  const file = join(workingDir, 'pydio.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { services: Record<string, Record<string, unknown>> };
  const services = config.services;
  const sync = services['pydio.grpc.data.sync'];
  if (!sync || !Array.isArray(sync.sources)) throw new Error('pydio.json has no pydio.grpc.data.sync sources list');
  sync.sources = [...(sync.sources as string[]), name];
  const folder = join(localFolder, name);
  services[`pydio.grpc.data.sync.${name}`] = {
    ApiKey: '',
    Disabled: false,
    EncryptionMode: 'CLEAR',
    FlatStorage: false,
    Name: name,
    ObjectsBucket: name,
    ObjectsServiceName: `${name}1`,
    StorageConfiguration: { folder, normalize: 'false' },
    StorageType: 'LOCAL',
    VersioningPolicyName: '',
  };
  services[`pydio.grpc.data.objects.${name}1`] = { LocalFolder: localFolder, Name: `${name}1`, StorageType: 'LOCAL' };
  const objects = services['pydio.grpc.data.objects'];
  if (objects && Array.isArray(objects.sources)) objects.sources = [...(objects.sources as string[]), `${name}1`];
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'report.txt'), 'first quarter\n');
  return { name, localFolder, folder };
}
