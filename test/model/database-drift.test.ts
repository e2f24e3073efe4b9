import { describe, expect, it } from 'vitest';
import { judgeDatabase, tablesToChecksum, type DatabaseFingerprint, type DatabaseProbe, type TableState } from '../../src/model/database-drift.js';
import { fingerprint } from '../plan/builders.js';

// The previous observation was taken at second 1_000_000 of the server's clock.
const observedAt = 1_000_000;

const innodb = (updated: number | null, checksum: string | null = null): TableState => ({ engine: 'InnoDB', updated, checksum });
const myisam = (updated: number | null, checksum: string | null = null): TableState => ({ engine: 'MyISAM', updated, checksum });

function previous(tables: Record<string, TableState>, overrides: Partial<DatabaseFingerprint> = {}): DatabaseFingerprint {
  return fingerprint({ observedAt, binlog: 'binlog.000007:1234', lsn: '987654', tables, ...overrides });
}

/** A later probe: same server and schema, binary log and LSN moved unless told otherwise. */
function probe(tables: Record<string, Omit<TableState, 'checksum'>>, overrides: Partial<DatabaseProbe> = {}): DatabaseProbe {
  return { ...fingerprint({ observedAt: observedAt + 3600, binlog: 'binlog.000007:9999', lsn: '999999' }), tables, ...overrides };
}

const live = (engine: string, updated: number | null): Omit<TableState, 'checksum'> => ({ engine, updated });

describe('tablesToChecksum', () => {
  it('first snapshot: the tables without an update time, sorted (their checksums start the baseline)', () => {
    expect(tablesToChecksum(undefined, probe({ z: live('InnoDB', null), a: live('InnoDB', null), m: live('InnoDB', 5) }))).toEqual(['a', 'z']);
  });

  it.each<[string, DatabaseProbe]>([
    ['the binary log did not move', probe({ t: live('InnoDB', null) }, { binlog: 'binlog.000007:1234' })],
    ['the log sequence number did not move (all InnoDB)', probe({ t: live('InnoDB', null) }, { binlog: null, lsn: '987654' })],
  ])('none when %s', (_name, later) => {
    expect(tablesToChecksum(previous({ t: innodb(null, 'c1') }), later)).toEqual([]);
  });

  it('on another server, those without an update time, as the baseline for the next comparison', () => {
    const later = probe({ t: live('InnoDB', null), u: live('InnoDB', 5) }, { server: 'db2:3306:/var/lib/mysql:2' });
    expect(tablesToChecksum(previous({ t: innodb(null, 'c1') }), later)).toEqual(['t']);
  });

  it.each<[string, DatabaseProbe, string[]]>([
    ['the binary log moved', probe({ a: live('InnoDB', null), b: live('InnoDB', observedAt - 10) }), ['a']],
    ['the LSN is unchanged but a table is not InnoDB', probe({ a: live('InnoDB', null), m: live('MyISAM', 5) }, { binlog: null, lsn: '987654' }), ['a']],
    ['the schema changed, even with an unmoved binary log', probe({ a: live('InnoDB', null) }, { binlog: 'binlog.000007:1234', schema: 'schema-2' }), ['a']],
    ['updated tables are judged by their update time, not summed', probe({ a: live('InnoDB', observedAt + 5) }), []],
  ])('the tables without update time when %s', (_name, later, expected) => {
    const before = previous({ a: innodb(null, 'c1'), b: innodb(observedAt - 10), m: myisam(5) }, { binlog: 'binlog.000007:1234' });
    expect(tablesToChecksum(before, later)).toEqual(expected);
  });
});

