import { describe, expect, it } from 'vitest';
import { diffTree, sameEntry } from '../../src/model/diff-tree.js';
import { comparePaths } from '../../src/model/path-order.js';
import { unknownOwner, type TreeEntry } from '../../src/model/tree.js';
import { dir, entry, recorded, symlink, workdirTree } from '../plan/builders.js';

const base: readonly TreeEntry[] = [
  dir(''),
  dir('a'),
  entry('a/one', { size: 100 }),
  entry('a/two', { size: 200 }),
  dir('b'),
  symlink('b/link', '../a/one'),
  entry('c.txt', { size: 300 }),
];

function diff(live: readonly TreeEntry[], before: readonly TreeEntry[] = base, keep = 100) {
  return diffTree(workdirTree, live, recorded(before), { keep });
}

function replace(entries: readonly TreeEntry[], path: string, fields: Partial<TreeEntry>): TreeEntry[] {
  return entries.map((item) => (item.path === path ? { ...item, ...fields } : item));
}

describe('diffTree', () => {
  it('finds nothing when the live tree is the recorded one, and sums its files', () => {
    const { drift } = diff(base);
    expect(drift.counts).toEqual({ added: 0, modified: 0, deleted: 0, bytes: 0, folders: 0 });
    expect(drift.changes).toEqual([]);
    expect(drift.truncated).toBe(false);
    expect(drift.files).toBe(3);
    expect(drift.bytes).toBe(600);
    expect(drift.tree).toBe(workdirTree);
  });

  it.each<[string, TreeEntry[], { added: number; modified: number; deleted: number; bytes: number; folders: number }, string[]]>([
    ['a new file', [...base, entry('d.txt', { size: 7 })], { added: 1, modified: 0, deleted: 0, bytes: 7, folders: 0 }, ['+d.txt']],
    ['a new folder with a file', [...base, dir('e'), entry('e/f', { size: 5 })], { added: 1, modified: 0, deleted: 0, bytes: 5, folders: 1 }, ['+e', '+e/f']],
    [
      'a deleted file (no bytes to copy)',
      base.filter((item) => item.path !== 'a/two'),
      { added: 0, modified: 0, deleted: 1, bytes: 0, folders: 0 },
      ['-a/two'],
    ],
    [
      'a deleted folder and its contents',
      base.filter((item) => !item.path.startsWith('a')),
      { added: 0, modified: 0, deleted: 2, bytes: 0, folders: 1 },
      ['-a', '-a/one', '-a/two'],
    ],
    ['a file with a new size', replace(base, 'a/one', { size: 101 }), { added: 0, modified: 1, deleted: 0, bytes: 101, folders: 0 }, ['~a/one']],
    ['a file with a new mtime', replace(base, 'c.txt', { mtimeMs: 1 }), { added: 0, modified: 1, deleted: 0, bytes: 300, folders: 0 }, ['~c.txt']],
    ['a file with a new mode', replace(base, 'c.txt', { mode: 0o600 }), { added: 0, modified: 1, deleted: 0, bytes: 300, folders: 0 }, ['~c.txt']],
    ['a folder with a new mode', replace(base, 'b', { mode: 0o700 }), { added: 0, modified: 0, deleted: 0, bytes: 0, folders: 1 }, ['~b']],
    ['the root with a new mode', replace(base, '', { mode: 0o700 }), { added: 0, modified: 0, deleted: 0, bytes: 0, folders: 1 }, ['~']],
    ['a symlink with a new target', replace(base, 'b/link', { link: '../a/two' }), { added: 0, modified: 1, deleted: 0, bytes: 0, folders: 0 }, ['~b/link']],
    ['a file that became a folder', replace(base, 'c.txt', { type: 'dir', size: 0 }), { added: 0, modified: 0, deleted: 0, bytes: 0, folders: 1 }, ['~c.txt']],
    [
      'a folder that became a file',
      replace(base, 'b', { type: 'file', size: 9 }).filter((item) => item.path !== 'b/link'),
      { added: 0, modified: 1, deleted: 1, bytes: 9, folders: 0 },
      ['~b', '-b/link'],
    ],
  ])('%s', (_name, live, expected, changes) => {
    const { drift } = diff(live);
    expect(drift.counts).toEqual(expected);
    expect(drift.changes.map((change) => `${{ added: '+', modified: '~', deleted: '-' }[change.change]}${change.path}`)).toEqual(changes);
  });

  it.each<[string, Partial<TreeEntry>]>([
    ['mtime', { mtimeMs: 5 }],
    ['size (a folder size means nothing)', { size: 4096 }],
  ])('folders compare on mode only, not %s', (_name, fields) => {
    expect(diff(replace(base, 'a', fields)).drift.counts.modified).toBe(0);
  });

  it.each<[string, Partial<TreeEntry>]>([['mtime', { mtimeMs: 5 }]])('symlinks compare on their target (and mode), not %s', (_name, fields) => {
    expect(diff(replace(base, 'b/link', fields)).drift.counts.modified).toBe(0);
  });

  it('records the change of a deleted entry with its recorded size and type', () => {
    const { drift } = diff(base.filter((item) => item.path !== 'a/two'));
    expect(drift.changes).toEqual([{ path: 'a/two', change: 'deleted', type: 'file', size: 200 }]);
  });

  it('merges interleaved sides: additions, deletions and changes throughout the order', () => {
    const before = [dir(''), dir('a'), entry('a/1'), entry('a/3'), dir('a/sub'), entry('a/sub/x'), entry('a.b'), entry('z')];
    const live = [
      dir(''),
      dir('a'),
      entry('a/0'),
      entry('a/1', { size: 11 }),
      entry('a/2'),
      dir('a/sub'),
      entry('a/sub/y'),
      entry('a-b'),
      entry('a.b'),
      dir('y'),
      entry('y/1'),
    ];
    const { drift } = diff(live, before);
    expect(drift.changes.map((change) => [change.change, change.path])).toEqual([
      ['added', 'a/0'],
      ['modified', 'a/1'],
      ['added', 'a/2'],
      ['deleted', 'a/3'],
      ['deleted', 'a/sub/x'],
      ['added', 'a/sub/y'],
      ['added', 'a-b'],
      ['added', 'y'],
      ['added', 'y/1'],
      ['deleted', 'z'],
    ]);
    expect(drift.changes.map((change) => change.path)).toEqual(drift.changes.map((change) => change.path).sort(comparePaths));
    expect(drift.counts).toEqual({ added: 5, modified: 1, deleted: 3, bytes: 11 + 5 * 10, folders: 1 });
  });

  it('compares an empty live side (all deleted) and an empty record (all added)', () => {
    expect(diff([], base).drift.counts).toEqual({ added: 0, modified: 0, deleted: 4, bytes: 0, folders: 3 });
    expect(diff(base, []).drift.counts).toEqual({ added: 4, modified: 0, deleted: 0, bytes: 600, folders: 3 });
    expect(diff([], []).drift.counts).toEqual({ added: 0, modified: 0, deleted: 0, bytes: 0, folders: 0 });
  });

  describe('keep limit', () => {
    const live = [...base, entry('d1'), entry('d2'), entry('d3')];

    it.each([
      [0, 0, true],
      [1, 1, true],
      [2, 2, true],
      [3, 3, false],
      [10, 3, false],
    ])('keep %i keeps %i paths, truncated: %s; the counts cover all', (keep, kept, truncated) => {
      const { drift } = diff(live, base, keep);
      expect(drift.changes).toHaveLength(kept);
      expect(drift.truncated).toBe(truncated);
      expect(drift.counts.added).toBe(3);
      expect(drift.counts.bytes).toBe(30);
    });

    it('keeps the first changes in path order', () => {
      expect(diff(live, base, 2).drift.changes.map((change) => change.path)).toEqual(['d1', 'd2']);
    });
  });

  describe('digest of the live side', () => {
    const digest = (live: readonly TreeEntry[], before: readonly TreeEntry[] = base): string => diff(live, before).digest;

    it('is stable for the same live tree, whatever was recorded', () => {
      expect(digest(base)).toBe(digest([...base]));
      expect(digest(base, [])).toBe(digest(base));
      expect(digest(base)).toMatch(/^[0-9a-f]{64}$/);
    });

    it.each<[string, TreeEntry[]]>([
      ['a file size', replace(base, 'a/one', { size: 1 })],
      ['a file mtime', replace(base, 'a/one', { mtimeMs: 1 })],
      ['a file mode', replace(base, 'a/one', { mode: 0o600 })],
      ['a folder mtime', replace(base, 'a', { mtimeMs: 1 })],
      ['a symlink target', replace(base, 'b/link', { link: 'elsewhere' })],
      ['a type', replace(base, 'c.txt', { type: 'other', size: 0 })],
      ['a name', replace(base, 'c.txt', { path: 'c.txu' })],
      ['an added entry', [...base, entry('d')]],
      ['a removed entry', base.slice(0, -1)],
    ])('changes with %s', (_name, live) => {
      expect(digest(live)).not.toBe(digest(base));
    });
  });
});

