import { describe, expect, it, test } from 'vitest';
import { indexSnapshotCommand, resyncCommand } from '../../src/cells/admin-commands.js';
import { parseCellsConfig, readCellsConfig, type CellsConfig, type DatasourceInfo, unknownVersionWarning } from '../../src/cells/cells-config.js';
import { readPydioFixture } from './pydio-fixtures.js';

function flatLocal1(name: string, folder: string, internal: boolean): DatasourceInfo {
  return {
    name,
    storage: 'local',
    flat: true,
    internal,
    folder: `/home/user/.config/pydio/cells/data/${folder}`,
    bucket: folder,
    objectsService: 'local1',
    localFolder: '/home/user/.config/pydio/cells/data',
    peerAddresses: [],
  };
}

function structuredLocal1(name: string): DatasourceInfo {
  return {
    name,
    storage: 'local',
    flat: false,
    internal: false,
    folder: `/home/pydio/.config/pydio/cells/data/${name}`,
    bucket: name,
    objectsService: 'local1',
    localFolder: '/home/pydio/.config/pydio/cells/data',
    peerAddresses: ['example.com'],
  };
}

function bare(name: string): DatasourceInfo {
  return {
    name,
    storage: 'local',
    flat: false,
    internal: false,
    folder: undefined,
    bucket: undefined,
    objectsService: undefined,
    localFolder: undefined,
    peerAddresses: [],
  };
}

describe('parseCellsConfig on the captured files', () => {
  test('v4.0.0-dev: sites, five flat datasources on local1, default database through $ref', () => {
    const v4Mysql = {
      id: 'adf1c786de879af52b30b1397b06ab66812a1269',
      driver: 'mysql',
      dsn: 'pydio:cells@tcp(localhost:3306)/cells?parseTime=true',
    };
    expect(parseCellsConfig(readPydioFixture('v4.0.0-dev.json'))).toEqual<CellsConfig>({
      version: '4.0.0-dev',
      majorVersion: 4,
      generation: 'sites',
      datasources: [
        flatLocal1('pydiods1', 'pydiods1', false),
        flatLocal1('personal', 'personal', false),
        flatLocal1('cellsdata', 'cellsdata', false),
        flatLocal1('versions', 'versions', true),
        flatLocal1('thumbnails', 'thumbs', true),
      ],
      databases: [
        v4Mysql,
        ...['activity/activities', 'chat/chat', 'docstore/docstore', 'versions/versions'].map((service) => {
          const [name = '', file = ''] = service.split('/');
          return {
            id: `pydio.grpc.${name}`,
            driver: 'boltdb',
            dsn: `/home/user/.config/pydio/cells/services/pydio.grpc.${name}/${file}.db`,
          };
        }),
      ],
      defaultDatabase: v4Mysql,
      defaultMysql: {
        entry: v4Mysql,
        dsn: {
          user: 'pydio',
          password: 'cells',
          protocol: 'tcp',
          address: 'localhost:3306',
          database: 'cells',
          params: 'parseTime=true',
        },
      },
      publicUrls: [],
    });
  });

  test('v2.0 without a version: pre-sites from its keys, PeerAddress, default database as a plain id', () => {
    const config = parseCellsConfig(readPydioFixture('v2.0-pre-sites.json'));
    expect(config.version).toBeUndefined();
    expect(config.majorVersion).toBeUndefined();
    expect(config.generation).toBe('pre-sites');
    expect(config.datasources).toEqual([structuredLocal1('pydiods1'), structuredLocal1('personal'), structuredLocal1('cellsdata')]);
    expect(config.defaultDatabase?.id).toBe('f5eda2bacd38959a7b8533687cb063ad9677dd0b');
    expect(config.defaultMysql?.dsn).toEqual({
      user: 'root',
      password: 'root',
      protocol: 'tcp',
      address: 'localhost:3306',
      database: 'cells200',
      params: 'parseTime=true',
    });
    expect(config.publicUrls).toEqual(['https://example.com']);
  });

  test('v2.1.0 fragment: sources as a JSON string, the updated: marker skipped, no database', () => {
    expect(parseCellsConfig(readPydioFixture('v2.1.0-urls-fragment.json'))).toEqual<CellsConfig>({
      version: '2.1.0',
      majorVersion: 2,
      generation: 'pre-sites',
      datasources: [bare('mnt'), bare('pydiods1'), bare('personal'), bare('cellsdata')],
      databases: [],
      defaultDatabase: undefined,
      defaultMysql: undefined,
      publicUrls: ['http://example.com'],
    });
  });
});

