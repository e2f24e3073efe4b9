import { chmodSync, copyFileSync, lchownSync, linkSync, lutimesSync, mkdirSync, symlinkSync, utimesSync } from 'node:fs';
import { unknownOwner, type RecordedEntry } from '../../model/tree.js';
import { runsAsRoot } from '../process/identity.js';
import { hasErrorCode } from './errno.js';
import { removeTree } from './folders.js';
import { encodeName, fsPath } from './path-bytes.js';

/**
 * Rebuilds a tree in `destination` from its recorded entries by hard-linking each file of the
 * previous snapshot (`source`), without reading any content. Folders get their mode and mtime
 * back once filled, and folders and symlinks their owner (files share it with their link). A file
 * at the hard-link limit is copied instead. When the previous snapshot lacks an entry, what was
 * linked is removed again and the answer is false.
 */
export function linkTree(source: string, destination: string, entries: Iterable<RecordedEntry>): boolean {
  mkdirSync(destination, { recursive: true, mode: 0o700 });
  const own = runsAsRoot() ? giveOwner : () => undefined;
  const folders: RecordedEntry[] = [];
  for (const entry of entries) {
    const from = fsPath(source, entry.path);
    const to = fsPath(destination, entry.path);
    switch (entry.type) {
      case 'dir':
        mkdirSync(to, { recursive: true, mode: 0o700 });
        own(to, entry);
        folders.push(entry);
        break;
      case 'symlink':
        symlinkSync(encodeName(entry.link ?? ''), to);
        own(to, entry);
        lutimesSync(to, entry.mtimeMs / 1000, entry.mtimeMs / 1000);
        break;
      case 'file':
      case 'other':
        if (!linkOrCopy(from, to)) {
          removeTree(destination);
          return false;
        }
        break;
    }
  }
  for (const folder of folders.reverse()) {
    const path = fsPath(destination, folder.path);
    chmodSync(path, folder.mode);
    utimesSync(path, folder.mtimeMs / 1000, folder.mtimeMs / 1000);
  }
  return true;
}

/** Gives an entry its recorded owner; an owner an older list did not record is left as it is. */
function giveOwner(path: string | Buffer, entry: RecordedEntry): void {
  if (entry.uid !== unknownOwner && entry.gid !== unknownOwner) lchownSync(path, entry.uid, entry.gid);
}

/** Links (or, at the hard-link limit, copies) one file; false when the source is gone. */
function linkOrCopy(from: string | Buffer, to: string | Buffer): boolean {
  try {
    linkSync(from, to);
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return false;
    if (!hasErrorCode(error, 'EMLINK')) throw error;
    copyFileSync(from, to);
  }
  return true;
}
