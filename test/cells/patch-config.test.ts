import { describe, expect, test } from 'vitest';
import { tryParseMysqlDsn } from '../../src/cells/dsn.js';
import { isSensitiveKey, patchCellsConfig, type ConfigPatchInput } from '../../src/cells/patch-config.js';
import { readPydioFixture, setAtPointer, type PydioFixture } from './pydio-fixtures.js';

const NEW_PASSWORD = 'n3w:p@ss/w?rd';

interface Scenario {
  readonly fixture: PydioFixture;
  readonly input: ConfigPatchInput;
  /** Every pointer that must change, in file order, with its new unmasked value. */
  readonly expected: Readonly<Record<string, string>>;
  readonly sensitive: readonly string[];
}

const v4Home = '/home/user/.config/pydio/cells';
const v2Home = '/home/pydio/.config/pydio/cells';

const scenarios: readonly Scenario[] = [
  {
    fixture: 'v4.0.0-dev.json',
    input: {
      hostname: 'cells2.internal',
      publicUrl: 'https://files.example.com',
      database: { host: 'db2.internal', name: 'cells_restored', password: NEW_PASSWORD },
      workingDir: { from: v4Home, to: '/srv/cells' },
    },
    expected: {
      '/databases/adf1c786de879af52b30b1397b06ab66812a1269/dsn': `pydio:${NEW_PASSWORD}@tcp(db2.internal:3306)/cells_restored?parseTime=true`,
      '/databases/pydio.grpc.activity/dsn': '/srv/cells/services/pydio.grpc.activity/activities.db',
      '/databases/pydio.grpc.chat/dsn': '/srv/cells/services/pydio.grpc.chat/chat.db',
      '/databases/pydio.grpc.docstore/dsn': '/srv/cells/services/pydio.grpc.docstore/docstore.db',
      '/databases/pydio.grpc.versions/dsn': '/srv/cells/services/pydio.grpc.versions/versions.db',
      '/defaults/sites/0/Binds/0': 'cells2.internal:8080',
      '/defaults/sites/0/ReverseProxyURL': 'https://files.example.com',
      '/services/pydio.grpc.data.objects.local1/LocalFolder': '/srv/cells/data',
      '/services/pydio.grpc.data.sync.cellsdata/StorageConfiguration/folder': '/srv/cells/data/cellsdata',
      '/services/pydio.grpc.data.sync.personal/StorageConfiguration/folder': '/srv/cells/data/personal',
      '/services/pydio.grpc.data.sync.pydiods1/StorageConfiguration/folder': '/srv/cells/data/pydiods1',
      '/services/pydio.grpc.data.sync.thumbnails/StorageConfiguration/folder': '/srv/cells/data/thumbs',
      '/services/pydio.grpc.data.sync.versions/StorageConfiguration/folder': '/srv/cells/data/versions',
    },
    sensitive: ['/databases/adf1c786de879af52b30b1397b06ab66812a1269/dsn'],
  },
  {
    fixture: 'v2.0-pre-sites.json',
    input: {
      hostname: 'cells2.internal',
      publicUrl: 'https://files.example.org',
      database: { host: 'db2.internal', port: 3307, user: 'pydio', password: NEW_PASSWORD },
      paths: { [`${v2Home}/data/personal`]: '/mnt/personal' },
      workingDir: { from: v2Home, to: '/srv/cells' },
    },
    expected: {
      '/databases/f5eda2bacd38959a7b8533687cb063ad9677dd0b/dsn': `pydio:${NEW_PASSWORD}@tcp(db2.internal:3307)/cells200?parseTime=true`,
      '/databases/pydio.grpc.activity/dsn': '/srv/cells/services/pydio.grpc.activity/activities.db',
      '/databases/pydio.grpc.chat/dsn': '/srv/cells/services/pydio.grpc.chat/chat.db',
      '/defaults/url': 'https://files.example.org',
      '/defaults/urlInternal': 'https://cells2.internal:443',
      '/services/pydio.grpc.auth/dex/connectors/1/config/redirectURI': 'https://files.example.org/auth/dex/callback',
      '/services/pydio.grpc.auth/dex/issuer': 'https://files.example.org/auth/dex',
      '/services/pydio.grpc.auth/dex/staticClients/0/RedirectURIs/0': 'https://files.example.org/login/callback',
      '/services/pydio.grpc.auth/dex/web/http': 'https://files.example.org/auth/dex',
      '/services/pydio.grpc.data.index.cellsdata/PeerAddress': 'cells2.internal',
      '/services/pydio.grpc.data.index.personal/PeerAddress': 'cells2.internal',
      '/services/pydio.grpc.data.index.pydiods1/PeerAddress': 'cells2.internal',
      '/services/pydio.grpc.data.objects.local1/LocalFolder': '/srv/cells/data',
      '/services/pydio.grpc.data.objects.local1/PeerAddress': 'cells2.internal',
      '/services/pydio.grpc.data.sync.cellsdata/PeerAddress': 'cells2.internal',
      '/services/pydio.grpc.data.sync.cellsdata/StorageConfiguration/folder': '/srv/cells/data/cellsdata',
      '/services/pydio.grpc.data.sync.personal/PeerAddress': 'cells2.internal',
      '/services/pydio.grpc.data.sync.personal/StorageConfiguration/folder': '/mnt/personal',
      '/services/pydio.grpc.data.sync.pydiods1/PeerAddress': 'cells2.internal',
      '/services/pydio.grpc.data.sync.pydiods1/StorageConfiguration/folder': '/srv/cells/data/pydiods1',
      '/services/pydio.web.oauth/issuer': 'https://files.example.org/oidc/',
      '/services/pydio.web.oauth/staticClients/1/redirect_uris/1': 'https://files.example.org/oauth2/oob',
    },
    sensitive: ['/databases/f5eda2bacd38959a7b8533687cb063ad9677dd0b/dsn'],
  },
  {
    fixture: 'v2.1.0-urls-fragment.json',
    input: { hostname: '10.0.0.5', publicUrl: 'https://cells.example.net' },
    expected: {
      '/defaults/urlInternal': 'http://10.0.0.5:8080',
      '/defaults/url': 'https://cells.example.net',
    },
    sensitive: [],
  },
];

