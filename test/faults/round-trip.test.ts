/**
 * Round trip, as a property: for generated trees and table contents, backup → mutate → backup,
 * then a restore of either snapshot gives back exactly that snapshot's content: the sha256 (or
 * link target) and mode of every entry of the working dir, and CHECKSUM TABLE of every table.
 */
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTo } from '../../demo/mariadb.js';
import { checksumTables } from '../helpers/mariadb.js';
import { compareDigests, createSite, treeDigest, type DigestEntry, type Lane, type Site } from './support.js';

type Entry =
  | { readonly type: 'file'; readonly content: Uint8Array; readonly mode: number }
  | { readonly type: 'symlink'; readonly target: string }
  | { readonly type: 'dir'; readonly mode: number };

/** A tree: relative paths to entries; no path is both a file and a folder's prefix. */
type Tree = ReadonlyMap<string, Entry>;

interface Row {
  readonly id: number;
  readonly name: string;
  readonly data: Uint8Array;
  readonly n: bigint | null;
}

const nameChars = ['a', 'b', 'c', 'X', 'Y', 'Z', '0', '1', '9', '-', '_', '.', ' ', '\t', '\n', '\\', '*', '?', '[', '$', "'", '"', 'é', 'ß', '🎉'];
const name = fc.string({ unit: fc.constantFrom(...nameChars), minLength: 1, maxLength: 12 }).filter((value) => value !== '.' && value !== '..');
const path = fc.array(name, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/'));
const entry: fc.Arbitrary<Entry> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('file' as const),
      content: fc.uint8Array({ maxLength: 3000 }),
      mode: fc.constantFrom(0o644, 0o600, 0o755, 0o400),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('symlink' as const), target: fc.oneof(path, fc.constantFrom('/etc/passwd', '../../..', 'missing')) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('dir' as const), mode: fc.constantFrom(0o755, 0o700) }) },
);
const tree: fc.Arbitrary<Tree> = fc.array(fc.tuple(path, entry), { maxLength: 25 }).map(consistentTree);
const row: fc.Arbitrary<Row> = fc.record({
  id: fc.integer({ min: 1, max: 10_000 }),
  name: fc.string({ maxLength: 60 }),
  data: fc.uint8Array({ maxLength: 300 }),
  n: fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })),
});
const rows = fc.uniqueArray(row, { selector: (item) => item.id, maxLength: 40 });

/** Drops entries that would need a path to be a file and a folder at once. */
function consistentTree(entries: readonly (readonly [string, Entry])[]): Tree {
  const result = new Map<string, Entry>();
  for (const [where, what] of entries) {
    const parents = where
      .split('/')
      .slice(0, -1)
      .map((_, index, segments) => segments.slice(0, index + 1).join('/'));
    const blocked =
      parents.some((parent) => result.has(parent) && result.get(parent)?.type !== 'dir') || [...result.keys()].some((other) => other.startsWith(`${where}/`));
    if (!blocked && !result.has(where)) result.set(where, what);
  }
  return result;
}

/** A new tree: some entries dropped, some rewritten, some added. */
const mutation = (before: Tree): fc.Arbitrary<Tree> =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: before.size, maxLength: before.size }),
      fc.array(fc.tuple(path, entry), { maxLength: 8 }),
      fc.uint8Array({ minLength: 1, maxLength: 200 }),
    )
    .map(([keep, added, fresh]) => {
      const kept = [...before]
        .filter((_, index) => keep[index])
        .map(([where, what], index): [string, Entry] => (index % 3 === 0 && what.type === 'file' ? [where, { ...what, content: fresh }] : [where, what]));
      return consistentTree([...kept, ...added]);
    });

function writeTree(root: string, content: Tree): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root);
  const folders: [string, number][] = [];
  for (const [where, what] of content) {
    const full = join(root, where);
    mkdirSync(dirname(full), { recursive: true });
    if (what.type === 'file') {
      writeFileSync(full, what.content);
      chmodSync(full, what.mode);
    } else if (what.type === 'symlink') {
      symlinkSync(what.target, full);
    } else {
      mkdirSync(full, { recursive: true });
      folders.push([full, what.mode]);
    }
  }
  for (const [full, mode] of folders) chmodSync(full, mode);
}

describe('round trip: backup, mutate, backup, restore either snapshot', () => {
  let site: Site;
  let lane: Lane;

  beforeAll(async () => {
    site = await createSite('roundtrip');
    lane = site.lane('main', { extra: 'restore:\n  from: local' });
    const connection = await connectTo(site.install.database);
    try {
      await connection.query('CREATE TABLE rt_items (id INT PRIMARY KEY, name VARCHAR(200) CHARACTER SET utf8mb4, data BLOB, n BIGINT NULL) ENGINE=InnoDB');
    } finally {
      await connection.end();
    }
  }, 120_000);

  afterAll(async () => {
    await site.dispose();
  });

  const writeRows = async (content: readonly Row[]): Promise<void> => {
    const connection = await connectTo(site.install.database);
    try {
      await connection.query('DELETE FROM rt_items');
      for (const item of content)
        await connection.query('INSERT INTO rt_items (id, name, data, n) VALUES (?, ?, ?, ?)', [
          item.id,
          item.name,
          Buffer.from(item.data),
          item.n === null ? null : item.n.toString(),
        ]);
    } finally {
      await connection.end();
    }
  };

  interface State {
    readonly snapshot: string;
    readonly files: Map<string, DigestEntry>;
    readonly tables: Record<string, number | null>;
  }

  const backup = async (): Promise<State> => {
    const apply = await lane.cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).not.toContain('warning');
    return { snapshot: lane.snapshotIds().at(-1)!, files: treeDigest(site.install.workingDir), tables: await checksumTables(site.install.database.name) };
  };

  const expectRestored = async (state: State): Promise<void> => {
    const apply = await lane.cellar(['apply', '--restore', '--snapshot', state.snapshot, '--no-safety-snapshot', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(compareDigests(state.files, treeDigest(site.install.workingDir))).toEqual([]);
    expect(await checksumTables(site.install.database.name)).toEqual(state.tables);
  };

  it('gives back exactly each snapshot (fast-check, a few generated runs)', async () => {
    const folder = join(site.install.datasources.find((datasource) => !datasource.flat)!.folder, 'generated');
    const scenario = fc.tuple(tree, rows).chain(([first, firstRows]) => fc.tuple(fc.constant(first), fc.constant(firstRows), mutation(first), rows));
    await fc.assert(
      fc.asyncProperty(scenario, async ([first, firstRows, second, secondRows]) => {
        writeTree(folder, first);
        await writeRows(firstRows);
        const before = await backup();
        writeTree(folder, second);
        await writeRows(secondRows);
        const after = await backup();
        await expectRestored(before);
        await expectRestored(after);
      }),
      { numRuns: 3, endOnFailure: true },
    );
  }, 240_000);
});
