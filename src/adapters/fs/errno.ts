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