// The secrets a file holds: values under sensitive keys, and DSN credentials.
function secretsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    if (value !== '' && isSensitiveKey(key)) return [value];
    const dsn = key === 'dsn' ? tryParseMysqlDsn(value) : undefined;
    return dsn?.password === undefined ? [] : [`${dsn.user}:${dsn.password}@`];
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([child, item]) => secretsIn(item, Array.isArray(value) ? key : child));
}

describe('patchCellsConfig on the captured files', () => {
  test.each(scenarios)('$fixture', async ({ fixture, input, expected, sensitive }) => {
    const text = readPydioFixture(fixture);
    const patch = patchCellsConfig(text, input);

    expect(patch.changes.map((change) => change.pointer)).toEqual(Object.keys(expected));
    expect(patch.changes.filter((change) => change.sensitive).map((change) => change.pointer)).toEqual(sensitive);
    for (const change of patch.changes.filter((each) => !each.sensitive)) expect(change.after).toBe(expected[change.pointer]);

    const wanted: unknown = JSON.parse(text);
    for (const [pointer, value] of Object.entries(expected)) setAtPointer(wanted, pointer, value);
    expect(JSON.parse(patch.text)).toEqual(wanted);

    const diffLines = patch.diff.split('\n');
    expect(diffLines.filter((line) => line.startsWith('+') && !line.startsWith('+++'))).toHaveLength(patch.changes.length);
    expect(diffLines.filter((line) => line.startsWith('-') && !line.startsWith('---'))).toHaveLength(
      patch.changes.filter((change) => change.before !== null).length,
    );
    const shown = `${patch.diff}\n${JSON.stringify(patch.changes)}`;
    for (const secret of [...secretsIn(JSON.parse(text)), NEW_PASSWORD]) expect(shown).not.toContain(secret);
    await expect(patch.diff).toMatchFileSnapshot(`../fixtures/cells/${fixture.replace(/\.json$/, '')}.diff`);
  });
});