describe('judgeDatabase', () => {
  it('first snapshot: changed, every table listed, the checksums taken recorded', () => {
    const now = probe({ b: live('InnoDB', 7), a: live('InnoDB', null) });
    const verdict = judgeDatabase(undefined, now, { a: 'c-a' });
    expect(verdict).toMatchObject({ changed: true, signal: 'first snapshot', tables: ['a', 'b'] });
    expect(verdict.fingerprint.tables).toEqual({
      a: { engine: 'InnoDB', updated: null, checksum: 'c-a' },
      b: { engine: 'InnoDB', updated: 7, checksum: null },
    });
    expect(verdict.fingerprint.observedAt).toBe(now.observedAt);
    expect(verdict.fingerprint.binlog).toBe(now.binlog);
  });

  it('unchanged by the binary log: nothing to dump, checksums carried over', () => {
    const before = previous({ a: innodb(null, 'c-a'), b: innodb(500, null) });
    const verdict = judgeDatabase(before, probe({ a: live('InnoDB', null), b: live('InnoDB', 500) }, { binlog: before.binlog }), {});
    expect(verdict).toMatchObject({ changed: false, signal: 'binary log', tables: [] });
    expect(verdict.fingerprint.tables.a?.checksum).toBe('c-a');
  });

  it('unchanged by the log sequence number when every table is InnoDB (engine names in any case)', () => {
    const before = previous({ a: innodb(null, 'c-a') }, { binlog: null });
    const verdict = judgeDatabase(before, probe({ a: live('innodb', null) }, { binlog: null, lsn: before.lsn }), {});
    expect(verdict).toMatchObject({ changed: false, signal: 'log sequence number', tables: [] });
    expect(verdict.fingerprint.tables.a?.checksum).toBe('c-a');
  });

  it('a non-InnoDB table: an unmoved LSN is not enough, each table is judged', () => {
    const before = previous({ a: innodb(observedAt - 100), m: myisam(observedAt - 100) }, { binlog: null });
    const untouched = judgeDatabase(
      before,
      probe({ a: live('InnoDB', observedAt - 100), m: live('MyISAM', observedAt - 100) }, { binlog: null, lsn: before.lsn }),
      {},
    );
    expect(untouched).toMatchObject({ changed: false, signal: 'table metadata', tables: [] });
    const written = judgeDatabase(
      before,
      probe({ a: live('InnoDB', observedAt - 100), m: live('MyISAM', observedAt + 1) }, { binlog: null, lsn: before.lsn }),
      {},
    );
    expect(written).toMatchObject({ changed: true, signal: 'table metadata', tables: ['m'] });
  });

  it('another server: changed, every table listed, nothing carried over', () => {
    const before = previous({ a: innodb(null, 'c-a') });
    const verdict = judgeDatabase(before, probe({ a: live('InnoDB', null) }, { server: 'db2:3306:/data:2', binlog: before.binlog }), {});
    expect(verdict).toMatchObject({ changed: true, signal: 'another server', tables: ['a'] });
    expect(verdict.fingerprint.tables.a?.checksum).toBeNull();
  });

  it('a schema change is a change even when no table moved (and an unmoved binary log does not hide it)', () => {
    const before = previous({ a: innodb(observedAt - 100) });
    const verdict = judgeDatabase(before, probe({ a: live('InnoDB', observedAt - 100) }, { schema: 'schema-2', binlog: before.binlog }), {});
    expect(verdict).toMatchObject({ changed: true, signal: 'schema', tables: [] });
  });

  it.each<[string, number, boolean]>([
    ['after the previous observation', observedAt + 1, true],
    ['in the same second as the previous observation (not proof of anything)', observedAt, true],
    ['before the previous observation', observedAt - 1, false],
  ])('a table updated %s', (_name, updated, changed) => {
    const before = previous({ t: innodb(observedAt - 3600, 'c-t'), other: innodb(observedAt - 3600, 'c-o') });
    const later = probe({ t: live('InnoDB', updated), other: live('InnoDB', observedAt - 3600) });
    expect(tablesToChecksum(before, later)).toEqual([]);
    const verdict = judgeDatabase(before, later, {});
    expect(verdict).toMatchObject({ changed, signal: 'table metadata', tables: changed ? ['t'] : [] });
    // An untouched table keeps its checksum as the baseline; a changed one loses it.
    expect(verdict.fingerprint.tables.other?.checksum).toBe('c-o');
    expect(verdict.fingerprint.tables.t?.checksum).toBe(changed ? null : 'c-t');
    expect(verdict.fingerprint.tables.t?.updated).toBe(updated);
  });

  it.each<[string, string | null, string, boolean]>([
    ['the same checksum as the baseline', 'c-t', 'c-t', false],
    ['another checksum than the baseline', 'c-t', 'c-t2', true],
    ['no baseline checksum (cannot tell: changed)', null, 'c-t', true],
  ])('a table without update time: %s', (_name, baseline, checksum, changed) => {
    const before = previous({ t: innodb(null, baseline) });
    const later = probe({ t: live('InnoDB', null) });
    expect(tablesToChecksum(before, later)).toEqual(['t']);
    const verdict = judgeDatabase(before, later, { t: checksum });
    expect(verdict.changed).toBe(changed);
    expect(verdict.tables).toEqual(changed ? ['t'] : []);
    expect(verdict.signal).toBe(baseline === null ? 'table metadata' : 'checksums');
    // The new checksum is the baseline for the next plan.
    expect(verdict.fingerprint.tables.t?.checksum).toBe(checksum);
  });

  it('a table without update time and no checksum taken is changed', () => {
    const verdict = judgeDatabase(previous({ t: innodb(null, 'c-t') }), probe({ t: live('InnoDB', null) }), {});
    expect(verdict).toMatchObject({ changed: true, tables: ['t'] });
  });

  it('a table that had an update time and lost it (server restart): the checksum decides', () => {
    const before = previous({ t: innodb(observedAt - 50, 'c-t') });
    const verdict = judgeDatabase(before, probe({ t: live('InnoDB', null) }), { t: 'c-t' });
    expect(verdict).toMatchObject({ changed: false, signal: 'checksums', tables: [] });
  });

  it.each<[string, Record<string, TableState>, Record<string, Omit<TableState, 'checksum'>>, string[]]>([
    ['a table added', { a: innodb(observedAt - 9) }, { a: live('InnoDB', observedAt - 9), b: live('InnoDB', observedAt - 9) }, ['b']],
    ['a table dropped', { a: innodb(observedAt - 9), b: innodb(observedAt - 9) }, { a: live('InnoDB', observedAt - 9) }, ['b']],
    ['a table whose engine changed', { a: innodb(observedAt - 9) }, { a: live('MyISAM', observedAt - 9) }, ['a']],
  ])('%s', (_name, before, now, tables) => {
    const verdict = judgeDatabase(previous(before), probe(now), {});
    expect(verdict).toMatchObject({ changed: true, tables });
    expect(Object.keys(verdict.fingerprint.tables)).toEqual(Object.keys(now).sort());
  });

  it('lists changed tables sorted, and only those', () => {
    const before = previous({ c: innodb(1), b: innodb(1), a: innodb(1), d: innodb(null, 'c-d') });
    const later = probe({ c: live('InnoDB', observedAt + 2), b: live('InnoDB', 1), a: live('InnoDB', observedAt + 1), d: live('InnoDB', null) });
    const verdict = judgeDatabase(before, later, { d: 'c-d2' });
    expect(verdict.tables).toEqual(['a', 'c', 'd']);
    expect(verdict.signal).toBe('checksums');
  });

  it('records the probe as the new fingerprint', () => {
    const later = probe({ a: live('InnoDB', 3) }, { startedAt: 42 });
    const verdict = judgeDatabase(previous({ a: innodb(3) }), later, {});
    expect(verdict.fingerprint).toEqual({ ...later, tables: { a: { engine: 'InnoDB', updated: 3, checksum: null } } });
  });
});
