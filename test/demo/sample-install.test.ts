import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTo } from '../../demo/mariadb.js';
import type { SampleInstall } from '../../demo/sample-install.js';
import { changeRow, createSampleInstall, touchFiles } from '../../demo/sample-install.js';
import { sampleFile } from '../../demo/sample-layout.js';
import { checksumTables, databaseExists, uniqueName, userHosts } from '../helpers/mariadb.js';
import { createTestInstall } from '../helpers/sample.js';

interface Entry {
  readonly path: string;
  readonly size: number;
  readonly mtime: number;
  readonly sha: string;
}

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-sample-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Every file below `dir`, with its size, mtime (seconds) and content hash, sorted by path. */
async function listFiles(dir: string): Promise<Entry[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const listed = await Promise.all(
    files.map(async (path) => {
      const info = await stat(path);
      const sha = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
      return { path: relative(dir, path), size: info.size, mtime: Math.floor(info.mtimeMs / 1000), sha };
    }),
  );
  return listed.sort((a, b) => a.path.localeCompare(b.path));
}

async function query<T extends RowDataPacket>(install: SampleInstall, sql: string): Promise<T[]> {
  const connection = await connectTo(install.database);
  try {
    const [rows] = await connection.query<T[]>(sql);
    return rows;
  } finally {
    await connection.end();
  }
}

describe('createSampleInstall', () => {
  let install: SampleInstall;

  beforeAll(async () => {
    install = await createTestInstall({ files: 1000, largeFiles: 2, dbSizeMb: 3 });
  });

  afterAll(async () => {
    await install.dispose();
  });

  it('lays out a Cells working dir below <root>/cells', () => {
    expect(install.workingDir).toBe(join(install.root, 'cells'));
    const expected = [
      'pydio.json',
      'pydio-vault.json',
      'cells-vault-key',
      'data/.minio.sys/format.json',
      'data/.minio.sys/config/config.json',
      'data/.minio.sys/buckets/.usage.json',
      'data/.minio.sys/buckets/pydiods1/.metadata.bin',
      'data/.minio.sys/multipart',
      'services/pydio.grpc.activity/activities.db',
      'services/pydio.grpc.docstore/docstore.db',
      'services/pydio.grpc.search/searchengine.bleve/index_meta.json',
      'logs/pydio.log',
      'certs/rootCA.pem',
      ...['pydiods1', 'personal', 'cellsdata', 'versions', 'thumbs'].map((folder) => `data/${folder}`),
    ];
    expect(expected.filter((path) => !existsSync(join(install.workingDir, path)))).toEqual([]);
  });

  it('writes Bolt stores with the Bolt magic number', async () => {
    const bolt = await readFile(join(install.workingDir, 'services/pydio.grpc.versions/versions.db'));
    expect(bolt.readUInt32LE(16)).toBe(0xed0cdaed);
    expect(bolt.length % 4096).toBe(0);
  });

  it('counts every file and byte it wrote', async () => {
    const files = await listFiles(install.workingDir);
    expect(install.files).toBe(files.length);
    expect(install.bytes).toBe(files.reduce((sum, file) => sum + file.size, 0));
  });

  it('stores flat datasources by node UUID and structured ones as a tree with .pydio markers', async () => {
    const byName = new Map(install.datasources.map((ds) => [ds.name, ds]));
    const flat = await readdir(byName.get('pydiods1')!.folder, { withFileTypes: true });
    expect(flat.every((entry) => entry.isFile() && /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(entry.name))).toBe(true);
    expect(flat).toHaveLength(byName.get('pydiods1')!.files);
    const tree = await listFiles(byName.get('cellsdata')!.folder);
    expect(byName.get('cellsdata')!.flat).toBe(false);
    expect(tree.filter((file) => !file.path.endsWith('.pydio'))).toHaveLength(byName.get('cellsdata')!.files);
    expect(tree.some((file) => file.path.split('/').length >= 3)).toBe(true);
    expect(tree.filter((file) => file.path.endsWith('.pydio')).length).toBeGreaterThan(1);
  });

  it('mixes many small files with a few large ones', async () => {
    const sizes = (await listFiles(join(install.workingDir, 'data'))).map((file) => file.size);
    expect(sizes.filter((size) => size < 16 * 1024).length).toBeGreaterThan(sizes.length * 0.8);
    expect(sizes.filter((size) => size >= 1024 * 1024)).toHaveLength(2);
  });

  it('moves pydio.json into the new working dir, indented by two spaces', async () => {
    const text = await readFile(join(install.workingDir, 'pydio.json'), 'utf8');
    const config = JSON.parse(text) as unknown;
    expect(text).toBe(`${JSON.stringify(config, null, 2)}\n`);
    expect(text).not.toContain('/home/user/.config/pydio/cells');
    const paths = text.match(/"\/[^"]*"/g) ?? [];
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((path) => !path.startsWith(`"${install.workingDir}/`))).toEqual([]);
    expect(text).toContain(`"LocalFolder": "${install.workingDir}/data"`);
  });

  it('points the default DSN at the sample database, usable by the sample user', async () => {
    const config = JSON.parse(await readFile(join(install.workingDir, 'pydio.json'), 'utf8')) as {
      databases: Record<string, { dsn: string }>;
      defaults: { database: { $ref: string } };
    };
    const id = config.defaults.database.$ref.replace('#/databases/', '');
    const match = /^([^:]+):(.*)@tcp\(([^:]+):(\d+)\)\/([^?]+)\?parseTime=true$/.exec(config.databases[id]!.dsn);
    expect(match?.slice(1)).toEqual([install.database.user, install.database.password, '127.0.0.1', '3306', install.database.name]);
    const connection = await mysql.createConnection({
      host: match![3]!,
      port: Number(match![4]),
      user: match![1]!,
      password: match![2]!,
      database: match![5]!,
    });
    try {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM idm_user_idx_tree WHERE leaf = 1');
      expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(6);
    } finally {
      await connection.end();
    }
  });

  it('refuses the sample user without its password', async () => {
    await expect(connectTo({ ...install.database, password: 'wrong' })).rejects.toThrow(/Access denied/);
  });

  it('indexes every file of each datasource, with the folders and the hashes Cells computes', async () => {
    for (const ds of install.layout.datasources) {
      const [counts] = await query<RowDataPacket>(
        install,
        `SELECT COUNT(*) AS total, SUM(leaf) AS leaves,
           SUM(CONVERT(hash USING utf8mb4) <> SHA1(CONCAT(mpath1, mpath2, mpath3, mpath4))) AS badHash,
           SUM(CONVERT(hash2 USING utf8mb4) <> SHA1(CONCAT(name, '__###PARENT_HASH###__',
             SUBSTRING_INDEX(CONCAT(mpath1, mpath2, mpath3, mpath4), '.', level - 1)))) AS badHash2
         FROM data_index_${ds.name}_idx_tree`,
      );
      expect({
        ds: ds.name,
        total: Number(counts!.total),
        leaves: Number(counts!.leaves),
        bad: Number(counts!.badHash) + Number(counts!.badHash2),
      }).toEqual({ ds: ds.name, total: ds.count + ds.folders.length + 1, leaves: ds.count, bad: 0 });
    }
  });

  it('keeps the names of a flat datasource in its index, keyed by the UUIDs on disk', async () => {
    const ds = install.layout.datasources.find((each) => each.name === 'personal')!;
    const rows = await query<RowDataPacket>(install, 'SELECT uuid, name, size FROM data_index_personal_idx_tree WHERE leaf = 1 ORDER BY uuid');
    const onDisk = (await readdir(join(install.workingDir, 'data', ds.folder))).sort();
    expect(rows.map((row) => String(row.uuid))).toEqual(onDisk);
    const first = sampleFile(install.layout, ds.first);
    expect(rows.find((row) => row.uuid === first.uuid)).toMatchObject({ name: first.name, size: first.size });
  });

  it('pads the database to about dbSizeMb of row data', async () => {
    expect(install.databaseBytes).toBeGreaterThanOrEqual(3 * 1024 * 1024);
    const [row] = await query<RowDataPacket>(install, 'SELECT SUM(LENGTH(data)) AS bytes FROM data_meta');
    expect(Number(row!.bytes)).toBeGreaterThan(2.5 * 1024 * 1024);
  });

  it('touchFiles rewrites exactly the files it names, with their size kept and a later mtime', async () => {
    const before = await listFiles(install.workingDir);
    const touched = await touchFiles(install, 3);
    const after = await listFiles(install.workingDir);
    expect(touched).toHaveLength(3);
    const changed = after.filter((file, i) => file.sha !== before[i]!.sha || file.mtime !== before[i]!.mtime);
    expect(changed.map((file) => file.path).sort()).toEqual([...touched].sort());
    for (const file of changed) {
      const old = before.find((each) => each.path === file.path)!;
      expect(file.size).toBe(old.size);
      expect(file.mtime).toBeGreaterThan(old.mtime);
    }
  });

  it('changeRow changes one table and nothing else', async () => {
    const before = await checksumTables(install.database.name);
    const table = await changeRow(install);
    const after = await checksumTables(install.database.name);
    const changed = Object.keys(after).filter((name) => after[name] !== before[name]);
    expect(changed).toEqual([table]);
  });
});

