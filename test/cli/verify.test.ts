import { mkdtemp, open, readFile, readdir, rm, stat, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backedUpInstall, type BackedUpInstall } from '../verify/backed-up-install.js';

let scratch: string;
let backed: BackedUpInstall;
let snapshot: string;
let copies = 0;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-verify-'));
  backed = await backedUpInstall(join(scratch, 'install'), 300);
  // A symlink in the working dir, recorded as a link and never followed.
  await symlink('../pydio.json', join(backed.install.workingDir, 'logs', 'config-link'));
  // A name that is not valid UTF-8 (Latin-1 "café.log").
  await writeFile(Buffer.from(join(backed.install.workingDir, 'logs', 'caf\xe9.log'), 'latin1'), 'a log line\n');
  snapshot = await backed.apply();
}, 120_000);

afterAll(async () => {
  await backed.install.dispose();
  await rm(scratch, { recursive: true, force: true });
});

/** An independent copy of the target, its snapshot folder, and `cellar verify` against it. */
async function damageable(): Promise<{ folder: string; verify: (args?: readonly string[]) => ReturnType<BackedUpInstall['cellar']> }> {
  copies += 1;
  const copy = await backed.copyTarget(`copy-${copies}`);
  return {
    folder: join(copy.target, 'snapshots', snapshot),
    verify: (args = []) => backed.cellar(['verify', ...args], copy.planFile),
  };
}

/** The first regular file of a datasource inside the snapshot, relative to the snapshot folder. */
async function someFile(folder: string, datasource: string): Promise<string> {
  const entries = await readdir(join(folder, 'workdir', 'data', datasource), { recursive: true, withFileTypes: true });
  const file = entries.find((entry) => entry.isFile() && !entry.name.startsWith('.'));
  if (!file) throw new Error(`no file in ${datasource}`);
  return join(file.parentPath, file.name).slice(folder.length + 1);
}

/** The problem lines of a failed verify: stderr's detail lines, without their indent. */
function problemLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim());
}

