import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fsPath } from '../../src/adapters/fs/path-bytes.js';
import { statEntry, walkTree } from '../../src/adapters/fs/walk-tree.js';
import { CellarError } from '../../src/core/errors.js';
import { compileExclude } from '../../src/model/exclude.js';
import { comparePaths } from '../../src/model/path-order.js';
import type { TreeEntry } from '../../src/model/tree.js';
import { buildTree, makeTempDir, rawBytePath, removeTempDir } from './fs-tree.js';

let root: string;

beforeEach(() => {
  root = makeTempDir();
});

afterEach(() => {
  chmodSync(root, 0o755);
  removeTempDir(root);
});

const paths = (entries: Iterable<TreeEntry>): string[] => [...entries].map((entry) => entry.path);
const walk = (exclude: readonly string[] = [], only?: readonly string[]): TreeEntry[] => [...walkTree(root, { exclude: exclude.map(compileExclude), only })];

function thrown(run: () => unknown): CellarError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CellarError);
    return error as CellarError;
  }
  throw new Error('expected a CellarError');
}

describe('walkTree', () => {
  it('yields the root, then every entry, folders right before their contents, in comparePaths order', () => {
    buildTree(root, ['a/b', 'a/c/d', 'a.txt', 'a-b', 'a!', 'B', 'b', '\u00e9t\u00e9', '\u{1f600}', '~', 'a/c.x', 'empty/']);
    const order = paths(walk());
    expect(order).toEqual(['', 'B', 'a', 'a/b', 'a/c', 'a/c/d', 'a/c.x', 'a!', 'a-b', 'a.txt', 'b', 'empty', '~', '\u00e9t\u00e9', '\u{1f600}']);
    expect(order).toEqual([...order].sort(comparePaths));
  });

  it('records type, size, mtime and permission bits', () => {
    buildTree(root, ['d/f']);
    writeFileSync(`${root}/d/f`, 'twelve bytes');
    chmodSync(`${root}/d/f`, 0o640);
    chmodSync(`${root}/d`, 0o2750);
    utimesSync(`${root}/d/f`, 1_600_000_000, 1_600_000_000.5);
    const [top, folder, file] = walk();
    expect(top).toMatchObject({ path: '', type: 'dir', size: 0 });
    expect(folder).toMatchObject({ path: 'd', type: 'dir', size: 0, mode: 0o2750 });
    expect(file).toEqual({
      path: 'd/f',
      type: 'file',
      size: 12,
      mtimeMs: 1_600_000_000_500,
      mode: 0o640,
      uid: process.getuid?.(),
      gid: process.getgid?.(),
      link: undefined,
    });
  });

  it('does not follow symlinks: a link to a folder is one symlink entry', () => {
    buildTree(root, ['real/inside', 'link-to-dir -> real', 'link-to-file -> real/inside', 'dangling -> nowhere', 'absolute -> /etc']);
    const entries = walk();
    expect(paths(entries)).toEqual(['', 'absolute', 'dangling', 'link-to-dir', 'link-to-file', 'real', 'real/inside']);
    const byPath = new Map(entries.map((entry) => [entry.path, entry]));
    expect(byPath.get('link-to-dir')).toMatchObject({ type: 'symlink', size: 0, link: 'real' });
    expect(byPath.get('dangling')).toMatchObject({ type: 'symlink', link: 'nowhere' });
    expect(byPath.get('absolute')).toMatchObject({ type: 'symlink', link: '/etc' });
  });

  it('records a device as other', () => {
    expect(statEntry('/dev', 'null')).toMatchObject({ path: 'null', type: 'other', size: 0 });
  });

  it('finds names that are not valid UTF-8, and statEntry and fsPath reach them', () => {
    mkdirSync(rawBytePath(root, 'caf', 0xe9, ''));
    writeFileSync(Buffer.concat([rawBytePath(root, 'caf', 0xe9, ''), Buffer.from('/f'), Buffer.from([0xff])]), 'latin-1');
    symlinkSync(Buffer.from([0x74, 0xfe]), rawBytePath(root, 'l', 0x80, ''));
    writeFileSync(`${root}/plain`, 'x');
    const entries = walk();
    expect(paths(entries)).toEqual(['', 'caf\udce9', 'caf\udce9/f\udcff', 'l\udc80', 'plain']);
    expect(statEntry(root, 'caf\udce9/f\udcff')).toMatchObject({ type: 'file', size: 7 });
    expect(readFileSync(fsPath(root, 'caf\udce9/f\udcff'), 'utf8')).toBe('latin-1');
    expect(entries.find((entry) => entry.path === 'l\udc80')).toMatchObject({ type: 'symlink', link: 't\udcfe' });
  });

  it('yields a name holding U+FFFD (valid UTF-8) as it is', () => {
    buildTree(root, ['a\ufffdb']);
    expect(paths(walk())).toEqual(['', 'a\ufffdb']);
  });

  it('leaves out excluded entries and does not enter excluded folders', () => {
    buildTree(root, ['logs/a.log', 'logs/sub/b', 'keep/x.tmp', 'keep/y', 'data/pydiods1/z', 'pydio.json']);
    expect(paths(walk(['logs/', '*.tmp', '/data/pydiods1/', '/pydio.json']))).toEqual(['', 'data', 'keep', 'keep/y']);
  });

  it('with `only`: just the named top-level entries that exist, sorted, without the root', () => {
    buildTree(root, ['pydio.json', 'cells-vault-key', 'other', 'sub/pydio.json']);
    expect(paths(walk([], ['pydio.json', 'pydio-vault.json', 'cells-vault-key']))).toEqual(['cells-vault-key', 'pydio.json']);
  });

  it('is lazy: an entry is statted when it is reached', () => {
    buildTree(root, ['a', 'b']);
    const iterator = walkTree(root, { exclude: [] });
    expect(iterator.next().value).toMatchObject({ path: '' });
    writeFileSync(`${root}/a`, 'changed!');
    expect(iterator.next().value).toMatchObject({ path: 'a', size: 8 });
  });

  it('skips an entry that vanishes during the walk', () => {
    buildTree(root, ['a', 'b', 'c']);
    const iterator = walkTree(root, { exclude: [] });
    expect(paths([iterator.next().value!, iterator.next().value!])).toEqual(['', 'a']);
    removeTempDir(`${root}/b`);
    expect(paths({ [Symbol.iterator]: () => iterator })).toEqual(['c']);
  });

  it.each([
    ['a root that does not exist', (): string => `${root}/missing`, /does not exist or cannot be read/],
    [
      'a root that is a file',
      (): string => {
        writeFileSync(`${root}/file`, '');
        return `${root}/file`;
      },
      /is not a folder/,
    ],
  ])('%s is a FILESYSTEM error naming it', (_name, makeRoot, message) => {
    const where = makeRoot();
    const error = thrown(() => [...walkTree(where, { exclude: [] })]);
    expect(error.code).toBe('FILESYSTEM');
    expect(error.message).toContain(where);
    expect(error.message).toMatch(message);
  });

  // Root reads every folder whatever its mode: as root, the walk runs in a process of user nobody.
  it('an unreadable folder is a FILESYSTEM error naming it', () => {
    buildTree(root, ['locked/secret', 'open/f']);
    chmodSync(root, 0o755);
    chmodSync(`${root}/locked`, 0o000);
    try {
      const walked = (exclude: readonly string[] = []): { paths?: string[]; code?: string; message?: string } =>
        process.getuid?.() === 0 ? walkAsNobody(root, exclude) : walkHere(exclude);
      const failed = walked();
      expect(failed.code).toBe('FILESYSTEM');
      expect(failed.message).toBe(`cannot read the folder ${root}/locked: permission denied; give the backup user read access or exclude it`);
      // Excluding it is the way out.
      expect(walked(['/locked/']).paths).toEqual(['', 'open', 'open/f']);
    } finally {
      chmodSync(`${root}/locked`, 0o755);
    }
  });
});