function pydioJson(json: unknown): string {
  return JSON.stringify(json, null, 2);
}

// The changed pointers and their shown values, and the patched file's values at those pointers.
function applied(json: unknown, input: ConfigPatchInput): { shown: Record<string, string | null>; values: Record<string, unknown> } {
  const patch = patchCellsConfig(pydioJson(json), input);
  const result: unknown = JSON.parse(patch.text);
  const valueAt = (pointer: string): unknown =>
    pointer
      .split('/')
      .slice(1)
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part.replaceAll('~1', '/')], result);
  return {
    shown: Object.fromEntries(patch.changes.map((change) => [change.pointer, change.after])),
    values: Object.fromEntries(patch.changes.map((change) => [change.pointer, valueAt(change.pointer)])),
  };
}

function expectUnmatched(json: unknown, input: ConfigPatchInput, message: string): void {
  expect(() => patchCellsConfig(pydioJson(json), input)).toThrow(
    expect.objectContaining({
      code: 'OVERRIDE_UNMATCHED',
      message: expect.stringContaining(message) as string,
    }) as Error,
  );
}

const peers = {
  services: {
    'pydio.grpc.data.sync.a': { PeerAddress: '10.0.0.1|10.0.0.2' },
    'pydio.grpc.data.index.a': { PeerAddress: '10.0.0.2' },
    'pydio.grpc.data.objects.local1': { PeerAddress: '10.0.0.2', LocalFolder: '/srv/data' },
  },
};

describe('hostname', () => {
  test('replaces only the old host in PeerAddress lists', () => {
    expect(applied(peers, { hostname: 'cells2', oldHostname: '10.0.0.2' }).values).toEqual({
      '/services/pydio.grpc.data.sync.a/PeerAddress': '10.0.0.1|cells2',
      '/services/pydio.grpc.data.index.a/PeerAddress': 'cells2',
      '/services/pydio.grpc.data.objects.local1/PeerAddress': 'cells2',
    });
  });

  test.each([
    [undefined, 'and the snapshot does not say which was its own'],
    ['elsewhere', "and the snapshot's host elsewhere is not one of them"],
  ])('is ambiguous when several hosts are named and the snapshot host is %s', (oldHostname, reason) => {
    expectUnmatched(
      peers,
      { hostname: 'cells2', oldHostname },
      `restore.overrides.hostname is ambiguous: pydio.json names the hosts 10.0.0.1, 10.0.0.2 ${reason}`,
    );
  });

  test('matches nothing when the sites only bind wildcard addresses', () => {
    expectUnmatched(
      { version: '4.1.0', defaults: { sites: [{ Binds: ['0.0.0.0:8080', ':8443', '[::]:80'] }] } },
      { hostname: 'cells2' },
      'restore.overrides.hostname matches nothing',
    );
  });

  test.each([
    [{ version: '2.1.0', defaults: { urlInternal: 'http://[::1]:8080/' } }, 'fd00::5', { '/defaults/urlInternal': 'http://[fd00::5]:8080/' }],
    [{ version: '2.1.0', defaults: { urlInternal: 'https://cells.local' } }, 'cells2', { '/defaults/urlInternal': 'https://cells2' }],
    [{ version: '4.1.0', defaults: { sites: [{ Binds: ['[::1]:8080', '0.0.0.0:80'] }] } }, 'cells2', { '/defaults/sites/0/Binds/0': 'cells2:8080' }],
    [
      {
        version: '4.1.0',
        defaults: { sites: [{ Binds: ['cells.local:8080'] }] },
        services: { 'pydio.grpc.data.sync.a': { PeerAddress: 'Cells.Local' } },
      },
      'cells2',
      { '/defaults/sites/0/Binds/0': 'cells2:8080', '/services/pydio.grpc.data.sync.a/PeerAddress': 'cells2' },
    ],
  ])('%j becomes %s', (json, hostname, values) => {
    expect(applied(json, { hostname }).values).toEqual(values);
  });

  test('leaves urlInternal alone in a sites config and Binds alone in a pre-sites one', () => {
    expectUnmatched({ version: '4.1.0', defaults: { urlInternal: 'http://cells.local:8080' } }, { hostname: 'cells2' }, 'matches nothing');
    expectUnmatched({ version: '2.1.0', defaults: { sites: [{ Binds: ['cells.local:8080'] }] } }, { hostname: 'cells2' }, 'matches nothing');
  });

  test('overriding the host with itself changes nothing', () => {
    const text = pydioJson(peers);
    expect(patchCellsConfig(text, { hostname: '10.0.0.2', oldHostname: '10.0.0.2' })).toEqual({
      changes: [],
      text,
      diff: '',
    });
  });
});

