import { describe, expect, it } from 'vitest';
import { compileExclude, isExcluded } from '../../src/model/exclude.js';

type Row = readonly [pattern: string, path: string, isDirectory: boolean, excluded: boolean];

const file = false;
const folder = true;

// Every row is what rsync 3 does with `--exclude=<pattern>` (checked against rsync itself).
const rules: readonly Row[] = [
  // A pattern without '/' matches the last component, at any depth.
  ['*.log', 'x.log', file, true],
  ['*.log', 'a/b/x.log', file, true],
  ['*.log', 'x.log', folder, true],
  ['*.log', 'x.log.1', file, false],
  ['*.log', 'x.log/inner', file, false],
  ['cache', 'cache', folder, true],
  ['cache', 'a/cache', file, true],
  ['cache', 'cache2', file, false],
  ['cache', 'mycache', file, false],
  ['Cache', 'cache', file, false],

  // A leading '/' anchors at the tree root.
  ['/foo', 'foo', file, true],
  ['/foo', 'foo', folder, true],
  ['/foo', 'a/foo', file, false],
  ['/a/b', 'a/b', file, true],
  ['/a/b', 'x/a/b', file, false],
  ['/a/*', 'a/x', folder, true],
  ['/a/*', 'a/x/y', file, false],

  // A trailing '/' matches folders only.
  ['logs/', 'logs', folder, true],
  ['logs/', 'x/logs', folder, true],
  ['logs/', 'logs', file, false],
  ['logs/', 'logs/a', file, false],
  ['/logs/', 'logs', folder, true],
  ['/logs/', 'x/logs', folder, false],
  ['a/b/', 'x/a/b', folder, true],
  ['a/b/', 'x/a/b', file, false],
  ['**/', 'any/depth', folder, true],
  ['**/', 'any/depth', file, false],

  // An inner '/' matches the end of the whole path, at a component boundary.
  ['b/c', 'b/c', file, true],
  ['b/c', 'a/b/c', file, true],
  ['b/c', 'ab/c', file, false],
  ['b/c', 'b/c/d', file, false],
  ['a*/b', 'a1/b', file, true],
  ['a*/b', 'x/a1/b', file, true],
  ['a*/b', 'a/1/b', file, false],
  ['n/*/foo', 'n/deep/foo', folder, true],
  ['n/*/foo', 'n/a/b/foo', folder, false],

  // '*' stops at '/', '**' does not.
  ['*', 'anything', file, true],
  ['*', 'a/b', file, true],
  ['/*', 'a/b', file, false],
  ['/a*', 'abc', file, true],
  ['/a*', 'a/bc', file, false],
  ['/a/**', 'a/x', file, true],
  ['/a/**', 'a/x/y', file, true],
  ['/a/**', 'a', folder, false],
  ['a/**/h', 'a/b/c/h', file, true],
  ['a/**/h', 'a/h', file, false],
  ['**foo', 'foo', folder, true],
  ['**foo', 'a/xfoo', folder, true],
  ['**/foo', 'a/foo', folder, true],
  ['**/foo', 'a/b/foo', file, true],
  ['**/c', 'q/c', file, true],
  ['deep/**', 'n/deep/foo', folder, true],
  ['deep/**', 'n/deep', folder, false],
  ['**', 'a/b/c', file, true],

  // '?' is one character, never '/'.
  ['?', 'a', file, true],
  ['?', 'ab', file, false],
  ['f?o', 'foo', file, true],
  ['x/a?b', 'x/a/b', file, false],

  // Classes.
  ['[ab]c', 'ac', file, true],
  ['[ab]c', 'bc', file, true],
  ['[ab]c', 'cc', file, false],
  ['[!ab]c', 'cc', file, true],
  ['[!ab]c', 'ac', file, false],
  ['[^ab]c', 'cc', file, true],
  ['[a-c]x', 'bx', file, true],
  ['[a-c]x', 'dx', file, false],
  ['x/l[!x]gs', 'x/logs', folder, true],
  ['a[!x]b', 'a\\b', folder, true],

  // 'dir/***' is the folder and everything in it.
  ['dir/***', 'dir', folder, true],
  ['dir/***', 'dir/d', file, true],
  ['dir/***', 'dir/d/e', file, true],
  ['dir/***', 'sub/dir', folder, true],
  ['dir/***', 'sub/dir/e', file, true],
  ['dir/***', 'dirx', folder, false],
  ['/dir/***', 'sub/dir', folder, false],

  // Backslash escapes (the pattern holds a wildcard, so rsync reads escapes).
  ['\\*', '*', file, true],
  ['\\*', 'a', file, false],
  ['a\\*b', 'a*b', file, true],
  ['a\\*b', 'axb', file, false],
  ['*\\b', 'ab', file, true],
  ['a\\b*', 'ab', file, true],
  ['a\\b*', 'a\\b', file, false],
  ['\\[x]*', '[x]y', file, true],
  ['\\[x]*', 'xy', file, false],
  ['/data/my\\[1]\\*/', 'data/my[1]*', folder, true],

  // Characters that mean something to regular expressions are literal.
  ['a.b', 'a.b', file, true],
  ['a.b', 'axb', file, false],
  ['a+b(c)', 'a+b(c)', file, true],
  ['$x^|{1}', '$x^|{1}', file, true],
  ['a b', 'a b', file, true],

  // Unusual names: control characters, undecodable bytes (U+DC80..U+DCFF).
  ['*', 'x\ny', file, true],
  ['x*', 'dir/x\ny', file, true],
  ['*\udcff', 'f\udcff', file, true],
  ['/f?g', 'f\udcffg', file, true],
];

