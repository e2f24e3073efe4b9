/**
 * Damaged files that cellar itself wrote: manifests, file lists, saved plans and target markers.
 * Each is refused, never trusted: nothing is restored, pruned or copied on its word, and the
 * next backup still completes.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchFiles } from '../../demo/sample-install.js';
import type { CliResult } from '../helpers/cli.js';
import { createSite, stackLine, treeDigest, type Lane, type Site } from './support.js';

type Json = Record<string, unknown>;

/** What a damaged file becomes: other bytes, or a folder in its place. */
const folderInstead = Symbol('a folder in its place');
type Damage = (text: string) => string | Buffer | typeof folderInstead;

/** Exit 1 with one `cellar:` line and no stack trace. */
function refused(result: CliResult): string {
  expect(result.code, result.stdout + result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(stackLine);
  expect(result.stderr).not.toContain('unexpected error');
  const lines = result.stderr
    .trimEnd()
    .split('\n')
    .filter((line) => line.startsWith('cellar: '));
  expect(lines, result.stderr).toHaveLength(1);
  return lines[0]!;
}

describe('corrupt artifacts: refused, not trusted', () => {
  let site: Site;
  let lane: Lane;
  let ids: string[];
  let decoy: string;

  beforeAll(async () => {
    site = await createSite('corrupt');
    lane = site.lane('main', { extra: 'restore:\n  from: local' });
    for (const round of [1, 2]) {
      if (round === 2) await touchFiles(site.install, 1);
      const apply = await lane.cellar(['apply', '--yes']);
      expect(apply.code, apply.stderr).toBe(0);
    }
    ids = lane.snapshotIds();
    decoy = join(site.root, 'decoy');
    mkdirSync(decoy);
    writeFileSync(join(decoy, 'keep.txt'), 'must survive');
  }, 120_000);

  afterAll(async () => {
    await site.dispose();
  });

  const snapshotFile = (id: string, name: string): string => join(lane.target, 'snapshots', id, name);
  const untouched = (): void => {
    expect(lane.snapshotIds()).toEqual(ids);
    expect(readdirSync(lane.target).sort()).toEqual(['cellar-target.json', 'snapshots']);
    expect(treeDigest(decoy).size).toBe(1);
  };

  /** Replaces a file for the time of `check`, then puts it back. */
  const withReplaced = async (path: string, damage: Damage, check: () => Promise<void>): Promise<void> => {
    const original = readFileSync(path);
    const damaged = damage(original.toString('utf8'));
    rmSync(path);
    if (damaged === folderInstead) mkdirSync(path);
    else writeFileSync(path, damaged);
    try {
      await check();
    } finally {
      rmSync(path, { recursive: true, force: true });
      writeFileSync(path, original);
    }
  };

  const edit =
    (change: (json: Json) => void) =>
    (text: string): string => {
      const json = JSON.parse(text) as Json;
      change(json);
      return `${JSON.stringify(json, null, 2)}\n`;
    };
  const trees = (json: Json): Json[] => json.trees as Json[];

  const manifestDamage: [string, Damage][] = [
    ['cut short', (text) => text.slice(0, text.length / 2)],
    ['binary garbage', () => Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x00])],
    ['a folder in its place', () => folderInstead],
    [
      'another format_version',
      edit((json) => {
        json.format_version = '9';
      }),
    ],
    [
      'the id of another snapshot',
      edit((json) => {
        json.id = '20000101T000000Z';
      }),
    ],
    [
      'a tree path leading out of the snapshot',
      edit((json) => {
        trees(json)[0]!.snapshotPath = '../../../../..';
      }),
    ],
    [
      'a dump path leading out of the snapshot',
      edit((json) => {
        (json.database as Json).dump = '../../../cellar-target.json';
      }),
    ],
    [
      'a tree source pointing elsewhere (a restore would write there)',
      edit((json) => {
        for (const tree of trees(json)) tree.source = decoy;
        (json.cells as Json).workingDir = decoy;
      }),
    ],
    [
      'a file count changed',
      edit((json) => {
        trees(json)[0]!.files = Number(trees(json)[0]!.files) + 1;
      }),
    ],
  ];

  it.each(manifestDamage)('a manifest with %s', async (_name, damage) => {
    const [older, newer] = ids as [string, string];
    await withReplaced(snapshotFile(newer, 'manifest.json'), damage, async () => {
      const listing = JSON.parse((await lane.inProcess(['snapshots', '--json'])).stdout) as { snapshots: { id: string }[]; damaged: { id: string }[] };
      expect(listing.snapshots.map((snapshot) => snapshot.id)).toEqual([older]);
      expect(listing.damaged.map((snapshot) => snapshot.id)).toEqual([newer]);

      const plan = await lane.inProcess(['plan', '--json']);
      expect(plan.code, plan.stderr).toBe(0);
      const document = JSON.parse(plan.stdout) as { snapshot: string; warnings: string[] };
      expect(document.snapshot, 'the damaged snapshot is not the baseline').toBe(older);
      expect(document.warnings.join('\n')).toContain(`snapshot ${newer} is damaged and ignored`);

      expect(refused(await lane.inProcess(['verify', '--snapshot', newer]))).toMatch(/^cellar: verification failed: /);
      for (const snapshot of [newer, 'latest']) {
        const restore = await lane.inProcess(['plan', '--restore', '--snapshot', snapshot]);
        expect(refused(restore)).toMatch(/damaged/);
      }
      untouched();
    });
    expect((await lane.inProcess(['verify', '--read-data'])).code).toBe(0);
  });

  it('the next backup completes beside a damaged manifest, and leaves it alone', async () => {
    const [older, newer] = ids as [string, string];
    await withReplaced(snapshotFile(newer, 'manifest.json'), manifestDamage[7]![1], async () => {
      await touchFiles(site.install, 1);
      const apply = await lane.cellar(['apply', '--yes']);
      expect(apply.code, apply.stderr).toBe(0);
      const made = lane.snapshotIds().filter((id) => !ids.includes(id));
      expect(made).toHaveLength(1);
      const verify = await lane.inProcess(['verify', '--read-data', '--snapshot', made[0]!]);
      expect(verify.code, verify.stderr).toBe(0);
      expect(lane.snapshotIds()).toEqual([older, newer, made[0]!]);
      expect(treeDigest(decoy).size).toBe(1);
    });
    ids = lane.snapshotIds();
  });

  const listDamage: [string, (text: string) => string][] = [
    ['a line that is not JSON', (text) => text.replace(/\n[^\n]*\n/, '\n{"p": "broken\n')],
    ['a recorded hash changed', (text) => text.replace(/"h":"[0-9a-f]/, '"h":"X')],
    ['an entry dropped', (text) => text.replace(/\n[^\n]*"t":"f"[^\n]*\n/, '\n')],
  ];

  it.each(listDamage)('the latest snapshot’s file list with %s: refused, and the next backup does not build on it', async (_name, damage) => {
    const latest = ids.at(-1)!;
    const manifest = JSON.parse(readFileSync(snapshotFile(latest, 'manifest.json'), 'utf8')) as Json;
    const list = trees(manifest).find((tree) => tree.id === 'workdir')!.list as string;
    await withReplaced(snapshotFile(latest, list), damage, async () => {
      expect(refused(await lane.inProcess(['verify', '--snapshot', latest]))).toMatch(/failed verification|verification failed/);
      expect(refused(await lane.cellar(['apply', '--restore', '--snapshot', latest, '--yes']))).toMatch(/damaged/);
      untouched();
      const plan = await lane.inProcess(['plan', '--json']);
      expect(plan.code, plan.stderr).toBe(0);
      const document = JSON.parse(plan.stdout) as { snapshot: string; warnings: string[] };
      expect(document.snapshot).not.toBe(latest);
      expect(document.warnings.join('\n')).toContain(`snapshot ${latest} is damaged`);
    });
  });

  describe('saved plans', () => {
    let saved: string;
    let pristine: string;

    beforeAll(async () => {
      await touchFiles(site.install, 1);
      saved = join(lane.root, 'saved.json');
      const plan = await lane.inProcess(['plan', '--out', saved]);
      expect(plan.code, plan.stderr).toBe(0);
      pristine = readFileSync(saved, 'utf8');
      ids = lane.snapshotIds();
    });

    const actions = (json: Json): Json[] => (json.plan as Json).actions as Json[];
    const savedDamage: [string, (text: string) => string, RegExp][] = [
      ['cut short', (text) => text.slice(0, 200), /is not valid JSON; it is damaged/],
      [
        'another kind of file',
        edit((json) => {
          json.kind = 'something-else';
        }),
        /is not a saved cellar plan/,
      ],
      [
        'another format_version',
        edit((json) => {
          json.format_version = '2';
        }),
        /format_version 2/,
      ],
      [
        'its actions missing',
        edit((json) => {
          delete (json.plan as Json).actions;
        }),
        /damaged/,
      ],
      [
        'a prune of a good snapshot slipped in',
        edit((json) => {
          actions(json).push({ action: 'prune-snapshot', address: `snapshot.${ids[0] ?? ''}`, snapshot: ids[0], reason: 'x' });
        }),
        /damaged/,
      ],
      [
        'a copy source pointing elsewhere',
        edit((json) => {
          for (const action of actions(json)) if (Array.isArray(action.trees)) for (const tree of action.trees as Json[]) tree.source = decoy;
        }),
        /damaged/,
      ],
      [
        'another target path',
        edit((json) => {
          ((json.plan as Json).target as Json).path = decoy;
        }),
        /damaged/,
      ],
      [
        'an unknown action',
        edit((json) => {
          actions(json).push({ action: 'format-disk', address: 'workdir', reason: 'x' });
        }),
        /damaged/,
      ],
      [
        'the observed state changed',
        edit((json) => {
          (json.plan as Json).state = '0'.repeat(64);
        }),
        /damaged|stale/,
      ],
    ];

    it.each(savedDamage)('a saved plan with %s', async (_name, damage, message) => {
      writeFileSync(saved, damage(pristine));
      expect(refused(await lane.inProcess(['apply', saved, '--yes']))).toMatch(message);
      untouched();
    });

    it('the intact saved plan is applied', async () => {
      writeFileSync(saved, pristine);
      const apply = await lane.cellar(['apply', saved, '--yes']);
      expect(apply.code, apply.stderr).toBe(0);
      expect(lane.snapshotIds()).toHaveLength(ids.length + 1);
      ids = lane.snapshotIds();
    });
  });

  const markerDamage: [string, Damage][] = [
    ['not JSON', () => '{"kind": "cellar-target", '],
    [
      'another kind',
      edit((json) => {
        json.kind = 'something-else';
      }),
    ],
    [
      'another format_version',
      edit((json) => {
        json.format_version = '2';
      }),
    ],
    [
      'no id',
      edit((json) => {
        delete json.id;
      }),
    ],
    ['a folder in its place', () => folderInstead],
  ];

  it.each(markerDamage)('a target marker that is %s', async (_name, damage) => {
    await withReplaced(join(lane.target, 'cellar-target.json'), damage, async () => {
      for (const args of [['plan'], ['snapshots'], ['verify'], ['plan', '--restore']]) {
        expect(refused(await lane.inProcess(args))).toMatch(/cellar-target\.json/);
      }
      expect(refused(await lane.inProcess(['apply', '--yes']))).toMatch(/cellar-target\.json/);
      expect(lane.snapshotIds()).toEqual(ids);
      expect(readdirSync(lane.target).sort()).toEqual(['cellar-target.json', 'snapshots']);
    });
  });

  it('a target whose marker is gone is a foreign folder: nothing is written to it', async () => {
    const marker = join(lane.target, 'cellar-target.json');
    renameSync(marker, join(lane.root, 'marker.json'));
    try {
      for (const result of [await lane.inProcess(['plan']), await lane.cellar(['apply', '--yes'])]) {
        refused(result);
        expect(result.stderr).toMatch(/already holds files but no cellar-target\.json/);
      }
      expect(readdirSync(lane.target).sort()).toEqual(['snapshots']);
    } finally {
      renameSync(join(lane.root, 'marker.json'), marker);
    }
  });
});
