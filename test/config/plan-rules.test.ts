import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/observe/load-plan.js';
import { isCellarError } from '../../src/core/errors.js';

// Each test gets a real folder: <root>/cells (a Cells working dir) and whatever else it builds.
let root: string;
let workingDir: string;

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'cellar-rules-')));
  workingDir = join(root, 'cells');
  await mkdir(join(workingDir, 'data', 'pydiods1'), { recursive: true });
  await writeFile(join(workingDir, 'pydio.json'), JSON.stringify(pydioJson()));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A v4 pydio.json: pydiods1 in the working dir, archive outside it, s3media on S3. */
function pydioJson(): unknown {
  return {
    version: '4.4.0',
    defaults: { database: { $ref: '#/databases/main' } },
    databases: { main: { driver: 'mysql', dsn: 'pydio:P4ss@tcp(localhost:3306)/cells?parseTime=true' } },
    services: {
      'pydio.grpc.data.sync': { sources: ['pydiods1', 'archive', 's3media'] },
      'pydio.grpc.data.sync.pydiods1': {
        StorageType: 'LOCAL',
        FlatStorage: true,
        ObjectsServiceName: 'local1',
        ObjectsBucket: 'pydiods1',
        StorageConfiguration: { folder: join(workingDir, 'data', 'pydiods1') },
      },
      'pydio.grpc.data.sync.archive': { StorageType: 'LOCAL', ObjectsServiceName: 'local2', StorageConfiguration: { folder: join(root, 'archive') } },
      'pydio.grpc.data.sync.s3media': { StorageType: 'S3', ObjectsBucket: 'media' },
      'pydio.grpc.data.objects.local1': { LocalFolder: join(workingDir, 'data') },
      'pydio.grpc.data.objects.local2': { LocalFolder: join(root, 'archive') },
    },
  };
}

const DATASOURCES = `datasources:
  pydiods1: { backup: files }
  archive: { backup: files }
  s3media: { backup: provider }
`;

/** A plan whose line 10 holds the target path (col 11). */
function plan(targetPath: string, extra = ''): string {
  return `version: 1
cells:
  workingDir: ${workingDir}
${DATASOURCES}targets:
  local:
    path: ${targetPath}
${extra}`;
}

/** The problems cellar reports for the plan text, without the file name. */
async function problems(text: string): Promise<string[]> {
  const file = join(root, 'backup-plan.yaml');
  await writeFile(file, text);
  try {
    await loadPlan(file, { HOME: '/nonexistent' }, root);
    return [];
  } catch (error) {
    if (!isCellarError(error) || error.code !== 'PLAN_INVALID') throw error;
    return error.details.map((line) => line.replace(/^backup-plan\.yaml:/, ''));
  }
}

const keepElsewhere = (): string => `keep snapshots in a folder of their own, e.g. ${root}/cellar-backups`;

