import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCellsConfig, type CellsConfig } from '../../src/cells/cells-config.js';
import type { DatasourceSpec } from '../../src/config/plan.js';
import { compileExclude } from '../../src/model/exclude.js';
import { layoutTrees } from '../../src/config/layout.js';
import { configFiles, vaultFiles } from '../../src/model/installation.js';
import { relativeInside } from '../../src/model/paths.js';
import type { TreeSpec } from '../../src/model/tree.js';
import { makePlan } from '../plan/builders.js';

const workingDir = '/srv/cells';

/** A v4 pydio.json reduced to its datasources: two inside the working dir, three outside, one skipped, one on S3. */
const pydioJson = JSON.stringify({
  version: '4.4.3',
  defaults: { sites: [{ Binds: ['0.0.0.0:8080'], ReverseProxyURL: 'https://files.example.com' }] },
  services: {
    'pydio.grpc.data.sync': { sources: ['pydiods1', 'personal', 'archive', 'media', 'photos', 'scratch', 's3media', 'odd', 'updated:1700000000'] },
    'pydio.grpc.data.objects.local1': { LocalFolder: `${workingDir}/data` },
    'pydio.grpc.data.objects.local2': { LocalFolder: '/mnt/archive' },
    'pydio.grpc.data.objects.local3': { LocalFolder: '/mnt/media' },
    'pydio.grpc.data.sync.pydiods1': { FlatStorage: true, ObjectsServiceName: 'local1', StorageConfiguration: { folder: `${workingDir}/data/pydiods1` } },
    'pydio.grpc.data.sync.personal': { FlatStorage: true, ObjectsServiceName: 'local1', StorageConfiguration: { folder: `${workingDir}/data/personal` } },
    'pydio.grpc.data.sync.archive': { ObjectsServiceName: 'local2', StorageConfiguration: { folder: '/mnt/archive/files' } },
    'pydio.grpc.data.sync.media': { ObjectsServiceName: 'local3', StorageConfiguration: { folder: '/mnt/media' } },
    'pydio.grpc.data.sync.photos': { ObjectsServiceName: 'local1', StorageConfiguration: { folder: '/mnt/photos' } },
    'pydio.grpc.data.sync.scratch': { ObjectsServiceName: 'local1', StorageConfiguration: { folder: `${workingDir}/data/scratch` } },
    'pydio.grpc.data.sync.s3media': { StorageType: 1, ObjectsBucket: 'media' },
    'pydio.grpc.data.sync.odd': { ObjectsServiceName: 'local1', StorageConfiguration: { folder: `${workingDir}/data/we*rd[1]?` } },
  },
});

const files: DatasourceSpec = { backup: 'files', path: undefined };
const datasources: Record<string, DatasourceSpec> = {
  pydiods1: files,
  personal: files,
  archive: files,
  media: files,
  photos: files,
  odd: files,
  scratch: { backup: 'skip', reason: 're-creatable' },
  s3media: { backup: 'provider' },
};

const cells: CellsConfig = parseCellsConfig(pydioJson);
const layout = layoutTrees(makePlan({ datasources, exclude: ['logs/', '*.tmp'] }), cells);
const tree = (id: string): TreeSpec | undefined => layout.trees.find((candidate) => candidate.id === id);

/**
 * The trees that would copy the file or folder at `path`: the tree's source holds it, the tree's
 * `only` names it, and no pattern excludes it or a folder above it.
 */
function owners(trees: readonly TreeSpec[], path: string, isDirectory = false): string[] {
  return trees
    .filter((candidate) => {
      const relative = relativeInside(candidate.source, path);
      if (relative === undefined) return false;
      if (candidate.only) return candidate.only.includes(relative);
      if (relative === '') return true;
      const matchers = candidate.exclude.map(compileExclude);
      const parts = relative.split('/');
      return parts.every((_, index) => {
        const prefix = parts.slice(0, index + 1).join('/');
        const folder = index < parts.length - 1 || isDirectory;
        return !matchers.some((matcher) => matcher.matches(prefix, folder));
      });
    })
    .map((candidate) => candidate.id);
}

