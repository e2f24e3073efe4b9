import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { hasErrorCode } from './errno.js';

const chunk = Buffer.allocUnsafe(1 << 20);

/** sha256 of a file's contents, read a chunk at a time; null when there is no such file. */
export function sha256File(path: string | Buffer): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
  const hash = createHash('sha256');
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      hash.update(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
