import { CellarError } from '../../core/errors.js';

/** mysql2's error fields that say what the server refused. */
interface ServerError {
  readonly code?: unknown;
  readonly sqlMessage?: unknown;
}

/** A failed statement as one line: what cellar was doing, the server's own words, and the way out when one is known. */
function queryError(what: string, error: unknown, hint?: string): CellarError {
  const { code, sqlMessage } = (error ?? {}) as ServerError;
  const reason = typeof sqlMessage === 'string' ? sqlMessage : error instanceof Error ? error.message : String(error);
  const denied = typeof code === 'string' && /ACCESS_DENIED|DBACCESS_DENIED|TABLEACCESS_DENIED|SPECIFIC_ACCESS_DENIED/.test(code);
  const advice = hint ?? (denied ? 'grant the database user the privilege, or use a login that has it' : 'check the database server');
  return new CellarError('DATABASE_FAILED', `${what} failed: ${reason}; ${advice}`, { cause: error });
}

/** Runs `work`, turning a server error into one clear line. */
export async function describedQuery<T>(what: string, work: () => Promise<T>, hint?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw queryError(what, error, hint);
  }
}