describe('publicUrl', () => {
  const oauth = {
    issuer: 'https://old.example.com/oidc/',
    redirect_uris: [
      '#default_bind#/auth/callback',
      'https://old.example.com',
      'https://old.example.com:8443/x',
      'https://old.example.com.evil/x',
      'https://old.example.com?next=https://old.example.com#top',
      'http://old.example.com/x',
    ],
  };

  test('sites: the ReverseProxyURL and every literal use of it, at a URL boundary only', () => {
    const json = {
      version: '4.1.0',
      defaults: { sites: [{ Binds: ['0.0.0.0:8080'], ReverseProxyURL: 'https://old.example.com' }] },
      services: { 'pydio.web.oauth': oauth },
    };
    expect(applied(json, { publicUrl: 'https://new.example.com/' }).values).toEqual({
      '/defaults/sites/0/ReverseProxyURL': 'https://new.example.com/',
      '/services/pydio.web.oauth/issuer': 'https://new.example.com/oidc/',
      '/services/pydio.web.oauth/redirect_uris/1': 'https://new.example.com',
      '/services/pydio.web.oauth/redirect_uris/4': 'https://new.example.com?next=https://new.example.com#top',
    });
  });

  test('pre-sites: defaults.url with a trailing slash still matches the paths under it', () => {
    const json = {
      version: '2.1.0',
      defaults: { url: 'https://old.example.com/', urlInternal: 'https://old.example.com:443' },
      services: { 'pydio.web.oauth': oauth },
    };
    expect(applied(json, { publicUrl: 'https://new.example.com' }).values).toEqual({
      '/defaults/url': 'https://new.example.com',
      '/services/pydio.web.oauth/issuer': 'https://new.example.com/oidc/',
      '/services/pydio.web.oauth/redirect_uris/1': 'https://new.example.com',
      '/services/pydio.web.oauth/redirect_uris/4': 'https://new.example.com?next=https://new.example.com#top',
    });
  });

  test('adds a ReverseProxyURL to every site when none has one', () => {
    const json = { version: '4.1.0', defaults: { sites: [{ Binds: ['a:80'] }, { Binds: ['b:80'], TLSConfig: {} }] } };
    const patch = patchCellsConfig(pydioJson(json), { publicUrl: 'https://files.example.com' });
    expect(patch.changes).toEqual([
      {
        pointer: '/defaults/sites/0/ReverseProxyURL',
        before: null,
        after: 'https://files.example.com',
        sensitive: false,
      },
      {
        pointer: '/defaults/sites/1/ReverseProxyURL',
        before: null,
        after: 'https://files.example.com',
        sensitive: false,
      },
    ]);
    expect(Object.keys((JSON.parse(patch.text) as { defaults: { sites: object[] } }).defaults.sites[1] ?? {})).toEqual([
      'Binds',
      'ReverseProxyURL',
      'TLSConfig',
    ]);
    expect(patch.diff.split('\n').filter((line) => /^[+-][^+-]/.test(line))).toEqual([
      '-        ]',
      '+        ],',
      '+        "ReverseProxyURL": "https://files.example.com"',
      '+        "ReverseProxyURL": "https://files.example.com",',
    ]);
  });

  test.each([
    [
      '{"version":"4.1.0","defaults":{"sites":[{"Binds":["a:80"]}]}}',
      '{"version":"4.1.0","defaults":{"sites":[{"Binds":["a:80"],"ReverseProxyURL": "https://n.example"}]}}',
    ],
    [
      '{\n\t"version": "4.1.0",\n\t"defaults": {\n\t\t"sites": [\n\t\t\t{\n\t\t\t\t"TLSConfig": {}\n\t\t\t}\n\t\t]\n\t}\n}',
      '{\n\t"version": "4.1.0",\n\t"defaults": {\n\t\t"sites": [\n\t\t\t{\n\t\t\t\t"ReverseProxyURL": "https://n.example",\n\t\t\t\t"TLSConfig": {}\n\t\t\t}\n\t\t]\n\t}\n}',
    ],
  ])('adds the key without reformatting the rest: %j', (text, patched) => {
    expect(patchCellsConfig(text, { publicUrl: 'https://n.example' }).text).toBe(patched);
  });

  test.each([
    [
      {
        version: '4.1.0',
        defaults: { sites: [{ ReverseProxyURL: 'https://a.example' }, { ReverseProxyURL: 'https://b.example' }] },
      },
      'ambiguous: the sites of pydio.json have different ReverseProxyURLs (https://a.example, https://b.example)',
    ],
    [{ version: '4.1.0', defaults: {} }, 'restore.overrides.publicUrl matches nothing: pydio.json has no defaults.sites'],
    [{ version: '2.1.0', defaults: { urlInternal: 'http://a:8080' } }, 'restore.overrides.publicUrl matches nothing: pydio.json has no defaults.url'],
  ])('refuses %j', (json, message) => {
    expectUnmatched(json, { publicUrl: 'https://n.example' }, message);
  });
});