describe('layoutTrees', () => {
  it('lays out the working dir, the config files and each backed-up datasource', () => {
    expect(layout.trees.map((item) => [item.id, item.source, item.snapshotPath])).toEqual([
      ['workdir', workingDir, 'workdir'],
      ['config', workingDir, 'workdir'],
      ['datasource.archive', '/mnt/archive/files', 'datasources/archive/folder'],
      ['datasource.archive.minio-sys', '/mnt/archive/.minio.sys', 'datasources/archive/.minio.sys'],
      ['datasource.media', '/mnt/media', 'datasources/media/folder'],
      ['datasource.odd', `${workingDir}/data/we*rd[1]?`, 'workdir/data/we*rd[1]?'],
      ['datasource.personal', `${workingDir}/data/personal`, 'workdir/data/personal'],
      ['datasource.photos', '/mnt/photos', 'datasources/photos/folder'],
      ['datasource.pydiods1', `${workingDir}/data/pydiods1`, 'workdir/data/pydiods1'],
    ]);
  });

  it('excludes the config files, the restore marker and every datasource folder inside the working dir from the workdir tree', () => {
    expect(tree('workdir')?.exclude).toEqual([
      'logs/',
      '*.tmp',
      '/pydio.json',
      '/pydio-vault.json',
      '/cells-vault-key',
      '/.cellar-restore-incomplete',
      '/data/we\\*rd\\[1]\\?/',
      '/data/personal/',
      '/data/pydiods1/',
      '/data/scratch/',
    ]);
  });

  it('makes the config files a tree of their own, with nothing excluded', () => {
    expect(tree('config')).toEqual({ id: 'config', address: 'config', source: workingDir, snapshotPath: 'workdir', exclude: [], only: configFiles });
    expect(configFiles).toEqual(['pydio.json', ...vaultFiles]);
  });

  it('gives datasource trees the user patterns, and addresses by datasource', () => {
    expect(tree('datasource.pydiods1')).toEqual({
      id: 'datasource.pydiods1',
      address: 'datasource.pydiods1',
      source: `${workingDir}/data/pydiods1`,
      snapshotPath: 'workdir/data/pydiods1',
      exclude: ['logs/', '*.tmp'],
    });
    expect(tree('datasource.archive')?.address).toBe('datasource.archive');
  });

  it('copies the .minio.sys of an outside objects folder beside the datasource, optional and whole', () => {
    expect(tree('datasource.archive.minio-sys')).toEqual({
      id: 'datasource.archive.minio-sys',
      address: 'datasource.archive',
      source: '/mnt/archive/.minio.sys',
      snapshotPath: 'datasources/archive/.minio.sys',
      exclude: [],
      optional: true,
      label: '.minio.sys',
    });
  });

  it.each([
    ['media: its objects folder is the datasource folder itself', 'datasource.media.minio-sys'],
    ['photos: its objects folder lies in the working dir', 'datasource.photos.minio-sys'],
    ['the skipped datasource', 'datasource.scratch'],
    ['the provider datasource', 'datasource.s3media'],
  ])('has no tree for %s', (_name, id) => {
    expect(tree(id)).toBeUndefined();
  });

  it('records user patterns and skipped or provider-backed datasources as exclusions', () => {
    expect(layout.excluded).toEqual([
      { address: 'workdir', what: 'exclude logs/' },
      { address: 'workdir', what: 'exclude *.tmp' },
      { address: 'datasource.s3media', what: 'backed up by its storage provider' },
      { address: 'datasource.scratch', what: 'skipped: re-creatable' },
    ]);
  });

  it.each<[string, boolean, string[]]>([
    [`${workingDir}/pydio.json`, false, ['config']],
    [`${workingDir}/pydio-vault.json`, false, ['config']],
    [`${workingDir}/cells-vault-key`, false, ['config']],
    [`${workingDir}/data/pydiods1/file.txt`, false, ['datasource.pydiods1']],
    [`${workingDir}/data/pydiods1`, true, ['datasource.pydiods1']],
    [`${workingDir}/data/pydiods1/pydio.json`, false, ['datasource.pydiods1']],
    [`${workingDir}/data/personal/admin/doc.txt`, false, ['datasource.personal']],
    [`${workingDir}/data/we*rd[1]?/f`, false, ['datasource.odd']],
    [`${workingDir}/data/weXrd1x/f`, false, ['workdir']],
    [`${workingDir}/data/.minio.sys/format.json`, false, ['workdir']],
    [`${workingDir}/data/scratch/tmp.bin`, false, []],
    [`${workingDir}/services/pydio.grpc.docstore/docstore.db`, false, ['workdir']],
    [`${workingDir}/logs/cells.log`, false, []],
    [`${workingDir}/sub/pydio.json`, false, ['workdir']],
    ['/mnt/archive/files/report.pdf', false, ['datasource.archive']],
    ['/mnt/archive/.minio.sys/buckets/files/report.pdf/fs.json', false, ['datasource.archive.minio-sys']],
    ['/mnt/archive/other/x', false, []],
    ['/mnt/media/.minio.sys/format.json', false, ['datasource.media']],
    ['/mnt/photos/cat.jpg', false, ['datasource.photos']],
  ])('%s (folder: %s) belongs to %j', (path, isDirectory, expected) => {
    expect(owners(layout.trees, path, isDirectory)).toEqual(expected);
  });

  it('uses the plan path of a datasource over the folder in pydio.json', () => {
    const moved = layoutTrees(makePlan({ datasources: { ...datasources, pydiods1: { backup: 'files', path: '/mnt/pydiods1' } } }), cells);
    expect(moved.trees.find((item) => item.id === 'datasource.pydiods1')).toMatchObject({
      source: '/mnt/pydiods1',
      snapshotPath: 'datasources/pydiods1/folder',
    });
    // The folder left in the working dir is no datasource's any more: the workdir tree keeps it.
    expect(moved.trees.find((item) => item.id === 'workdir')?.exclude).not.toContain('/data/pydiods1/');
  });

  it('without a pydio.json: the working dir, the config files, and datasources whose path the plan gives', () => {
    const bare = layoutTrees(makePlan({ datasources: { a: files, b: { backup: 'files', path: '/mnt/b' } } }), undefined);
    expect(bare.trees.map((item) => item.id)).toEqual(['workdir', 'config', 'datasource.b']);
  });

  it('works on the captured v4 pydio.json: five flat datasources inside the working dir', () => {
    const captured = readFileSync(new URL('../fixtures/pydio/v4.0.0-dev.json', import.meta.url), 'utf8').replaceAll(
      '/home/user/.config/pydio/cells',
      workingDir,
    );
    const names = ['pydiods1', 'personal', 'cellsdata', 'versions', 'thumbnails'];
    const plan = makePlan({ datasources: Object.fromEntries(names.map((name) => [name, files])) });
    const v4 = layoutTrees(plan, parseCellsConfig(captured));
    expect(v4.trees.map((item) => [item.id, item.snapshotPath])).toEqual([
      ['workdir', 'workdir'],
      ['config', 'workdir'],
      ['datasource.cellsdata', 'workdir/data/cellsdata'],
      ['datasource.personal', 'workdir/data/personal'],
      ['datasource.pydiods1', 'workdir/data/pydiods1'],
      ['datasource.thumbnails', 'workdir/data/thumbs'],
      ['datasource.versions', 'workdir/data/versions'],
    ]);
    expect(v4.trees[0]?.exclude).toEqual([
      '/pydio.json',
      '/pydio-vault.json',
      '/cells-vault-key',
      '/.cellar-restore-incomplete',
      '/data/cellsdata/',
      '/data/personal/',
      '/data/pydiods1/',
      '/data/thumbs/',
      '/data/versions/',
    ]);
    expect(owners(v4.trees, `${workingDir}/data/thumbs/a/b.jpg`)).toEqual(['datasource.thumbnails']);
    expect(owners(v4.trees, `${workingDir}/data/.minio.sys/config/config.json`)).toEqual(['workdir']);
    expect(v4.excluded).toEqual([]);
  });

  // A folder written with a trailing '/' in pydio.json is still the same folder: it must be left out
  // of the workdir tree, or its files belong to two addresses (and are copied twice).
  it('excludes a datasource folder written with a trailing slash from the workdir tree', () => {
    const slashed = parseCellsConfig(pydioJson.replace(`${workingDir}/data/pydiods1"`, `${workingDir}/data/pydiods1/"`));
    const trees = layoutTrees(makePlan({ datasources }), slashed).trees;
    expect(owners(trees, `${workingDir}/data/pydiods1/file.txt`)).toEqual(['datasource.pydiods1']);
  });
});

describe('relativeInside', () => {
  it.each<[string, string, string | undefined]>([
    ['/srv/cells', '/srv/cells', ''],
    ['/srv/cells/', '/srv/cells', ''],
    ['/srv/cells', '/srv/cells/data/x', 'data/x'],
    ['/srv/cells/', '/srv/cells/data', 'data'],
    ['/srv/cells', '/srv/cells2/data', undefined],
    ['/srv/cells', '/srv', undefined],
    ['/srv/cells', '/mnt/x', undefined],
  ])('%s holds %s as %j', (folder, path, expected) => {
    expect(relativeInside(folder, path)).toBe(expected);
  });
});