describe('readCellsConfig', () => {
  test.each([
    [{ version: '2.1.0', defaults: { sites: [] } }, 'pre-sites', 2],
    [{ version: '2.1.99' }, 'sites', 2],
    [{ version: '2.2.0-rc1' }, 'sites', 2],
    [{ version: '3.0.4' }, 'sites', 3],
    [{ version: 'v4.1.2' }, 'sites', 4],
    [{ version: '1.6.1' }, 'pre-sites', 1],
    [{ defaults: { sites: [{ Binds: ['0.0.0.0:8080'] }] } }, 'sites', undefined],
    [{ defaults: { url: 'http://cells.local' } }, 'pre-sites', undefined],
    [{}, 'pre-sites', undefined],
  ])('%j is %s', (json, generation, majorVersion) => {
    const config = readCellsConfig(json);
    expect(config.generation).toBe(generation);
    expect(config.majorVersion).toBe(majorVersion);
  });

  test.each([
    [undefined, 'local'],
    [0, 'local'],
    [1, 's3'],
    [5, 'azure'],
    [6, 'gcs'],
    [2, 'other'],
    ['LOCAL', 'local'],
    ['S3', 's3'],
    ['AZURE', 'azure'],
    ['GCS', 'gcs'],
    ['SMB', 'other'],
  ])('StorageType %j is %s', (storageType, storage) => {
    const config = readCellsConfig({
      services: {
        'pydio.grpc.data.sync': { sources: ['media'] },
        'pydio.grpc.data.sync.media': { StorageType: storageType },
      },
    });
    expect(config.datasources.map((datasource) => datasource.storage)).toEqual([storage]);
  });

  test('lists peers from the sync, index and objects services once each', () => {
    const config = readCellsConfig({
      services: {
        'pydio.grpc.data.sync': { sources: ['pydiods1', 'pydiods1', 'updated:1589793099'] },
        'pydio.grpc.data.sync.pydiods1': { ObjectsServiceName: 'local1', PeerAddress: '10.0.0.1|10.0.0.2' },
        'pydio.grpc.data.index.pydiods1': { PeerAddress: '10.0.0.2' },
        'pydio.grpc.data.objects.local1': { PeerAddress: '10.0.0.3', LocalFolder: '/srv/data' },
      },
    });
    expect(config.datasources).toEqual([
      {
        ...bare('pydiods1'),
        objectsService: 'local1',
        localFolder: '/srv/data',
        peerAddresses: ['10.0.0.1', '10.0.0.2', '10.0.0.3'],
      },
    ]);
  });

  test.each([
    ['id', 'db1'],
    ['$ref', { $ref: '#/databases/db1' }],
  ])('finds the default database by %s', (_, reference) => {
    const config = readCellsConfig({
      databases: {
        db0: { driver: 'boltdb', dsn: '/x.db' },
        db1: { driver: 'mysql', dsn: 'cells@unix(/run/mysqld/mysqld.sock)/cells' },
      },
      defaults: { database: reference },
    });
    expect(config.defaultDatabase).toEqual({
      id: 'db1',
      driver: 'mysql',
      dsn: 'cells@unix(/run/mysqld/mysqld.sock)/cells',
    });
    expect(config.defaultMysql?.dsn.address).toBe('/run/mysqld/mysqld.sock');
  });

  test('has no default MySQL when the default database is another driver', () => {
    const config = readCellsConfig({
      databases: { m: { driver: 'mongodb', dsn: 'mongodb://localhost:27017/cells' } },
      defaults: { database: 'm' },
    });
    expect(config.defaultDatabase?.driver).toBe('mongodb');
    expect(config.defaultMysql).toBeUndefined();
  });

  test.each([
    [[], 'pydio.json is invalid: the file must be a JSON object'],
    [{ version: 'dev' }, 'version is "dev", which is not a Cells version'],
    [{ version: 4 }, 'version must be a string'],
    [{ defaults: { sites: {} } }, 'defaults.sites must be a list of objects'],
    [{ databases: { a: 'x' } }, 'databases.a must be an object with a driver and a dsn'],
    [{ databases: { a: { driver: 'mysql' } } }, 'databases.a must have a driver and a dsn'],
    [{ defaults: { database: 'missing' } }, 'defaults.database refers to databases["missing"], which does not exist'],
    [{ defaults: { database: { $ref: 'databases/a' } } }, 'defaults.database must be a database id or {"$ref": "#/databases/<id>"}'],
    [{ databases: { a: { driver: 'mysql', dsn: 'pydio:hunter22@db' } }, defaults: { database: 'a' } }, 'databases.a.dsn is not a MySQL DSN'],
    [{ services: { 'pydio.grpc.data.sync': { sources: '["a",' } } }, 'services["pydio.grpc.data.sync"].sources is a string that does not hold a JSON list'],
    [{ services: { 'pydio.grpc.data.sync': { sources: [1] } } }, 'services["pydio.grpc.data.sync"].sources must be a list of datasource names'],
    [
      { services: { 'pydio.grpc.data.sync': { sources: ['a'] }, 'pydio.grpc.data.sync.a': { FlatStorage: 'yes' } } },
      'services["pydio.grpc.data.sync.a"].FlatStorage must be true or false',
    ],
    [{ services: { 'pydio.grpc.data.sync': { sources: ['a'] }, 'pydio.grpc.data.sync.a': { StorageType: true } } }, 'StorageType must be a storage type'],
  ])('refuses %j', (json, message) => {
    expect(() => readCellsConfig(json)).toThrow(message);
    expect(() => readCellsConfig(json)).toThrow(
      expect.objectContaining({
        code: 'CELLS_CONFIG_INVALID',
        message: expect.not.stringContaining('hunter22') as string,
      }) as Error,
    );
  });
});