describe('cellar verify', () => {
  it('passes on a fresh snapshot, with and without --read-data', async () => {
    const plain = await backed.cellar(['verify']);
    expect(plain.stderr).toBe('');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(new RegExp(`^snapshot ${snapshot} verified: \\d+ files, [\\d.]+ \\w+, \\d+ dumps \\(sizes checked`));

    const read = await backed.cellar(['verify', '--read-data', '--snapshot', snapshot]);
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/verified: .*\(read and hashed\)\n$/);
  });

  it('prints one JSON document with --json', async () => {
    const result = await backed.cellar(['verify', '--json', '--read-data']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({
      format_version: '1',
      target: { name: 'local', path: backed.target },
      snapshot,
      read_data: true,
      verified: true,
      problem_count: 0,
      problems: [],
    });
    expect(document.files).toBeGreaterThan(300);
    expect(document.dumps).toBeGreaterThanOrEqual(1);
  });

  it('fails naming a file deleted from the snapshot', async () => {
    const { folder, verify } = await damageable();
    const victim = await someFile(folder, 'pydiods1');
    await unlink(join(folder, victim));

    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`cellar: snapshot ${snapshot} in target local failed verification: 1 problem\n`);
    expect(problemLines(result.stderr)).toEqual([`${victim}: missing`]);

    const json = await verify(['--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ verified: false, problem_count: 1, problems: [`${victim}: missing`] });
  });

  it('passes a changed byte without --read-data and catches it with --read-data', async () => {
    const { folder, verify } = await damageable();
    const victim = await someFile(folder, 'cellsdata');
    const path = join(folder, victim);
    const before = await stat(path);
    const handle = await open(path, 'r+');
    try {
      const byte = Buffer.alloc(1);
      await handle.read(byte, 0, 1, 0);
      await handle.write(Buffer.from([byte[0]! ^ 0xff]), 0, 1, 0);
    } finally {
      await handle.close();
    }
    expect((await stat(path)).size).toBe(before.size);

    expect((await verify()).code).toBe(0);
    const read = await verify(['--read-data']);
    expect(read.code).toBe(1);
    expect(problemLines(read.stderr)).toEqual([`${victim}: contents differ from the recorded sha256`]);
  });

  it('finds, hashes and prints a file whose name is not UTF-8', async () => {
    const { folder, verify } = await damageable();
    expect((await verify(['--read-data'])).code).toBe(0);
    await unlink(Buffer.from(join(folder, 'workdir', 'logs', 'caf\xe9.log'), 'latin1'));

    const result = await verify();
    expect(result.code).toBe(1);
    expect(problemLines(result.stderr)).toEqual(['workdir/logs/caf\\xe9.log: missing']);
  });

  it('catches a truncated database dump', async () => {
    const { folder, verify } = await damageable();
    const dump = join('database', `${backed.install.database.name}.sql.gz`);
    const size = (await stat(join(folder, dump))).size;
    await truncate(join(folder, dump), 100);

    const result = await verify();
    expect(result.code).toBe(1);
    expect(problemLines(result.stderr)).toEqual([`${dump}: is 100 bytes, expected ${size}`]);
  });

  it('catches a changed symlink target, a missing file list and a missing config file', async () => {
    const { folder, verify } = await damageable();
    await unlink(join(folder, 'workdir', 'logs', 'config-link'));
    await symlink('elsewhere', join(folder, 'workdir', 'logs', 'config-link'));
    await rm(join(folder, 'lists', 'datasource.versions.ndjson'));
    await rm(join(folder, 'workdir', 'cells-vault-key'));

    const result = await verify();
    expect(result.stderr).toContain('\n  workdir/logs/config-link: links to elsewhere, expected ../pydio.json\n');
    expect(result.stderr).toContain('\n  lists/datasource.versions.ndjson: missing (the file list of this tree)\n');
    expect(result.stderr).toContain('\n  workdir/cells-vault-key: missing\n');
    expect(result.code).toBe(1);
  });

  it('reports a missing folder once, with the number of entries below it', async () => {
    const { folder, verify } = await damageable();
    const entries = await readdir(join(folder, 'workdir', 'data', 'cellsdata'), { recursive: true });
    await rm(join(folder, 'workdir', 'data', 'cellsdata'), { recursive: true });

    const result = await verify();
    expect(result.code).toBe(1);
    expect(problemLines(result.stderr)).toEqual([`workdir/data/cellsdata: missing, with the ${entries.length} entries listed below it`]);
  });

  it('lists the first 50 problems and counts the rest', async () => {
    const { folder, verify } = await damageable();
    const datasource = join(folder, 'workdir', 'data', 'pydiods1');
    const files = (await readdir(datasource, { withFileTypes: true })).filter((entry) => entry.isFile()).slice(0, 60);
    expect(files).toHaveLength(60);
    for (const file of files) await unlink(join(datasource, file.name));

    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('failed verification: 60 problems\n');
    const lines = problemLines(result.stderr);
    expect(lines).toHaveLength(51);
    expect(lines[0]).toMatch(/^workdir\/data\/pydiods1\/.+: missing$/);
    expect(lines[50]).toBe('... and 10 more');
  });

  it('refuses a manifest that is not JSON, or of another format, with one line', async () => {
    const broken = await damageable();
    await writeFile(join(broken.folder, 'manifest.json'), '{"format_version": "1", "id": ');
    const notJson = await broken.verify();
    expect(notJson.code).toBe(1);
    expect(notJson.stdout).toBe('');
    expect(notJson.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(notJson.stderr).toMatch(/^cellar: verification failed: .*manifest\.json cannot be read as JSON/);

    const future = await damageable();
    const manifest = JSON.parse(await readFile(join(future.folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(future.folder, 'manifest.json'), JSON.stringify({ ...manifest, format_version: '9' }));
    const other = await future.verify(['--snapshot', snapshot, '--json']);
    expect(other.code).toBe(1);
    expect(other.stdout).toBe('');
    expect(other.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(other.stderr).toContain('format_version "9"');
  });

  it('names the snapshots there are when --snapshot names none of them', async () => {
    const result = await backed.cellar(['verify', '--snapshot', '20000101T000000Z']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `cellar: there is no snapshot 20000101T000000Z in target local (${backed.target}); it holds ${snapshot} (see cellar snapshots)\n`,
    );
  });
});
