import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleDatasource } from '../../demo/sample-install.js';
import { backedUpInstall, type BackedUpInstall } from '../verify/backed-up-install.js';

let scratch: string;
let backed: BackedUpInstall;
let datasource: SampleDatasource;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-spot-'));
  backed = await backedUpInstall(join(scratch, 'install'), 300);
  await sleep(1100);
  await backed.apply();
  datasource = [...backed.install.datasources].filter((candidate) => !candidate.flat).sort((a, b) => b.files - a.files)[0]!;
}, 120_000);

afterAll(async () => {
  await backed.install.dispose();
  await rm(scratch, { recursive: true, force: true });
});

interface SpotJson {
  readonly passed: boolean;
  readonly trees: readonly { readonly tree: string; readonly liveFiles: number; readonly snapshotFiles: number; readonly withinTolerance: boolean }[];
  readonly sample: {
    readonly candidates: number;
    readonly compared: number;
    readonly differing: readonly { readonly address: string; readonly path: string }[];
  };
}

/** Every regular file below `folder`, largest first. */
async function filesBelow(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  return files
    .map((file, index) => ({ file, size: sizes[index]! }))
    .sort((a, b) => b.size - a.size)
    .map(({ file }) => file);
}

describe('cellar verify --against-live', () => {
  it('passes right after a backup, hashing about the sample asked for', async () => {
    const text = await backed.cellar(['verify', '--against-live']);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Spot check of the live installation against snapshot \d{8}T\d{6}Z \(target local\):\n/);
    expect(text.stdout).toMatch(/Spot check passed\.\n$/);

    const json = await backed.cellar(['verify', '--against-live', '--sample', '10', '--json']);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as SpotJson;
    expect(document.passed).toBe(true);
    expect(document.trees.every((tree) => tree.liveFiles === tree.snapshotFiles)).toBe(true);
    // It reads the sample, not the installation: about 10% of the files, never all of them.
    expect(document.sample.candidates).toBeGreaterThan(250);
    expect(document.sample.compared).toBeGreaterThan(0);
    expect(document.sample.compared).toBeLessThan(document.sample.candidates / 2);
  });

  it('finds a file whose bytes changed under the same size and time, as ransomware that keeps timestamps would', async () => {
    const [victim] = await filesBelow(datasource.folder);
    const before = await stat(victim!);
    const original = await readFile(victim!);
    const scrambled = Buffer.from(original.map((byte) => byte ^ 0x5a));
    await writeFile(victim!, scrambled);
    await utimes(victim!, before.atime, before.mtime);
    try {
      // A plan sees nothing: size and time are what the snapshot recorded.
      const plan = await backed.cellar(['plan', '--detailed-exitcode']);
      expect(plan.code).toBe(0);

      const result = await backed.cellar(['verify', '--against-live', '--sample', '100']);
      expect(result.code).toBe(1);
      const path = relative(datasource.folder, victim!);
      expect(result.stdout).toContain(`    datasource.${datasource.name}:${path}: contents differ from the snapshot, size and time unchanged\n`);
      expect(result.stdout).toMatch(/Spot check failed\.\n$/);
      expect(result.stderr).toMatch(
        /^cellar: the live installation failed the spot check against snapshot \d{8}T\d{6}Z: 1 sampled files differ from the snapshot with size and time unchanged; see what changed with cellar plan, and restore what is damaged\n$/,
      );

      // A plan's tolerance lets it pass.
      const tolerant = join(scratch, 'tolerant.yaml');
      await writeFile(tolerant, `${await readFile(backed.planFile, 'utf8')}\nverify:\n  spot: { data_tolerance: 5 }\n`);
      expect((await backed.cellar(['verify', '--against-live', '--sample', '100'], tolerant)).code).toBe(0);
    } finally {
      await writeFile(victim!, original);
      await utimes(victim!, before.atime, before.mtime);
    }
  });

  it('fails when a tree lost more files than count_tolerance allows', async () => {
    const files = await filesBelow(datasource.folder);
    const gone = files.slice(0, Math.ceil(files.length / 4));
    await Promise.all(gone.map((file) => rm(file)));
    const result = await backed.cellar(['verify', '--against-live', '--json']);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout) as SpotJson;
    const tree = document.trees.find((candidate) => candidate.tree === `datasource.${datasource.name}`);
    expect(tree).toMatchObject({ liveFiles: (tree?.snapshotFiles ?? 0) - gone.length, withinTolerance: false });
    expect(result.stderr).toContain(`the file count of datasource.${datasource.name} moved more than 10%`);

    const lenient = join(scratch, 'lenient.yaml');
    await writeFile(lenient, `${await readFile(backed.planFile, 'utf8')}\nverify:\n  spot: { count_tolerance: 50, sample: 2 }\n`);
    expect((await backed.cellar(['verify', '--against-live'], lenient)).code).toBe(0);
  });

  it('refuses a sample that is not a percentage, in one line', async () => {
    const result = await backed.cellar(['verify', '--against-live', '--sample', '150']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('cellar: --sample is a percentage: give a number from 0 to 100\n');
  });
});
