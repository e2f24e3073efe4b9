import { closeSync, futimesSync, mkdirSync, openSync, writeSync, writevSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from './random.js';
import type { SampleFile } from './sample-layout.js';

/** Writes files below a root, creating folders as needed, and counts what it wrote. */
export interface TreeWriter {
  readonly root: string;
  readonly files: number;
  readonly bytes: number;
  /** Writes `chunks` to `path` (relative to the root) and sets its mtime (seconds). */
  file(path: string, chunks: readonly Uint8Array[], mtime: number, mode?: number): void;
  /** Creates an (empty) folder. */
  folder(path: string): void;
}

/** Content is cut from this many pseudo-random bytes; larger than the largest sample file. */
const poolSize = 8 * 1024 * 1024;

/** The byte pool of a seed: the same seed always gives the same contents. */
export function contentPool(seed: number): Buffer {
  return randomBytes(seed, poolSize);
}

/** Synchronous writes: for many small files they are about twice as fast as async ones in Node. */
export function createTreeWriter(root: string): TreeWriter {
  const made = new Set<string>();
  let files = 0;
  let bytes = 0;
  const folder = (path: string): void => {
    const absolute = join(root, path);
    if (made.has(absolute)) return;
    mkdirSync(absolute, { recursive: true });
    made.add(absolute);
  };
  return {
    root,
    get files() {
      return files;
    },
    get bytes() {
      return bytes;
    },
    file(path, chunks, mtime, mode = 0o644) {
      folder(dirname(path));
      bytes += writeWhole(join(root, path), chunks, mtime, mode);
      files += 1;
    },
    folder,
  };
}

/** Rewrites an existing file in place with new content and mtime. */
export function rewriteFile(path: string, chunks: readonly Uint8Array[], mtime: number): void {
  writeWhole(path, chunks, mtime, 0o644);
}

/** A sample file's content: a header naming the node and its revision, then bytes from the pool. */
export function fileContent(pool: Buffer, file: SampleFile, mtime: number): Uint8Array[] {
  const header = Buffer.from(`${file.uuid} ${mtime}\n`);
  const length = Math.max(0, file.size - header.length);
  const start = Math.floor(file.contentAt * (pool.length - length));
  return [header, pool.subarray(start, start + length)];
}

function writeWhole(path: string, chunks: readonly Uint8Array[], mtime: number, mode: number): number {
  const fd = openSync(path, 'w', mode);
  try {
    const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const written = writevSync(fd, chunks);
    // writev may stop short; finish with what is left.
    if (written < total) writeSync(fd, Buffer.concat(chunks).subarray(written));
    futimesSync(fd, mtime, mtime);
    return total;
  } finally {
    closeSync(fd);
  }
}
