import { writeFile } from 'node:fs/promises';
import { CellarError } from '../../core/errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { describeSystemError, hasErrorCode } from './errno.js';

/**
 * Writes a new text file; an existing one is replaced only with `overwrite` (atomically), and
 * otherwise left untouched: the answer is then 'exists'.
 */
export async function writeTextFile(path: string, text: string, options: { readonly overwrite: boolean }): Promise<'written' | 'exists'> {
  try {
    if (options.overwrite) writeFileAtomic(path, text, { mode: 0o644 });
    else await writeFile(path, text, { flag: 'wx', mode: 0o644 });
    return 'written';
  } catch (error) {
    if (hasErrorCode(error, 'EEXIST')) return 'exists';
    throw new CellarError('FILESYSTEM', `cannot write ${path}: ${describeSystemError(error)}`, { cause: error });
  }
}
