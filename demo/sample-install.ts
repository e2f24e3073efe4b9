import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DatabaseAccess } from './mariadb.js';
import { connectTo, localServer } from './mariadb.js';
import { stableHex } from './random.js';
import { fixturesDir } from './repo-paths.js';
import { datasourcesOf, readFixtureConfig, rewriteConfig } from './sample-config.js';
import { createDatabaseAndUser, dropSampleDatabase, fillSampleDatabase } from './sample-database.js';
import { contentPool, createTreeWriter, fileContent, rewriteFile } from './sample-files.js';
import type { SampleLayout } from './sample-layout.js';
import { layoutSample, sampleFile } from './sample-layout.js';
import { writeWorkingDir } from './sample-tree.js';

export interface SampleInstallOptions {
  /** Folder to create; it must not exist or be empty. The working dir is `<root>/cells`. */
  readonly root: string;
  /** Files across the datasources (default 3,000); the working dir adds a few dozen of its own. */
  readonly files?: number;
  /** Files of 1–6 MiB among them (default one in 500). */
  readonly largeFiles?: number;
  /** Pads the database with metadata rows up to about this many MiB of row data (default: no padding). */
  readonly dbSizeMb?: number;
  /** The same seed gives the same files, contents, times and rows (default 1). */
  readonly seed?: number;
  /** Database name (default: a fresh `cellar_sample_<random>`); letters, digits and `_`. */
  readonly database?: string;
  /** Database user (default: the database name). */
  readonly user?: string;
  readonly password?: string;
  /** Datasources stored as a real folder tree rather than flat (default `cellsdata`). */
  readonly structured?: readonly string[];
  /** Holds `pydio/v4.0.0-dev.json` and `cells-schema.sql` (default `$CELLAR_FIXTURES`, else the repository's `test/fixtures`). */
  readonly fixtures?: string;
}

/** A datasource of the sample: where its files are and how many it has. */
export interface SampleDatasource {
  readonly name: string;
  readonly folder: string;
  readonly flat: boolean;
  readonly files: number;
}

export interface SampleInstall {
  readonly root: string;
  readonly workingDir: string;
  readonly database: DatabaseAccess;
  /** Files written below the working dir, datasource files included. */
  readonly files: number;
  readonly bytes: number;
  /** Bytes of row data loaded into the database, about the size of a plain dump. */
  readonly databaseBytes: number;
  readonly datasources: readonly SampleDatasource[];
  /** Recomputes any file of the sample; used to change files deterministically. */
  readonly layout: SampleLayout;
  /** Drops the database and its user and removes the root folder. */
  dispose(): Promise<void>;
}

/** Builds a Cells v4 installation: working dir from the fixture, datasource files, and a loaded database. */
export async function createSampleInstall(options: SampleInstallOptions): Promise<SampleInstall> {
  const root = resolve(options.root);
  await assertEmptyOrMissing(root);
  const workingDir = join(root, 'cells');
  const seed = options.seed ?? 1;
  const files = options.files ?? 3000;
  const database = sampleDatabase(options, seed);
  const fixtures = options.fixtures ?? fixturesDir();
  const config = rewriteConfig(await readFixtureConfig(fixtures), workingDir, database, options.structured ?? ['cellsdata']);
  const layout = layoutSample(seed, files, options.largeFiles ?? Math.ceil(files / 500), datasourcesOf(config));
  const dispose = (): Promise<void> => removeSampleInstall(root, database.name, database.user);
  await createDatabaseAndUser(database);
  const writer = createTreeWriter(workingDir);
  // Files are written while the server loads rows: the two use different cores.
  const [written, loaded] = await Promise.allSettled([
    writeWorkingDir(writer, { workingDir, config, layout, pool: contentPool(seed) }),
    fillSampleDatabase(database, layout, join(fixtures, 'cells-schema.sql'), options.dbSizeMb),
  ]);
  if (written.status === 'rejected' || loaded.status === 'rejected') {
    await dispose();
    throw written.status === 'rejected' ? written.reason : (loaded as PromiseRejectedResult).reason;
  }
  return {
    root,
    workingDir,
    database,
    files: writer.files,
    bytes: writer.bytes,
    databaseBytes: loaded.value,
    datasources: layout.datasources.map((ds) => ({
      name: ds.name,
      folder: join(workingDir, 'data', ds.folder),
      flat: ds.flat,
      files: ds.count,
    })),
    layout,
    dispose,
  };
}

/** Removes a sample installation, whole or partial: its database, its user and its root folder. */
export async function removeSampleInstall(root: string, database: string, user: string): Promise<void> {
  await dropSampleDatabase(database, user);
  await rm(root, { recursive: true, force: true });
}

/**
 * Rewrites `count` datasource files, spread evenly over the sample, with new content of the same
 * size and an mtime one hour later. Returns their paths relative to the working dir. Only files
 * change: the index rows stay as they were (use `changeRow` for the database).
 */
export async function touchFiles(install: SampleInstall, count: number): Promise<string[]> {
  const { layout } = install;
  if (count > layout.files) throw new RangeError(`the sample has ${layout.files} files, cannot touch ${count}`);
  const pool = contentPool(layout.seed);
  const paths: string[] = [];
  for (let k = 0; k < count; k++) {
    const file = sampleFile(layout, Math.floor(((k + 0.5) * layout.files) / count));
    const path = join('data', file.datasource.folder, file.diskPath);
    const before = await stat(join(install.workingDir, path));
    const mtime = Math.floor(before.mtimeMs / 1000) + 3600;
    rewriteFile(join(install.workingDir, path), fileContent(pool, file, mtime), mtime);
    paths.push(path);
  }
  return paths;
}

/** Changes one row (the root group role's `last_updated`) as Cells would while it runs. Returns the table. */
export async function changeRow(install: SampleInstall): Promise<string> {
  const connection = await connectTo(install.database);
  try {
    await connection.query("UPDATE idm_roles SET last_updated = last_updated + 1 WHERE uuid = 'ROOT_GROUP'");
    return 'idm_roles';
  } finally {
    await connection.end();
  }
}

function sampleDatabase(options: SampleInstallOptions, seed: number): DatabaseAccess {
  const name = options.database ?? `cellar_sample_${cryptoRandomBytes(4).toString('hex')}`;
  return {
    ...localServer,
    name,
    user: options.user ?? name,
    password: options.password ?? `Cells-${stableHex(16, seed, 'db-password')}`,
  };
}

async function assertEmptyOrMissing(root: string): Promise<void> {
  const entries = await readdir(root).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) throw new Error(`${root} is not empty; a sample installation needs a new folder`);
}
