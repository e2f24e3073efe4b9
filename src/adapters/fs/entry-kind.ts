import { readdir, stat } from 'node:fs/promises';
import { hasErrorCode } from './errno.js';

/** What is at `path`. Symlinks are followed: a target may be a link to the real folder. */
export async function entryKind(path: string): Promise<'missing' | 'folder' | 'other' | 'unreadable'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return 'missing';
    return hasErrorCode(error, 'ENOTDIR') ? 'other' : 'unreadable';
  }
}

/** The names a folder holds, or undefined when it cannot be read. */
export async function folderNames(path: string): Promise<string[] | undefined> {
  try {
    return await readdir(path);
  } catch {
    return undefined;
  }
}
