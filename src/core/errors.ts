/** Stable codes for the failures cellar expects; the CLI maps every one of them to exit 1. */
export type ErrorCode =
  | 'PLAN_NOT_FOUND'
  | 'PLAN_INVALID'
  | 'PLAN_UNSAFE'
  | 'SECRET_UNAVAILABLE'
  | 'CELLS_CONFIG_INVALID'
  | 'TARGET_INVALID'
  | 'TARGET_LOCKED'
  | 'SNAPSHOT_NOT_FOUND'
  | 'SNAPSHOT_DAMAGED'
  | 'RESTORE_INCOMPLETE'
  | 'SAVED_PLAN_INVALID'
  | 'SAVED_PLAN_STALE'
  | 'DATABASE_UNREACHABLE'
  | 'DATABASE_FAILED'
  | 'TOOL_MISSING'
  | 'TOOL_FAILED'
  | 'SERVICE_FAILED'
  | 'CELLS_RUNNING'
  | 'FILESYSTEM'
  | 'NO_SPACE'
  | 'CONFIRMATION_REQUIRED'
  | 'ABORTED'
  | 'OVERRIDE_UNMATCHED'
  | 'APPLY_REFUSED'
  | 'VERIFY_FAILED'
  | 'USAGE';

/**
 * An expected failure: one line that says what went wrong and what to do, optional detail lines
 * (every problem of an invalid plan, every mismatch of a verify), and the original error as `cause`.
 */
export class CellarError extends Error {
  override readonly name = 'CellarError';
  readonly code: ErrorCode;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: readonly string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? [];
  }
}

export function isCellarError(error: unknown): error is CellarError {
  return error instanceof CellarError;
}
