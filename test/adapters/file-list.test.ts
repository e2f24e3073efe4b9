import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileList, readFileList } from '../../src/adapters/target/file-list.js';
import { CellarError } from '../../src/core/errors.js';
import { unknownOwner, type RecordedEntry } from '../../src/model/tree.js';
import { makeTempDir, removeTempDir } from './fs-tree.js';

let scratch: string;

beforeEach(() => {
  scratch = makeTempDir();
});

afterEach(() => {
  removeTempDir(scratch);
});

const hash = 'ab'.repeat(32);

const entries: readonly RecordedEntry[] = [
  { path: '', type: 'dir', size: 0, mtimeMs: 1_700_000_000_123.456, mode: 0o755, uid: 0, gid: 0 },
  { path: 'a', type: 'dir', size: 0, mtimeMs: 1_700_000_000_000, mode: 0o700, uid: 0, gid: 0 },
  { path: 'a/line\nbreak', type: 'file', size: 12, mtimeMs: 1_700_000_001_000, mode: 0o644, uid: 0, gid: 0, sha256: hash },
  { path: 'a/tab\there', type: 'file', size: 0, mtimeMs: 1_700_000_002_000, mode: 0o600, uid: 0, gid: 0, sha256: hash },
  { path: 'a/caf\udce9', type: 'file', size: 3, mtimeMs: 1_700_000_003_000, mode: 0o644, uid: 0, gid: 0, sha256: hash },
  { path: 'a/quote"back\\slash', type: 'file', size: 5, mtimeMs: 1, mode: 0o4755, uid: 0, gid: 0 },
  { path: 'b', type: 'symlink', size: 0, mtimeMs: 1_700_000_004_000, mode: 0o777, uid: 0, gid: 0, link: '../target\udcff' },
  { path: 'c', type: 'other', size: 0, mtimeMs: 1_700_000_005_000, mode: 0o644, uid: 0, gid: 0 },
  { path: '\u{1f600}', type: 'file', size: 2 ** 40, mtimeMs: 1_700_000_006_000, mode: 0o644, uid: 0, gid: 0, sha256: hash },
];

function write(path: string, list: readonly RecordedEntry[]) {
  const writer = createFileList(path);
  for (const item of list) writer.add(item);
  return writer.close();
}

