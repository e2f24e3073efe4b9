import { lchownSync, lstatSync, utimesSync } from 'node:fs';

/** Gives an entry (a symlink itself, not what it points to) an owner and group. */
export function setOwner(path: string | Buffer, uid: number, gid: number): void {
  lchownSync(path, uid, gid);
}

/** Sets a folder's modification time, keeping its access time. */
export function setModified(path: string | Buffer, mtimeMs: number): void {
  utimesSync(path, lstatSync(path).atime, mtimeMs / 1000);
}

/** When the entry's inode last changed (content, owner, mode, or a new name). */
export function changedAt(path: string | Buffer): number {
  return lstatSync(path).ctimeMs;
}
