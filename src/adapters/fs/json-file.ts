import { readFileSync } from 'node:fs';
import { CellarError, type ErrorCode } from '../../core/errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { describeSystemError } from './errno.js';

/** Reads and parses a JSON file; failures carry `code` and name the file. */
export function readJsonFile(path: string, code: ErrorCode): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CellarError(code, `cannot read ${path}: ${describeSystemError(error)}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CellarError(code, `${path} is not valid JSON; it is damaged`, { cause: error });
  }
}

/** Writes a JSON document atomically, private to the owner (0600). */
export function writeJsonFile(path: string, value: unknown): void {
  try {
    writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  } catch (error) {
    throw new CellarError('FILESYSTEM', `cannot write ${path}: ${describeSystemError(error)}`, { cause: error });
  }
}