function expectDamaged(path: string, line: RegExp): void {
  let error: unknown;
  try {
    Array.from(readFileList(path));
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(CellarError);
  expect((error as CellarError).code).toBe('SNAPSHOT_DAMAGED');
  expect((error as CellarError).message).toMatch(line);
}

describe('file lists', () => {
  it('read back what was written: odd names, raw bytes, symlinks, big sizes', () => {
    const path = `${scratch}/workdir.list`;
    write(path, entries);
    expect([...readFileList(path)]).toEqual(entries);
  });

  it('are one line per entry, even for names with newlines', () => {
    const path = `${scratch}/workdir.list`;
    write(path, entries);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(entries.length + 1);
  });

  it('summarise what they hold: the sha256 of the file, entries, files and bytes', () => {
    const path = `${scratch}/workdir.list`;
    const summary = write(path, entries);
    expect(summary.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    expect(summary).toMatchObject({ entries: 9, files: 5, bytes: 12 + 0 + 3 + 5 + 2 ** 40 });
  });

  it('are created with mode 0600 and never overwrite a list', () => {
    const path = `${scratch}/workdir.list`;
    write(path, entries.slice(0, 1));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(() => createFileList(path)).toThrow(/EEXIST/);
  });

  it('an empty list reads as no entries', () => {
    const path = `${scratch}/empty.list`;
    expect(write(path, [])).toEqual({ sha256: createHash('sha256').digest('hex'), entries: 0, files: 0, bytes: 0 });
    expect([...readFileList(path)]).toEqual([]);
  });

  it('stream lists bigger than the read buffer, multi-byte characters cut at chunk edges', () => {
    const path = `${scratch}/big.list`;
    const many: RecordedEntry[] = Array.from({ length: 12_000 }, (_, index) => ({
      path: `d/${String(index).padStart(6, '0')}-\u00e9t\u00e9-\u65e5\u672c-\u{1f600}-${'x'.repeat(index % 50)}`,
      type: 'file',
      size: index,
      mtimeMs: 1_700_000_000_000 + index,
      mode: 0o644,
      uid: index % 3,
      gid: 1000,
      sha256: hash,
    }));
    const summary = write(path, many);
    expect(readFileSync(path).length).toBeGreaterThan(1.5 * (1 << 20));
    expect(summary.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    const back = [...readFileList(path)];
    expect(back).toHaveLength(many.length);
    expect(back).toEqual(many);
  });

  it('accept a last line without its newline', () => {
    const path = `${scratch}/cut.list`;
    writeFileSync(path, '{"p":"","t":"d","o":493,"m":1,"u":0,"g":0}\n{"p":"a","t":"f","o":420,"m":2,"u":0,"g":0,"s":3}');
    expect([...readFileList(path)].map((item) => item.path)).toEqual(['', 'a']);
  });

  it('read the owner of an entry of an older list, which did not record it, as unknown', () => {
    const path = `${scratch}/old.list`;
    writeFileSync(path, '{"p":"a","t":"f","o":420,"m":2,"s":3}\n');
    expect([...readFileList(path)]).toEqual([expect.objectContaining({ path: 'a', uid: unknownOwner, gid: unknownOwner })]);
  });
});

describe('damaged file lists', () => {
  it('a missing list', () => {
    expectDamaged(`${scratch}/none.list`, /is missing/);
  });

  it.each([
    ['truncated JSON', '{"p":"a","t":"f"'],
    ['not an object', '"just a string"'],
    ['null', 'null'],
    ['an array', '[1,2]'],
    ['an unknown type', '{"p":"a","t":"x","o":420,"m":1}'],
    ['a path that is not a string', '{"p":1,"t":"f","o":420,"m":1}'],
    ['no mode', '{"p":"a","t":"f","m":1}'],
    ['no mtime', '{"p":"a","t":"f","o":420}'],
    ['a size that is not a number', '{"p":"a","t":"f","o":420,"m":1,"s":"3"}'],
    ['a hash that is not a string', '{"p":"a","t":"f","o":420,"m":1,"h":3}'],
    ['a link that is not a string', '{"p":"a","t":"l","o":420,"m":1,"l":false}'],
    ['an owner that is not a number', '{"p":"a","t":"f","o":420,"m":1,"u":"root","g":0}'],
    ['a negative group', '{"p":"a","t":"f","o":420,"m":1,"u":0,"g":-1}'],
    ['garbage bytes', '\u0000\u0001garbage'],
  ])('%s → SNAPSHOT_DAMAGED naming the line', (_name, line) => {
    const path = `${scratch}/bad.list`;
    write(path, entries.slice(0, 2));
    appendFileSync(path, `${line}\n`);
    expectDamaged(path, /bad\.list:3 is not a valid file-list entry/);
  });

  it.each([
    ['a parent folder', '..'],
    ['a path that climbs out', 'a/../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a current-folder name', 'a/./b'],
    ['an empty name', 'a//b'],
    ['a trailing slash', 'a/'],
    ['a NUL byte', 'a\u0000b'],
  ])('%s (%s) → SNAPSHOT_DAMAGED: a restore would write outside its folder', (_name, name) => {
    const path = `${scratch}/escape.list`;
    write(path, entries.slice(0, 2));
    appendFileSync(path, `${JSON.stringify({ p: name, t: 'f', o: 420, m: 1, u: 0, g: 0, s: 1 })}\n`);
    expectDamaged(path, /escape\.list:3 names .* which is not a path inside its tree/);
  });

  it('a line corrupted in the middle of a good list', () => {
    const path = `${scratch}/workdir.list`;
    write(path, entries);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[4] = lines[4]!.slice(0, 10);
    writeFileSync(path, lines.join('\n'));
    expectDamaged(path, /workdir\.list:5 /);
  });
});
