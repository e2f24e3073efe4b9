import { readFile } from 'node:fs/promises';
import { CellarError } from '../../core/errors.js';
import { describeSystemError, hasErrorCode } from './errno.js';

/** The file's bytes, or undefined when there is no such file; any other failure is a FILESYSTEM error naming it. */
export async function readFileIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return undefined;
    const reason = hasErrorCode(error, 'EISDIR') ? 'it is a folder' : describeSystemError(error);
    throw new CellarError('FILESYSTEM', `cannot read ${path}: ${reason}`, { cause: error });
  }
}

/** The file's text, decoded as UTF-8; a failure is Node's own error, for the caller to judge. */
export async function readTextFile(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
