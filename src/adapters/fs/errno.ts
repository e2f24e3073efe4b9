import { CellarError } from '../../core/errors.js';

/** True when a Node system error carries this errno code (ENOENT, EACCES, ...). */
export function hasErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** A short reason for a system error, in an operator's words. */
export function describeSystemError(error: unknown): string {
  if (hasErrorCode(error, 'EACCES') || hasErrorCode(error, 'EPERM')) return 'permission denied';
  if (hasErrorCode(error, 'ENOSPC')) return 'no space left on the device';
  if (hasErrorCode(error, 'EROFS')) return 'the file system is read-only';
  if (hasErrorCode(error, 'ENOENT')) return 'no such file or folder';
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one-line error for a write that failed inside `folder` because of the file system (full,
 * read-only, not writable), naming the fix; undefined for any other failure.
 */
export function writeFailure(error: unknown, folder: string): CellarError | undefined {
  if (hasErrorCode(error, 'ENOSPC') || hasErrorCode(error, 'EDQUOT')) {
    return new CellarError('NO_SPACE', `the disk holding ${folder} is full; free space or prune snapshots, then apply again`, { cause: error });
  }
  if (hasErrorCode(error, 'EROFS')) {
    return new CellarError('FILESYSTEM', `${folder} is on a read-only file system; remount it read-write or choose another folder`, { cause: error });
  }
  if (hasErrorCode(error, 'EACCES') || hasErrorCode(error, 'EPERM')) {
    return new CellarError('FILESYSTEM', `cannot write in ${folder} (permission denied); give the backup user write access or choose another folder`, {
      cause: error,
    });
  }
  return undefined;
}