describe('presence of an optional tree', () => {
  const optional = { ...workdirTree, id: 'datasource.archive.minio-sys', optional: true };
  const presence = (live: readonly TreeEntry[], before: readonly TreeEntry[]) => diffTree(optional, live, recorded(before), { keep: 10 }).drift.presence;

  it.each<[string, readonly TreeEntry[], readonly TreeEntry[], string]>([
    ['absent on both sides', [], [], 'same'],
    ['present on both sides', base, base, 'same'],
    ['absent when recorded, present now', base, [], 'appeared'],
    ['recorded, absent now', [], base, 'vanished'],
  ])('%s: %s', (_name, live, before, expected) => {
    expect(presence(live, before)).toBe(expected);
  });

  it('is always the same for a tree that is not optional, whatever its sides', () => {
    expect(diff([], base).drift.presence).toBe('same');
    expect(diff(base, []).drift.presence).toBe('same');
  });
});

describe('sameEntry (rsync quick check)', () => {
  it.each<[string, TreeEntry, TreeEntry, boolean]>([
    ['equal files', entry('f'), entry('f'), true],
    ['a recorded file: its content hash is not looked at', entry('f'), recorded([entry('f')])[0]!, true],
    ['file size', entry('f', { size: 1 }), entry('f', { size: 2 }), false],
    ['file mtime', entry('f', { mtimeMs: 1 }), entry('f', { mtimeMs: 2 }), false],
    ['file mode', entry('f', { mode: 0o600 }), entry('f'), false],
    ['type', entry('f'), dir('f'), false],
    ['folder mtime', dir('d', { mtimeMs: 1 }), dir('d', { mtimeMs: 2 }), true],
    ['folder mode', dir('d', { mode: 0o700 }), dir('d'), false],
    ['file owner', entry('f', { uid: 0 }), entry('f'), false],
    ['file group', entry('f', { gid: 0 }), entry('f'), false],
    ['folder owner', dir('d', { uid: 0 }), dir('d'), false],
    ['symlink owner', symlink('l', 'a', { gid: 0 }), symlink('l', 'a'), false],
    ['an owner an older list did not record', entry('f'), entry('f', { uid: unknownOwner, gid: unknownOwner }), false],
    ['symlink target', symlink('l', 'a'), symlink('l', 'b'), false],
    ['symlink mtime', symlink('l', 'a', { mtimeMs: 1 }), symlink('l', 'a', { mtimeMs: 2 }), true],
    ['other (fifo) mtime', entry('p', { type: 'other', size: 0, mtimeMs: 1 }), entry('p', { type: 'other', size: 0, mtimeMs: 2 }), true],
  ])('%s', (_name, live, before, same) => {
    expect(sameEntry(live, before)).toBe(same);
  });
});