/** The walk's outcome in this process: its paths, or the error's code and message. */
function walkHere(exclude: readonly string[]): { paths?: string[]; code?: string; message?: string } {
  try {
    return { paths: paths(walk(exclude)) };
  } catch (error) {
    return { code: (error as CellarError).code, message: (error as Error).message };
  }
}

/** The same, in a child process that drops to user nobody first (the built walker, as npm test builds it). */
function walkAsNobody(folder: string, exclude: readonly string[]): { paths?: string[]; code?: string; message?: string } {
  const walker = new URL('../../dist/src/adapters/fs/walk-tree.js', import.meta.url).href;
  const compiler = new URL('../../dist/src/model/exclude.js', import.meta.url).href;
  const script = `process.setgid(65534); process.setuid(65534);
const { walkTree } = await import(${JSON.stringify(walker)});
const { compileExclude } = await import(${JSON.stringify(compiler)});
try {
  const paths = [...walkTree(${JSON.stringify(folder)}, { exclude: ${JSON.stringify(exclude)}.map(compileExclude) })].map((entry) => entry.path);
  console.log(JSON.stringify({ paths }));
} catch (error) {
  console.log(JSON.stringify({ code: error.code, message: error.message }));
}`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as {
    paths?: string[];
    code?: string;
    message?: string;
  };
}

describe('statEntry', () => {
  it('is undefined for a missing entry', () => {
    expect(statEntry(root, 'nothing')).toBeUndefined();
  });

  it('reports a symlink with its target', () => {
    buildTree(root, ['l -> ../x']);
    expect(statEntry(root, 'l')).toMatchObject({ path: 'l', type: 'symlink', link: '../x', size: 0 });
  });
});