describe('targets and live data', () => {
  it('accepts a new folder beside the working dir, and reports nothing else', async () => {
    expect(await problems(plan(join(root, 'cellar-backups')))).toEqual([]);
  });

  it('refuses the working dir itself', async () => {
    expect(await problems(plan(workingDir))).toEqual([`10:11: targets.local.path (${workingDir}) is the Cells working dir itself; ${keepElsewhere()}`]);
  });

  it('refuses a folder inside the working dir, even one that does not exist yet', async () => {
    const target = join(workingDir, 'backups', 'daily');
    expect(await problems(plan(target))).toEqual([
      `10:11: targets.local.path (${target}) is inside the Cells working dir (${workingDir}): each backup would copy the ones before it, and a restore would delete them; ${keepElsewhere()}`,
    ]);
  });

  it('refuses a folder that contains the working dir', async () => {
    expect(await problems(plan(root))).toEqual([
      `10:11: targets.local.path (${root}) contains the Cells working dir (${workingDir}): a backup or a prune could write over live data; ${keepElsewhere()}`,
    ]);
  });

  it('follows symlinks before comparing', async () => {
    await symlink(workingDir, join(root, 'link'));
    const target = join(root, 'link', 'backups');
    expect(await problems(plan(target))).toEqual([
      `10:11: targets.local.path (${target} → ${workingDir}/backups) is inside the Cells working dir (${workingDir}): each backup would copy the ones before it, and a restore would delete them; ${keepElsewhere()}`,
    ]);
  });

  it('resolves ".." after a symlink the way the file system does, not lexically', async () => {
    // <root>/deep → <wd>/data/pydiods1, so <root>/deep/../../snapshots is <wd>/snapshots, not <root>/../snapshots.
    await symlink(join(workingDir, 'data', 'pydiods1'), join(root, 'deep'));
    const target = `${root}/deep/../../snapshots`;
    expect(await problems(plan(target))).toEqual([
      `10:11: targets.local.path (${target} → ${workingDir}/snapshots) is inside the Cells working dir (${workingDir}): each backup would copy the ones before it, and a restore would delete them; ${keepElsewhere()}`,
    ]);
  });

  it('refuses a folder inside a datasource folder that pydio.json places outside the working dir', async () => {
    const target = join(root, 'archive', 'backups');
    expect(await problems(plan(target))).toEqual([
      `10:11: targets.local.path (${target}) is inside the folder of datasource "archive" (${root}/archive): each backup would copy the ones before it, and a restore would delete them; ${keepElsewhere()}`,
    ]);
  });

  it('refuses a folder that contains a datasource folder declared with path:', async () => {
    const text = plan(join(root, 'mnt')).replace('archive: { backup: files }', `archive: { backup: files, path: ${root}/mnt/archive }`);
    expect(await problems(text)).toEqual([
      `10:11: targets.local.path (${root}/mnt) contains the folder of datasource "archive" (${root}/mnt/archive): a backup or a prune could write over live data; ${keepElsewhere()}`,
    ]);
  });
});

describe('what a target folder holds', () => {
  it('refuses a non-empty folder without cellar-target.json', async () => {
    const target = join(root, 'photos');
    await mkdir(target);
    await writeFile(join(target, 'holiday.jpg'), 'jpeg');
    expect(await problems(plan(target))).toEqual([
      `10:11: targets.local.path (${target}) already holds files but no cellar-target.json: cellar only writes into a new or empty folder, or one it initialised; choose another folder`,
    ]);
  });

  it('accepts an empty folder and one that cellar initialised', async () => {
    const target = join(root, 'backups');
    await mkdir(target);
    expect(await problems(plan(target))).toEqual([]);
    await writeFile(join(target, 'cellar-target.json'), '{}');
    await mkdir(join(target, 'snapshots'));
    expect(await problems(plan(target))).toEqual([]);
  });

  it('refuses a file', async () => {
    const target = join(root, 'backups.tar');
    await writeFile(target, '');
    expect(await problems(plan(target))).toEqual([`10:11: targets.local.path (${target}) is not a folder; choose a folder for the snapshots`]);
  });
});

describe('restores and their source target', () => {
  it('refuses a restore working dir inside the target it restores from', async () => {
    const target = join(root, 'backups');
    const text = plan(target, `restore:\n  from: local\n  workingDir: ${target}/restored\n`);
    expect(await problems(text)).toEqual([
      `13:15: restore.workingDir (${target}/restored) is inside target "local" (${target}) that it restores from; a restore would overwrite the snapshots it reads: restore into another folder`,
    ]);
  });

  it('refuses a moved datasource folder that contains the target', async () => {
    const target = join(root, 'new', 'backups');
    const text = plan(target, `restore:\n  from: local\n  overrides:\n    paths:\n      ${root}/archive: ${root}/new\n`);
    expect(await problems(text)).toEqual([
      `15:${7 + `${root}/archive: `.length}: restore.overrides.paths["${root}/archive"] (${root}/new) contains target "local" (${target}) that it restores from; a restore would overwrite the snapshots it reads: restore into another folder`,
    ]);
  });

  it('reports a restore in place only once, as the target against the working dir', async () => {
    expect(await problems(plan(workingDir, 'restore:\n  from: local\n'))).toHaveLength(1);
  });
});

