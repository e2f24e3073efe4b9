import { statSync } from 'node:fs';

/** A file's permission bits, owner and modification time, to give a rewritten file the same ones. */
export function statOwner(path: string): { readonly mode: number; readonly uid: number; readonly gid: number; readonly mtimeMs: number } {
  const stats = statSync(path);
  return { mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid, mtimeMs: stats.mtimeMs };
}
