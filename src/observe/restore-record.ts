import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readFileIfExists } from '../adapters/fs/read-file.js';
import type { DatabaseFingerprint } from '../model/database-drift.js';

export const restoreRecordFormat = '1';

/**
 * What a restore loaded into a database, kept in the target beside the snapshots (which are only
 * ever read): the dump, and the database's fingerprint right after the load with a checksum of
 * every table. It is the baseline that tells a later restore plan the database still holds that
 * dump, since a database of another name cannot be judged against the snapshot's own fingerprint.
 */
export interface RestoreRecord {
  readonly format_version: typeof restoreRecordFormat;
  readonly database: string;
  /** The snapshot restored. */
  readonly snapshot: string;
  /** sha256 of the dump loaded. */
  readonly dump: string;
  readonly fingerprint: DatabaseFingerprint;
}

/** Where a target keeps the record of `database` on `server` (a fingerprint's server identity). */
export function restoreRecordPath(target: string, server: string, database: string): string {
  const key = createHash('sha256').update(`${server}\0${database}`).digest('hex').slice(0, 16);
  return join(target, 'restores', `${key}.json`);
}

/** The record of `database` on `server`; undefined when there is none or it cannot be trusted, so the dump is loaded again. */
export async function readRestoreRecord(target: string, server: string, database: string): Promise<RestoreRecord | undefined> {
  const bytes = await readFileIfExists(restoreRecordPath(target, server, database));
  if (!bytes) return undefined;
  try {
    const record = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<RestoreRecord> | null;
    const trusted =
      record?.format_version === restoreRecordFormat &&
      record.database === database &&
      typeof record.dump === 'string' &&
      record.fingerprint?.server === server &&
      typeof record.fingerprint.tables === 'object';
    return trusted ? (record as RestoreRecord) : undefined;
  } catch {
    return undefined;
  }
}
