import { statSync } from 'node:fs';

/** A file's permission bits and owner, to give a rewritten file the same ones. */
export function statOwner(path: string): { readonly mode: number; readonly uid: number; readonly gid: number } {
  const stats = statSync(path);
  return { mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid };
}
