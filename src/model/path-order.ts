/**
 * The order in which trees are walked and recorded: component by component, so a folder's
 * contents come right after it (`a`, `a/b`, `a.txt`). Walker and manifest share it, which lets a
 * live tree and its recorded copy be compared in one streaming pass.
 */
export function comparePaths(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return (x === 47 ? -1 : x) - (y === 47 ? -1 : y);
  }
  return a.length - b.length;
}

/** One step of `pairByPath`: the entry of the left stream, of the right one, or of both (same path). */
export interface Paired<A, B> {
  readonly left?: A | undefined;
  readonly right?: B | undefined;
}

/** Two streams in `comparePaths` order, merged and paired by path: one pass, nothing held. */
export function* pairByPath<A extends { readonly path: string }, B extends { readonly path: string }>(
  left: Iterable<A>,
  right: Iterable<B>,
): Generator<Paired<A, B>> {
  const a = left[Symbol.iterator]();
  const b = right[Symbol.iterator]();
  try {
    let x = a.next();
    let y = b.next();
    while (!x.done || !y.done) {
      if (y.done || (!x.done && comparePaths(x.value.path, y.value.path) < 0)) {
        yield { left: x.value as A };
        x = a.next();
      } else if (x.done || comparePaths(x.value.path, y.value.path) > 0) {
        yield { right: y.value };
        y = b.next();
      } else {
        yield { left: x.value, right: y.value };
        x = a.next();
        y = b.next();
      }
    }
  } finally {
    a.return?.();
    b.return?.();
  }
}