describe('a sample installation', () => {
  it('is the same for the same seed: same files, contents, times and rows', async () => {
    const make = (name: string): Promise<SampleInstall> =>
      createSampleInstall({ root: join(scratch, name), files: 120, seed: 7, database: uniqueName('cellar_seed') });
    const [one, two] = await Promise.all([make('one'), make('two')]);
    try {
      expect(await listFiles(join(two.workingDir, 'data'))).toEqual(await listFiles(join(one.workingDir, 'data')));
      const one1 = await checksumTables(one.database.name);
      expect(await checksumTables(two.database.name)).toEqual(one1);
    } finally {
      await Promise.all([one.dispose(), two.dispose()]);
    }
  });

  it('refuses a root folder that holds something, and creates nothing', async () => {
    const root = join(scratch, 'taken');
    await mkdir(root);
    await writeFile(join(root, 'keep.txt'), 'mine');
    const database = uniqueName('cellar_taken');
    await expect(createSampleInstall({ root, files: 10, database })).rejects.toThrow(/not empty/);
    expect(await readdir(root)).toEqual(['keep.txt']);
    expect(await databaseExists(database)).toBe(false);
  });

  it('dispose removes its folder, its database and its user', async () => {
    const install = await createSampleInstall({
      root: join(scratch, 'gone'),
      files: 20,
      database: uniqueName('cellar_gone'),
    });
    expect(await databaseExists(install.database.name)).toBe(true);
    expect(await userHosts(install.database.user)).toEqual(['127.0.0.1', 'localhost']);
    await install.dispose();
    expect(existsSync(install.root)).toBe(false);
    expect(await databaseExists(install.database.name)).toBe(false);
    expect(await userHosts(install.database.user)).toEqual([]);
  });
});
