/** `path` relative to `folder` when it lies inside it ('' when equal), undefined otherwise. */
export function relativeInside(folder: string, path: string): string | undefined {
  const base = folder.endsWith('/') ? folder.slice(0, -1) : folder;
  if (path === base) return '';
  return path.startsWith(`${base}/`) ? path.slice(base.length + 1) : undefined;
}

/** An absolute folder that lives somewhere else after a restore. */
export interface Move {
  readonly from: string;
  readonly to: string;
}

/** Where `path` lands after the moves: the longest matching old folder wins; unmoved paths stay. */
export function relocate(path: string, moves: readonly Move[]): string {
  let best: { readonly move: Move; readonly rest: string } | undefined;
  for (const move of moves) {
    const rest = relativeInside(move.from, path);
    if (rest !== undefined && (!best || move.from.length > best.move.from.length)) best = { move, rest };
  }
  if (!best) return path;
  return best.rest === '' ? best.move.to : `${best.move.to.replace(/\/$/, '')}/${best.rest}`;
}
