import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCellsConfig, type CellsConfig, type DatasourceInfo } from '../../src/cells/cells-config.js';
import { parseMysqlDsn } from '../../src/cells/dsn.js';
import { renderInitialPlan } from '../../src/config/initial-plan.js';

const fixtures = new URL('../fixtures/pydio/', import.meta.url);

function fixture(name: string): CellsConfig {
  return parseCellsConfig(readFileSync(new URL(name, fixtures), 'utf8'));
}

function render(config: CellsConfig): string {
  return renderInitialPlan({ workingDir: '/srv/cells', targetDir: '/srv/cellar-backups', config, schemaRef: '/opt/cellar/schemas/backup-plan.schema.json' });
}

function datasource(overrides: Partial<DatasourceInfo> & { name: string }): DatasourceInfo {
  return {
    storage: 'local',
    flat: false,
    internal: false,
    folder: undefined,
    bucket: undefined,
    objectsService: undefined,
    localFolder: undefined,
    peerAddresses: [],
    ...overrides,
  };
}

describe('renderInitialPlan', () => {
  it('writes the v4 installation as a commented plan that reads back as intended', () => {
    const text = render(fixture('v4.0.0-dev.json'));
    expect(text.startsWith('# yaml-language-server: $schema=/opt/cellar/schemas/backup-plan.schema.json\n')).toBe(true);
    expect(parse(text)).toEqual({
      version: 1,
      cells: { workingDir: '/srv/cells' },
      database: { host: 'localhost', port: 3306, user: 'pydio', password: { env: 'CELLS_DB_PASSWORD' }, name: 'cells' },
      datasources: {
        pydiods1: { backup: 'files' },
        personal: { backup: 'files' },
        cellsdata: { backup: 'files' },
        versions: { backup: 'files' },
        thumbnails: { backup: 'files' },
      },
      targets: { local: { path: '/srv/cellar-backups', keep: { last: 7, daily: 14, weekly: 8, monthly: 12 } } },
    });
    expect(text).toContain('  thumbnails: { backup: files }  # local, flat, folder /home/user/.config/pydio/cells/data/thumbs, used by Cells itself\n');
  });

  it('writes the database of a pre-sites installation, without its password', () => {
    const text = render(fixture('v2.0-pre-sites.json'));
    expect((parse(text) as { database: unknown }).database).toEqual({
      host: 'localhost',
      port: 3306,
      user: 'root',
      password: { env: 'CELLS_DB_PASSWORD' },
      name: 'cells200',
    });
    expect(text).not.toContain('root@');
    expect(text).not.toContain(':root');
  });

  it('leaves the database for the operator when pydio.json names none', () => {
    const text = render(fixture('v2.1.0-urls-fragment.json'));
    const plan = parse(text) as Record<string, unknown>;
    expect(plan.database).toBeUndefined();
    expect(text).toContain('# pydio.json names no default database. Declare the MySQL database Cells uses:\n# database:\n');
    expect(Object.keys(plan.datasources as object)).toEqual(['mnt', 'pydiods1', 'personal', 'cellsdata']);
  });

  it('leaves a database cellar cannot dump itself for the operator to declare, commented, without its DSN', () => {
    const base = fixture('v4.0.0-dev.json');
    const mongo = { id: 'documents', driver: 'mongodb', dsn: 'mongodb://cells:s3cret@10.0.0.5/cells' };
    const text = renderInitialPlan({
      workingDir: '/home/user/.config/pydio/cells',
      targetDir: '/srv/b',
      config: { ...base, databases: [...base.databases, mongo] },
      schemaRef: 's',
    });
    expect(text).toContain('# stores:\n#   documents:  # mongodb\n#     backup: command\n');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('pydio.grpc.chat');
    expect((parse(text) as Record<string, unknown>).stores).toBeUndefined();
  });

  it('quotes what YAML would misread, and keeps comments on one line', () => {
    const base = fixture('v4.0.0-dev.json');
    const config: CellsConfig = {
      ...base,
      datasources: [
        datasource({ name: '2024', folder: '/srv/data/with space/#2024' }),
        datasource({ name: 'true', storage: 's3', bucket: 'media\nbucket' }),
        datasource({ name: 'blobs', storage: 'azure', flat: true }),
      ],
      defaultMysql: { entry: { id: 'db', driver: 'mysql', dsn: 'x' }, dsn: parseMysqlDsn('cells user:@unix(/run/my sql.sock)/0123') },
    };
    const text = render(config);
    expect(parse(text)).toMatchObject({
      database: { socket: '/run/my sql.sock', user: 'cells user', name: '0123' },
      datasources: { '2024': { backup: 'files' }, true: { backup: 'provider' }, blobs: { backup: 'provider' } },
    });
    expect((parse(text) as { database: object }).database).not.toHaveProperty('password');
    expect(text).toContain('  # password: { env: CELLS_DB_PASSWORD }   # the DSN in pydio.json has no password\n');
    expect(text).toContain('# S3, structured, bucket media bucket\n');
    expect(text).toContain('# Azure Blob Storage, flat, no bucket in pydio.json\n');
  });
});