describe('parseCellsConfig on broken text', () => {
  test.each([
    ['{\n  "a": 1\n  "b": 2\n}', 'comma expected at line 3, column 3'],
    ['{\n  "a": 1,\n}', 'property name expected at line 3, column 1'],
    ['{"a": 1} // note', 'invalid comment token at line 1, column 10'],
    ['', 'value expected at line 1, column 1'],
  ])('%j', (text, message) => {
    expect(() => parseCellsConfig(text)).toThrow(`pydio.json is not valid JSON: ${message}`);
  });
});

describe('admin commands', () => {
  const config = (version: string | undefined) => readCellsConfig(version === undefined ? {} : { version });

  test.each([
    ['4.0.0-dev', ['cells', 'admin', 'datasource', 'resync', '-d', 'pydiods1']],
    ['3.0.4', ['cells', 'admin', 'resync', '--service=pydio.grpc.data.sync.pydiods1']],
    [undefined, ['cells', 'admin', 'resync', '--service=pydio.grpc.data.sync.pydiods1']],
  ])('resync on %s', (version, argv) => {
    expect(resyncCommand(config(version), 'pydiods1', 'cells')).toEqual(argv);
  });

  test('index snapshot', () => {
    expect(indexSnapshotCommand('/opt/cells/cells', 'personal')).toEqual([
      '/opt/cells/cells',
      'admin',
      'datasource',
      'snapshot',
      '-d',
      'personal',
      '-o',
      'dump',
    ]);
  });
});

describe('unknownVersionWarning', () => {
  it('is silent for the versions cellar knows and for a file without one', () => {
    for (const version of ['1.6.2', '2.0.0', '3.0.4', '4.4.0', '4.0.0-dev', undefined]) expect(unknownVersionWarning(version, 'sites')).toBeUndefined();
  });

  it('names a newer version and the generation whose rules apply', () => {
    expect(unknownVersionWarning('5.0.0', 'sites')).toMatch(
      /^pydio\.json is from Cells 5\.0\.0, newer than this cellar knows \(up to 4\.x\): it reads it by the rules of the sites generation/,
    );
  });
});
