/*
 * Drift is computed by walking a tree with compileExclude; copies are made by rsync with the same
 * patterns. For each pattern this copies a real tree with the argv cellar uses and checks that the
 * copy holds exactly what the walk reports, so that what a plan shows is what apply copies.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkTree } from '../../src/adapters/fs/walk-tree.js';
import { rsyncArgs } from '../../src/adapters/rsync/rsync.js';
import { diffTree } from '../../src/model/diff-tree.js';
import { compileExclude } from '../../src/model/exclude.js';
import type { TreeEntry, TreeSpec } from '../../src/model/tree.js';
import { buildTree, makeTempDir, rawBytePath, removeTempDir } from './fs-tree.js';

const tree = [
  'foo/f',
  'a/foo/g',
  'a/b/c/h',
  'a/b.txt',
  'a/h',
  'a.log/inner',
  'x.log',
  'deep/er/x.log',
  'logs/l',
  'x/logs/m',
  'x/a/b',
  'dir/d',
  'sub/dir/e',
  'sub2/dir',
  'top.txt',
  'u/\u00e9',
  'u/ab',
  'u/x',
  'f1',
  'fb',
  'f[b',
  ']',
  'a*b',
  '*',
  'a\\b/q',
  'my[1]*/z',
  'sp ace/f',
  'node_modules/x',
  'n/node_modules/y',
  'empty/',
  'data/pydiods1/.pydio',
  'data/pydiods1/file.bin',
  'data/personal/admin/doc.txt',
  'data/.minio.sys/format.json',
  'services/pydio.grpc.docstore/docstore.db',
  'pydio.json',
  'pydio-vault.json',
  'cells-vault-key',
  'link-to-dir -> a',
  'dangling -> nowhere',
];

let scratch: string;
let source: string;

beforeAll(() => {
  scratch = makeTempDir();
  source = `${scratch}/src`;
  buildTree(source, tree);
  // A name that is not valid UTF-8: f, 0xff, g.
  writeFileSync(rawBytePath(source, 'f', 0xff, 'g'), 'raw');
  mkdirSync(rawBytePath(source, 'raw', 0xe9, 'dir'));
});

afterAll(() => {
  removeTempDir(scratch);
});

// One rsync run each: rsync costs a few processes per run, so the list keeps one pattern per rule.
const agreeing: readonly string[][] = [
  ['*.log'],
  ['/foo'],
  ['logs/'],
  ['b/c'],
  ['a/**/h'],
  ['**foo'],
  ['/a/**'],
  ['/dir/***'],
  ['sub/dir/***'],
  ['x/l[!x]gs'],
  ['?'],
  ['[!a-f]*'],
  ['a\\*b'],
  ['/my\\[1]\\*/'],
  ['link-to-dir/'],
  ['dangling'],
  ['**/'],
  ['/f?g'],
  ['data/*/admin/'],
];

// The working dir tree of a default install: user patterns, config files, datasource folders.
const workdirPatterns = ['logs/', '*.tmp', '/pydio.json', '/pydio-vault.json', '/cells-vault-key', '/data/pydiods1/', '/data/personal/'];

// Patterns where the walk and rsync part ways today (see exclude.test.ts).
const subtle: readonly string[][] = [
  ['**/node_modules'],
  ['dir/***'],
  ['a\\b'],
  ['x/a[!x]b'],
  ['[]a]'],
  ['f[[:digit:]]'],
  ['u/?'],
  ['f[b'],
  // What layoutTrees writes to leave out a datasource folder named `a\b` inside the working dir.
  ['/a\\\\b/'],
];

const configFiles = ['pydio.json', 'pydio-vault.json', 'cells-vault-key'];

interface Copy {
  readonly live: TreeEntry[];
  readonly copy: TreeEntry[];
  readonly status: number | null;
  readonly stderr: string;
}

const copies = new Map<string, Copy>();
const key = (exclude: readonly string[], only?: readonly string[]): string => JSON.stringify([exclude, only ?? null]);

/** Copies `source` with rsync as apply does; returns the live walk and the walk of the copy. */
async function copyAndWalk(index: number, exclude: readonly string[], only?: readonly string[]): Promise<Copy> {
  const destination = `${scratch}/copy-${index}`;
  mkdirSync(destination);
  const args = rsyncArgs({ source, destination, exclude, only, delete: false });
  const { status, stderr } = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn('rsync', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ status: code, stderr: text });
    });
  });
  const live = [...walkTree(source, { exclude: exclude.map(compileExclude), only })];
  const copy = [...walkTree(destination, { exclude: [] })];
  return { live, copy, status, stderr };
}

// rsync spends most of its time waiting on its own processes: run a few copies at a time.
beforeAll(async () => {
  const runs: [readonly string[], (readonly string[])?][] = [
    [[]],
    ...[...agreeing, workdirPatterns, ...subtle].map((exclude): [readonly string[]] => [exclude]),
    [[], configFiles],
  ];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < runs.length; index = next++) {
      const [exclude, only] = runs[index]!;
      copies.set(key(exclude, only), await copyAndWalk(index, exclude, only));
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
});

function copied(exclude: readonly string[], only?: readonly string[]): Copy {
  const result = copies.get(key(exclude, only))!;
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result;
}

const shown = (entries: readonly TreeEntry[]): string[] => entries.map((entry) => (entry.type === 'dir' ? `${entry.path}/` : entry.path));

function expectSameTree(exclude: readonly string[]): void {
  const { live, copy } = copied(exclude);
  const copiedPaths = shown(copy);
  const walkedPaths = shown(live);
  // Named differences first, for a readable failure.
  expect({
    copiedNotWalked: copiedPaths.filter((path) => !walkedPaths.includes(path)),
    walkedNotCopied: walkedPaths.filter((path) => !copiedPaths.includes(path)),
  }).toEqual({ copiedNotWalked: [], walkedNotCopied: [] });
  expect(copiedPaths).toEqual(walkedPaths);
  // The copy is also what the quick check calls unchanged: no drift right after a copy.
  const spec: TreeSpec = { id: 'workdir', address: 'workdir', source, snapshotPath: 'workdir', exclude };
  const { drift } = diffTree(spec, live, copy, { keep: 5 });
  expect(drift.changes).toEqual([]);
}

describe('walkTree with compileExclude yields exactly what rsync copies', () => {
  it('without patterns (every entry, symlinks as links, raw names)', () => {
    const { live } = copied([]);
    expect(shown(live)).toContain('f\udcffg');
    expect(shown(live)).toContain('raw\udce9dir/');
    expect(live.find((entry) => entry.path === 'link-to-dir')?.type).toBe('symlink');
    expectSameTree([]);
  });

  it.each(agreeing)('%s', (pattern) => {
    expectSameTree([pattern]);
  });

  it('the working dir tree of a default install: user patterns, config files, datasource folders', () => {
    expectSameTree(workdirPatterns);
  });

  it('the config tree: only the named top-level files', () => {
    const { live, copy } = copied([], configFiles);
    expect(shown(live)).toEqual(['cells-vault-key', 'pydio-vault.json', 'pydio.json']);
    // The walk of the copy includes its root; the config tree has none.
    expect(shown(copy)).toEqual(['/', ...shown(live)]);
  });
});

describe('subtler patterns: walkTree and rsync agree', () => {
  it.each(subtle)('%s', (pattern) => {
    expectSameTree([pattern]);
  });
});
