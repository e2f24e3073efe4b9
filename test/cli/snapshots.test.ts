import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchFiles } from '../../demo/sample-install.js';
import { backedUpInstall, snapshotIds, type BackedUpInstall } from '../verify/backed-up-install.js';

let scratch: string;
let backed: BackedUpInstall;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-snapshots-'));
  backed = await backedUpInstall(join(scratch, 'install'), 200);
}, 120_000);

afterAll(async () => {
  await backed.install.dispose();
  await rm(scratch, { recursive: true, force: true });
});

interface SnapshotsJson {
  readonly format_version: string;
  readonly target: { readonly name: string; readonly path: string; readonly state: string };
  readonly snapshots: readonly {
    readonly id: string;
    readonly kind: string;
    readonly files: number;
    readonly bytes: number;
    readonly new_bytes: number;
    readonly database: { readonly name: string; readonly size: number; readonly dumped: boolean } | null;
  }[];
  readonly leftovers: readonly string[];
  readonly damaged: readonly { readonly id: string; readonly reason: string }[];
  readonly running: unknown;
}

describe('cellar snapshots', () => {
  it('says there are none while the target does not exist', async () => {
    const text = await backed.cellar(['snapshots']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`No snapshots: target local (${backed.target}) does not exist yet; \`cellar apply\` creates it.\n`);

    const json = await backed.cellar(['snapshots', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      format_version: '1',
      target: { name: 'local', path: backed.target, state: 'missing' },
      snapshots: [],
      leftovers: [],
      damaged: [],
      running: null,
    });
  });

  it('lists two snapshots, newest last, with what the second one copied', async () => {
    // Table update times are whole seconds: let the sample's last write fall before the first backup's second.
    await sleep(1100);
    const first = await backed.apply();
    const [touched] = await touchFiles(backed.install, 1);
    const touchedSize = (await stat(join(backed.install.workingDir, touched!))).size;
    const second = await backed.apply();

    const json = await backed.cellar(['snapshots', '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const document = JSON.parse(json.stdout) as SnapshotsJson;
    expect(document.format_version).toBe('1');
    expect(document.target).toEqual({ name: 'local', path: backed.target, state: 'ready' });
    expect(document.snapshots.map((snapshot) => snapshot.id)).toEqual([first, second]);
    const [older, newer] = document.snapshots;
    expect(older).toMatchObject({ kind: 'backup', new_bytes: older!.bytes, database: { name: backed.install.database.name, dumped: true } });
    expect(newer).toMatchObject({ kind: 'backup', files: older!.files, bytes: older!.bytes, new_bytes: touchedSize });
    expect(newer!.database).toEqual({ ...older!.database, dumped: false });
    expect(document.leftovers).toEqual([]);
    expect(document.damaged).toEqual([]);

    const text = await backed.cellar(['snapshots']);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(`Snapshots in target local (${backed.target}):`);
    expect(lines[2]).toMatch(/^ {2}ID +KIND +CREATED \(UTC\) +FILES +SIZE +NEW +DATABASE$/);
    expect(lines[3]).toMatch(new RegExp(`^  ${first}  backup  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +${older!.files} .* dumped \\(`));
    expect(lines[4]).toMatch(new RegExp(`^  ${second}  backup .* unchanged \\(hard link\\)$`));
    expect(text.stdout).toContain(`\n2 snapshots; the latest is ${second}.\n`);
  });

  it('shows what an interrupted apply left behind', async () => {
    const leftover = '20000101T000000Z';
    await mkdir(join(backed.target, 'snapshots', leftover));
    try {
      const json = await backed.cellar(['snapshots', '--json']);
      expect((JSON.parse(json.stdout) as SnapshotsJson).leftovers).toEqual([leftover]);
      const text = await backed.cellar(['snapshots']);
      expect(text.stdout).toContain(`Left by an interrupted apply, not snapshots (the next apply removes them): ${leftover}.\n`);
    } finally {
      await rm(join(backed.target, 'snapshots', leftover), { recursive: true });
    }
  });

  it('lists a damaged snapshot apart, and verify of the latest is not held up by an older one', async () => {
    const copy = await backed.copyTarget('damaged-copy');
    const [older, newer] = await snapshotIds(copy.target);
    await writeFile(join(copy.target, 'snapshots', older!, 'manifest.json'), '{"format_version": "1", "id": ');

    const json = await backed.cellar(['snapshots', '--json'], copy.planFile);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as SnapshotsJson;
    expect(document.snapshots.map((snapshot) => snapshot.id)).toEqual([newer]);
    expect(document.damaged.map((snapshot) => snapshot.id)).toEqual([older]);
    const text = await backed.cellar(['snapshots'], copy.planFile);
    expect(text.stdout).toContain(`\nDamaged, ignored by plan and apply: ${older!}: `);

    const verify = await backed.cellar(['verify'], copy.planFile);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`^snapshot ${newer!} verified: `));
    const named = await backed.cellar(['verify', '--snapshot', older!], copy.planFile);
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/^cellar: verification failed: .*manifest\.json cannot be read as JSON/);
  });
});
