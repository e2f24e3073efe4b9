import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/adapters/mysql/connect.js';
import { dumpDatabase, loadDump } from '../../src/adapters/mysql/dump.js';
import type { Login } from '../../src/adapters/mysql/login.js';
import { readServerInfo, type ServerInfo } from '../../src/adapters/mysql/probe.js';
import { checksumTables, dropDatabase, localServer, uniqueName, withAdmin } from '../helpers/mariadb.js';

const login: Login = { ...localServer, socket: undefined, user: 'root', password: undefined };

describe('progress of a dump and a load, on the real server', () => {
  const source = uniqueName('cellar_progress_src');
  const copy = uniqueName('cellar_progress_copy');
  let folder: string;
  let server: ServerInfo;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cellar-dump-progress-'));
    await withAdmin(async (admin) => {
      await admin.query(`CREATE DATABASE ${source}`);
      await admin.query(`CREATE DATABASE ${copy}`);
      await admin.query(`CREATE TABLE ${source}.blobs (id INT PRIMARY KEY, body LONGBLOB)`);
      for (let id = 0; id < 8; id += 1) await admin.query(`INSERT INTO ${source}.blobs VALUES (?, RANDOM_BYTES(1024))`, [id]);
      await admin.query(`INSERT INTO ${source}.blobs SELECT id + 8, REPEAT(body, 512) FROM ${source}.blobs`);
    });
    const connection = await connect(login);
    server = await readServerInfo(connection);
    await connection.end();
  }, 60_000);

  afterAll(async () => {
    await dropDatabase(source);
    await dropDatabase(copy);
    await rm(folder, { recursive: true, force: true });
  });

  it('reports bytes dumped as they grow, then bytes of the dump read against its size', async () => {
    const output = join(folder, 'dump.sql.gz');
    const dumped: number[] = [];
    await dumpDatabase({ login, server, database: source, output, onProgress: (bytes) => dumped.push(bytes) });
    expect(dumped.length).toBeGreaterThan(1);
    expect(dumped).toEqual([...dumped].sort((a, b) => a - b));
    const size = (await stat(output)).size;

    const loaded: [number, number][] = [];
    await loadDump({ login, server, database: copy, dump: output, onProgress: (read, total) => loaded.push([read, total]) });
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every(([, total]) => total === size)).toBe(true);
    expect(loaded.at(-1)).toEqual([size, size]);
    expect(await checksumTables(copy)).toEqual(await checksumTables(source));
  }, 60_000);
});