describe('compileExclude', () => {
  it.each(rules)('%j on %j (folder: %s) excludes: %s', (pattern, path, isDirectory, excluded) => {
    expect(compileExclude(pattern).matches(path, isDirectory)).toBe(excluded);
  });

  it('keeps the pattern as written', () => {
    expect(compileExclude('logs/').pattern).toBe('logs/');
  });

  it('isExcluded is true when any pattern matches, false for none', () => {
    const matchers = ['*.tmp', '/cache/'].map(compileExclude);
    expect(isExcluded(matchers, 'a/b.tmp', false)).toBe(true);
    expect(isExcluded(matchers, 'cache', true)).toBe(true);
    expect(isExcluded(matchers, 'cache', false)).toBe(false);
    expect(isExcluded([], 'anything', true)).toBe(false);
  });
});

// The subtler rules, each checked against rsync itself.
const subtleRules: readonly Row[] = [
  // A leading '**/' also matches at the root: rsync prefixes the path with '/' for it.
  ['**/foo', 'foo', folder, true],
  ['**/node_modules/', 'node_modules', folder, true],
  // '/***' adds "and the folder itself" for a folder only, never for a file of that name.
  ['dir/***', 'dir', file, false],
  ['dir/***', 'sub2/dir', file, false],
  // Without '*', '?' or '[', rsync compares literally: a backslash is an ordinary character.
  ['a\\b', 'a\\b', folder, true],
  ['a\\b', 'ab', folder, false],
  // A class never matches '/'.
  ['x/a[!x]b', 'x/a/b', file, false],
  // ']' first in a class is a member, not the end.
  ['[]a]', ']', file, true],
  ['[!]a]', 'b', file, true],
  ['[!]a]', 'xa]', file, false],
  // POSIX classes.
  ['f[[:digit:]]', 'f1', file, true],
  // An unclosed '[' never matches.
  ['f[b', 'f[b', file, false],
  // '?' and classes match one byte: 'é' is two bytes in UTF-8.
  ['u/?', 'u/\u00e9', file, false],
  ['u/??', 'u/\u00e9', file, true],
];

describe('compileExclude on the subtler rsync rules', () => {
  it.each(subtleRules)('%j on %j (folder: %s): rsync excludes: %s', (pattern, path, isDirectory, excluded) => {
    expect(compileExclude(pattern).matches(path, isDirectory)).toBe(excluded);
  });
});
