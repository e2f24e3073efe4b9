import { isCellarError } from '../core/errors.js';
import type { Io } from './io.js';

/**
 * One line for an expected failure (plus its detail lines), the full stack only with --verbose,
 * as vitest's reportStartError does. Returns the exit code: every error is 1.
 */
export function reportError(error: unknown, io: Io, verbose: boolean): 1 {
  if (isCellarError(error)) {
    io.err(`cellar: ${error.message}\n`);
    for (const line of error.details) io.err(`  ${line}\n`);
    if (verbose && error.cause !== undefined) io.err(`${describeCause(error.cause)}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`cellar: unexpected error: ${message}\n`);
  if (verbose) io.err(`${describeCause(error)}\n`);
  else io.err('cellar: run again with --verbose for the stack trace, and report it if it persists.\n');
  return 1;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.stack ?? cause.message;
  return String(cause);
}
