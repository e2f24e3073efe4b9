/**
 * Deciding "the database did not change" without reading every row. The cheapest exact signal
 * wins: an unmoved binary-log position, then an unmoved InnoDB log sequence number; otherwise each
 * table is judged alone, by its last-update time when the server can vouch for it, by CHECKSUM
 * TABLE when it cannot.
 */

export interface TableState {
  readonly engine: string;
  /** Server clock, seconds since the epoch, when the server last changed the table; null when unknown. */
  readonly updated: number | null;
  /** CHECKSUM TABLE result, when one was taken (or carried over from an unchanged table). */
  readonly checksum: string | null;
}

export interface DatabaseFingerprint {
  /** Identifies the server: host name, port, data dir and server id. */
  readonly server: string;
  /** Server clock, seconds since the epoch: when this fingerprint was taken, and when the server started. */
  readonly observedAt: number;
  readonly startedAt: number;
  readonly binlog: string | null;
  readonly lsn: string | null;
  /** Digest of the table list, the database's defaults and view, routine, trigger and event definitions. */
  readonly schema: string;
  /** The database's default character set and collation, which a restore creates it with; null in older records. */
  readonly charset?: string | null | undefined;
  readonly collation?: string | null | undefined;
  readonly tables: Readonly<Record<string, TableState>>;
}

/** Cheap facts gathered first; checksums are taken only for the tables `tablesToChecksum` names. */
export type DatabaseProbe = Omit<DatabaseFingerprint, 'tables'> & {
  readonly tables: Readonly<Record<string, Omit<TableState, 'checksum'>>>;
};

export type DatabaseSignal = 'first snapshot' | 'another server' | 'binary log' | 'log sequence number' | 'schema' | 'table metadata' | 'checksums';

export interface DatabaseVerdict {
  readonly changed: boolean;
  readonly signal: DatabaseSignal;
  /** Tables that changed (or may have: no baseline to compare with). */
  readonly tables: readonly string[];
  /** The fingerprint to record for this state. */
  readonly fingerprint: DatabaseFingerprint;
}

const innodb = (engine: string): boolean => engine.toLowerCase() === 'innodb';

/** True when the server vouches that nothing at all changed since `previous`. */
function serverUnchanged(previous: DatabaseFingerprint, probe: DatabaseProbe): DatabaseSignal | undefined {
  if (previous.schema !== probe.schema) return undefined;
  if (previous.binlog !== null && previous.binlog === probe.binlog) return 'binary log';
  const allInnodb = Object.values(probe.tables).every((table) => innodb(table.engine));
  if (allInnodb && previous.lsn !== null && previous.lsn === probe.lsn) return 'log sequence number';
  return undefined;
}

/**
 * A table the server's own metadata proves untouched since `previous` was taken. Update times are
 * whole seconds of the server's clock, so an update in the observation's own second is not proof.
 */
function untouchedSince(previous: DatabaseFingerprint, table: Omit<TableState, 'checksum'>): boolean {
  return table.updated !== null && table.updated < previous.observedAt;
}

/**
 * The tables whose CHECKSUM TABLE is needed: those the server cannot vouch for (no update time,
 * as after a restart), unless a cheaper signal settles everything. Their checksums are also the
 * baseline for the next comparison.
 */
export function tablesToChecksum(previous: DatabaseFingerprint | undefined, probe: DatabaseProbe): string[] {
  if (previous?.server === probe.server && serverUnchanged(previous, probe)) return [];
  return Object.entries(probe.tables)
    .filter(([, table]) => table.updated === null)
    .map(([name]) => name)
    .sort();
}

/** Compares the probe (with the checksums asked for) with the fingerprint recorded in the last snapshot. */
export function judgeDatabase(previous: DatabaseFingerprint | undefined, probe: DatabaseProbe, checksums: Readonly<Record<string, string>>): DatabaseVerdict {
  const names = Object.keys(probe.tables).sort();
  const record = (carry: (name: string) => string | null): DatabaseFingerprint => ({
    ...probe,
    tables: Object.fromEntries(
      names.map((name) => {
        const table = probe.tables[name] ?? { engine: '', updated: null };
        return [name, { ...table, checksum: checksums[name] ?? carry(name) }];
      }),
    ),
  });
  if (!previous) return { changed: true, signal: 'first snapshot', tables: names, fingerprint: record(() => null) };

  if (previous.server !== probe.server) {
    return { changed: true, signal: 'another server', tables: names, fingerprint: record(() => null) };
  }
  const unchangedBy = serverUnchanged(previous, probe);
  if (unchangedBy) {
    return { changed: false, signal: unchangedBy, tables: [], fingerprint: record((name) => previous.tables[name]?.checksum ?? null) };
  }

  const changed = new Set<string>();
  let usedChecksums = false;
  for (const name of names) {
    const table = probe.tables[name];
    const before = previous.tables[name];
    const checksum = checksums[name];
    if (!table || before?.engine !== table.engine) changed.add(name);
    else if (untouchedSince(previous, table)) continue;
    else if (checksum !== undefined && before.checksum !== null) {
      usedChecksums = true;
      if (checksum !== before.checksum) changed.add(name);
    } else changed.add(name);
  }
  for (const name of Object.keys(previous.tables)) if (!(name in probe.tables)) changed.add(name);

  const schemaMoved = previous.schema !== probe.schema;
  const signal: DatabaseSignal = schemaMoved ? 'schema' : usedChecksums ? 'checksums' : 'table metadata';
  const carry = (name: string): string | null => (!changed.has(name) ? (previous.tables[name]?.checksum ?? null) : null);
  return { changed: changed.size > 0 || schemaMoved, signal, tables: [...changed].sort(), fingerprint: record(carry) };
}