describe('the working dir and its datasources', () => {
  const elsewhere = (): string => join(root, 'cellar-backups');

  it('says a folder without pydio.json is not a Cells working dir', async () => {
    await rm(join(workingDir, 'pydio.json'));
    expect(await problems(plan(elsewhere()))).toEqual([
      `3:15: cells.workingDir (${workingDir}) holds no pydio.json, so it is not a Cells working dir; point it at the folder that holds pydio.json`,
    ]);
  });

  it('refuses a working dir that is a file', async () => {
    const file = join(root, 'cells.txt');
    await writeFile(file, '');
    const text = plan(elsewhere()).replace(`workingDir: ${workingDir}`, `workingDir: ${file}`);
    expect(await problems(text)).toEqual([`3:15: cells.workingDir (${file}) is not a folder; point it at the folder that holds pydio.json`]);
  });

  it('reports a pydio.json that cannot be read', async () => {
    await writeFile(join(workingDir, 'pydio.json'), '{"services": ');
    const [problem] = await problems(plan(elsewhere()));
    expect(problem).toMatch(new RegExp(`^3:15: cells\\.workingDir \\(${workingDir}\\): .*pydio\\.json`));
  });

  it('requires every datasource of pydio.json to be declared', async () => {
    const text = plan(elsewhere()).replace('  s3media: { backup: provider }\n', '');
    expect(await problems(text)).toEqual([
      '4:1: datasource "s3media" (S3, structured) is in pydio.json but not in the plan, so it would not be backed up; declare it under datasources with backup: provider (or provider, or skip with a reason)',
    ]);
  });

  it('refuses a declared datasource that pydio.json does not list, with a suggestion', async () => {
    const text = plan(elsewhere()).replace(
      '  s3media: { backup: provider }\n',
      '  s3media: { backup: provider }\n  archiv: { backup: files }\n  music: { backup: files }\n',
    );
    expect(await problems(text)).toEqual([
      '8:3: datasources.archiv is not a datasource of this Cells installation; did you mean "archive"?',
      '9:3: datasources.music is not a datasource of this Cells installation (pydio.json lists pydiods1, archive, s3media)',
    ]);
  });

  it('suggests provider for a cloud datasource backed up as files, and files for a local one left to a provider', async () => {
    const text = plan(elsewhere())
      .replace('s3media: { backup: provider }', 's3media: { backup: files }')
      .replace('archive: { backup: files }', 'archive: { backup: provider }');
    expect(await problems(text)).toEqual([
      `6:22: datasources.archive is stored in a local folder (${root}/archive), which no provider protects; use backup: files`,
      "7:22: datasources.s3media is stored in S3: there is no folder for cellar to copy; use backup: provider (the provider's versioning keeps the objects) or skip",
    ]);
  });

  it('skips the pydio.json checks when the working dir does not exist here, and says so', async () => {
    const missing = join(root, 'elsewhere', 'cells');
    const file = join(root, 'backup-plan.yaml');
    await writeFile(file, plan(elsewhere()).replace(`workingDir: ${workingDir}`, `workingDir: ${missing}`).replace('  s3media: { backup: provider }\n', ''));
    const { warnings } = await loadPlan(file, {}, root);
    expect(warnings).toEqual([`the working dir ${missing} does not exist here, so the datasources were not checked against its pydio.json`]);
  });
});

describe('exclude patterns', () => {
  it('accepts patterns that leave what a restore needs, and forced ones', async () => {
    const text = plan(join(root, 'cellar-backups')).replace(
      `workingDir: ${workingDir}\n`,
      `workingDir: ${workingDir}\n  exclude: [logs/, "*.tmp", { pattern: "*.db", force: true }]\n`,
    );
    expect(await problems(text)).toEqual([]);
  });

  it('refuses one that would drop the datasources', async () => {
    const text = plan(join(root, 'cellar-backups')).replace(`workingDir: ${workingDir}\n`, `workingDir: ${workingDir}\n  exclude: [/data/]\n`);
    expect(await problems(text)).toEqual([
      '4:13: cells.exclude[0] "/data/" would exclude data/, which a restore needs; if that is intended, write { pattern: "/data/", force: true }',
    ]);
  });
});