describe('database', () => {
  const databases = {
    version: '4.1.0',
    databases: {
      main: { driver: 'mysql', dsn: 'pydio:old@tcp(db:3306)/cells?parseTime=true' },
      same: { driver: 'mysql', dsn: 'pydio:old@tcp(db)/cells?charset=utf8mb4' },
      other: { driver: 'mysql', dsn: 'pydio:old@tcp(db:3306)/reports' },
      bolt: { driver: 'boltdb', dsn: '/srv/cells/services/chat.db' },
    },
    defaults: { database: { $ref: '#/databases/main' } },
  };

  test.each([
    [
      { host: 'db2' },
      {
        '/databases/main/dsn': 'pydio:old@tcp(db2:3306)/cells?parseTime=true',
        '/databases/same/dsn': 'pydio:old@tcp(db2)/cells?charset=utf8mb4',
      },
    ],
    [
      { socket: '/run/mysqld/mysqld.sock', name: 'cells2', user: 'cells', password: 'p@ss' },
      {
        '/databases/main/dsn': 'cells:p@ss@unix(/run/mysqld/mysqld.sock)/cells2?parseTime=true',
        '/databases/same/dsn': 'cells:p@ss@unix(/run/mysqld/mysqld.sock)/cells2?charset=utf8mb4',
      },
    ],
    [
      { port: 3307 },
      {
        '/databases/main/dsn': 'pydio:old@tcp(db:3307)/cells?parseTime=true',
        '/databases/same/dsn': 'pydio:old@tcp(db:3307)/cells?charset=utf8mb4',
      },
    ],
  ])('%j rewrites the DSNs to the default database, keeping their params', (database, values) => {
    const result = applied(databases, { database });
    expect(result.values).toEqual(values);
    expect(Object.values(result.shown).every((shown) => shown?.includes('(sensitive)'))).toBe(true);
  });

  test('moves a socket DSN to tcp when given a host', () => {
    const json = {
      databases: { m: { driver: 'mysql', dsn: 'cells@unix(/run/mysqld/mysqld.sock)/cells' } },
      defaults: { database: 'm' },
    };
    expect(applied(json, { database: { host: 'db2' } }).values).toEqual({ '/databases/m/dsn': 'cells@tcp(db2)/cells' });
  });

  test('a new password only is listed, masked, and kept out of the diff', () => {
    const patch = patchCellsConfig(pydioJson(databases), { database: { password: 'brand-new-secret' } });
    expect(patch.changes[0]).toEqual({
      pointer: '/databases/main/dsn',
      before: 'pydio:(sensitive)@tcp(db:3306)/cells?parseTime=true',
      after: 'pydio:(sensitive)@tcp(db:3306)/cells?parseTime=true',
      sensitive: true,
    });
    expect(patch.text).toContain('pydio:brand-new-secret@tcp(db:3306)');
    expect(`${patch.diff}${JSON.stringify(patch.changes)}`).not.toMatch(/brand-new-secret|:old@/);
  });

  test('the same values change nothing', () => {
    expect(
      patchCellsConfig(pydioJson(databases), {
        database: { host: 'db', name: 'cells', user: 'pydio', password: 'old' },
      }).changes,
    ).toEqual([]);
  });

  test('refuses when the default database is not MySQL', () => {
    expectUnmatched(
      { databases: { b: { driver: 'boltdb', dsn: '/x.db' } }, defaults: { database: 'b' } },
      { database: { host: 'db2' } },
      'restore.overrides.database matches nothing',
    );
    expectUnmatched({}, { database: { host: 'db2' } }, 'restore.overrides.database matches nothing');
  });
});

