import { lstatSync } from 'node:fs';
import type { SampledFile } from '../../model/ports.js';
import type { RecordedEntry } from '../../model/tree.js';
import { hasErrorCode } from '../fs/errno.js';
import { sha256File } from '../fs/hash-file.js';
import { fsPath } from '../fs/path-bytes.js';

/** Looks at each recorded file again: only one whose size and modification time are unchanged is read. */
export function sampleFiles(root: string, files: readonly RecordedEntry[]): Promise<SampledFile[]> {
  return Promise.resolve(files.map((entry) => sampleFile(root, entry)));
}

function sampleFile(root: string, entry: RecordedEntry): SampledFile {
  const path = fsPath(root, entry.path);
  let stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT') || hasErrorCode(error, 'ENOTDIR')) return { path: entry.path, state: 'missing' };
    throw error;
  }
  if (!stats.isFile() || stats.size !== entry.size || stats.mtimeMs !== entry.mtimeMs) return { path: entry.path, state: 'changed' };
  const sha256 = sha256File(path);
  return sha256 === null ? { path: entry.path, state: 'missing' } : { path: entry.path, state: 'unchanged', sha256 };
}
