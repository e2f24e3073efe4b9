import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { hasErrorCode } from './errno.js';

/** Creates a folder (and its parents) private to the owner. */
export function makeFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    // Node's recursive mkdir reports any failure to create a missing folder as ENOENT (a
    // read-only file system, a permission): making the first missing one alone tells the cause.
    if (!hasErrorCode(error, 'ENOENT')) throw error;
    throw firstMissingFailure(path) ?? error;
  }
}

function firstMissingFailure(path: string): unknown {
  let missing = path;
  while (dirname(missing) !== missing && !existsSync(dirname(missing))) missing = dirname(missing);
  try {
    mkdirSync(missing, { mode: 0o700 });
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Hard-links `from` at `to`: the same bytes, no copy. */
export function linkFile(from: string, to: string): void {
  linkSync(from, to);
}

/** Hard-links `from` at `to`; false when `from` does not exist. */
export function tryLinkFile(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return false;
    throw error;
  }
}

/**
 * Removes a folder and everything in it, even folders a copy made read-only (a backup keeps
 * the source's permissions, and an unprivileged user could not empty them).
 */
export function removeTree(path: string | Buffer): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch (error) {
    if (!hasErrorCode(error, 'EACCES') && !hasErrorCode(error, 'EPERM')) throw error;
    makeWritable(path);
    rmSync(path, { recursive: true, force: true });
  }
}

function makeWritable(path: string | Buffer): void {
  chmodSync(path, 0o700);
  for (const entry of readdirSync(path, { withFileTypes: true, encoding: 'buffer' })) {
    if (entry.isDirectory()) makeWritable(Buffer.concat([Buffer.from(path), Buffer.from('/'), entry.name]));
  }
}
