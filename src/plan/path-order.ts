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
