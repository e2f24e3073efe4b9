import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePaths } from '../../src/model/path-order.js';

const sign = (n: number): number => Math.sign(n);

describe('comparePaths', () => {
  it.each([
    ['', 'a', -1],
    ['a', 'a', 0],
    ['a', 'a/b', -1],
    ['a/b', 'a.txt', -1],
    ['a/b', 'a-b', -1],
    ['a/b', 'a!', -1],
    ['a/z/z', 'a0', -1],
    ['a', 'a.txt', -1],
    ['B', 'a', -1],
    ['a/b', 'a/b/c', -1],
    ['a/b/c', 'a/bc', -1],
    ['x/\u00e9', 'x/z', 1],
    ['\u{1f600}', '\uffee', -1],
    ['\udcff', '\u{1f600}', 1],
  ])('%j against %j is %i', (a, b, expected) => {
    expect(sign(comparePaths(a, b))).toBe(expected);
    expect(sign(comparePaths(b, a))).toBe(0 - expected);
  });

  it('puts a folder, then its contents, then the siblings that extend its name', () => {
    const paths = ['a.txt', 'a/b', 'a', 'a-b', 'a/b/c', 'a!', 'a/a', 'b', ''];
    expect(paths.sort(comparePaths)).toEqual(['', 'a', 'a/a', 'a/b', 'a/b/c', 'a!', 'a-b', 'a.txt', 'b']);
  });

  it('orders siblings as a plain JS sort of their names does', () => {
    const names = ['b', 'B', 'a.b', 'a', '\u00e9', '\u{1f600}', '\uffee', ' ', '~', 'a~', 'a!'];
    const withParent = names.map((name) => `p/${name}`);
    expect(withParent.sort(comparePaths)).toEqual([...names].sort().map((name) => `p/${name}`));
  });
});

// Names from characters that sort below and above '/' (and a lone surrogate, as undecodable bytes become).
const nameChars = ['a', 'b', 'A', '.', '-', '!', ' ', '0', '~', '\u00e9', '\u{1f600}', '\uffee', '\udc80'];
const name = fc.array(fc.constantFrom(...nameChars), { minLength: 1, maxLength: 3 }).map((chars) => chars.join(''));
const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

interface Node {
  readonly children: Map<string, Node>;
}

/** The order in which a depth-first walk that reads sorted names visits `paths` (which need not include their folders). */
function walkOrder(paths: readonly string[]): string[] {
  const root: Node = { children: new Map() };
  for (const item of paths) {
    let node = root;
    for (const part of item.split('/')) {
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
  }
  const wanted = new Set(paths);
  const order: string[] = [];
  const visit = (node: Node, prefix: string): void => {
    for (const part of [...node.children.keys()].sort()) {
      const full = prefix === '' ? part : `${prefix}/${part}`;
      if (wanted.has(full)) order.push(full);
      visit(node.children.get(part)!, full);
    }
  };
  visit(root, '');
  return order;
}

function withFolders(paths: readonly string[]): string[] {
  const all = new Set<string>();
  for (const item of paths) {
    const parts = item.split('/');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
  }
  return [...all];
}

describe('comparePaths against a depth-first walk', () => {
  it('sorts whole trees (every folder present) in walk order', () => {
    fc.assert(
      fc.property(fc.array(path, { maxLength: 40 }), (paths) => {
        const tree = withFolders(paths);
        expect([...tree].sort(comparePaths)).toEqual(walkOrder(tree));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts any set of paths in walk order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(path, { maxLength: 40 }), (paths) => {
        expect([...paths].sort(comparePaths)).toEqual(walkOrder(paths));
      }),
      { numRuns: 300 },
    );
  });

  it('is a total order: antisymmetric and zero only for equal paths', () => {
    fc.assert(
      fc.property(path, path, (a, b) => {
        expect(sign(comparePaths(a, b))).toBe(0 - sign(comparePaths(b, a)));
        expect(comparePaths(a, b) === 0).toBe(a === b);
      }),
    );
  });
});
