import { statSync } from 'node:fs';

/** True when `path` is an existing folder (symlinks followed). */
export function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** True when something exists at `path` (symlinks followed). */
export function pathExists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}