describe('paths and workingDir', () => {
  const folders = {
    services: {
      'pydio.grpc.data.sync.a': { StorageConfiguration: { folder: '/data/cells/a' } },
      'pydio.grpc.data.sync.b': { StorageConfiguration: { folder: '/data/cellsX/b' } },
      'pydio.grpc.data.sync.c': { StorageConfiguration: { folder: '/data/cells/deep/c' } },
      'pydio.grpc.data.objects.local1': { LocalFolder: '/data/cells' },
    },
    databases: { chat: { driver: 'boltdb', dsn: '/home/pydio/cells/services/chat.db' } },
  };

  test('moves paths equal to or under an old folder, the longest one winning', () => {
    expect(
      applied(folders, {
        paths: { '/data/cells/': '/mnt/cells', '/data/cells/deep': '/mnt/deep' },
        workingDir: { from: '/home/pydio/cells', to: '/srv/cells' },
      }).values,
    ).toEqual({
      '/services/pydio.grpc.data.sync.a/StorageConfiguration/folder': '/mnt/cells/a',
      '/services/pydio.grpc.data.sync.c/StorageConfiguration/folder': '/mnt/deep/c',
      '/services/pydio.grpc.data.objects.local1/LocalFolder': '/mnt/cells',
      '/databases/chat/dsn': '/srv/cells/services/chat.db',
    });
  });

  test('refuses a folder that matches no path, naming it', () => {
    expectUnmatched(folders, { paths: { '/mnt/archive': '/data/archive' } }, 'restore.overrides.paths./mnt/archive matches no path in pydio.json');
    expectUnmatched(folders, { paths: { '/data/cel': '/x' } }, 'restore.overrides.paths./data/cel matches no path');
  });

  test('a working dir that matches nothing, or does not move, changes nothing', () => {
    expect(patchCellsConfig(pydioJson(folders), { workingDir: { from: '/var/lib/cells', to: '/srv/cells' } }).changes).toEqual([]);
    expect(patchCellsConfig(pydioJson(folders), { paths: { '/data/cells': '/data/cells' } }).changes).toEqual([]);
  });
});

test('refuses text that is not JSON', () => {
  expect(() => patchCellsConfig('{"a": }', { hostname: 'x' })).toThrow(expect.objectContaining({ code: 'CELLS_CONFIG_INVALID' }) as Error);
});
