import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotIdPattern } from '../../src/model/manifest.js';
import { snapshotsToPrune } from '../../src/plan/retention.js';
import { dateToId, idToDate } from '../../src/model/manifest.js';
import { keepRules } from './builders.js';

/** `2026-11-25 14:05` (UTC) → `20261125T140500Z`. */
const id = (text: string): string => dateToId(new Date(`${text.replace(' ', 'T')}:00Z`));
const ids = (...texts: string[]): string[] => texts.map(id);

describe('snapshotsToPrune', () => {
  it('keeps everything when there are no keep rules', () => {
    expect(snapshotsToPrune(ids('2026-01-01 00:00', '2026-01-02 00:00'), undefined)).toEqual([]);
  });

  it('keeps nothing from an empty list', () => {
    expect(snapshotsToPrune([], keepRules({ last: 3 }))).toEqual([]);
  });

  it.each<[string, Parameters<typeof keepRules>[0], string[], string[]]>([
    [
      'last: the newest N, pruned oldest first whatever the input order',
      { last: 2 },
      ['2026-01-03 00:00', '2026-01-01 00:00', '2026-01-04 00:00', '2026-01-02 00:00'],
      ['2026-01-01 00:00', '2026-01-02 00:00'],
    ],
    ['last: more than there are', { last: 10 }, ['2026-01-01 00:00', '2026-01-02 00:00'], []],
    [
      'daily: the newest of each day, several snapshots a day',
      { daily: 2 },
      ['2026-03-01 08:00', '2026-03-01 12:00', '2026-03-01 20:00', '2026-03-02 09:00', '2026-03-02 10:00', '2026-03-03 07:00'],
      ['2026-03-01 08:00', '2026-03-01 12:00', '2026-03-01 20:00', '2026-03-02 09:00'],
    ],
    [
      'daily: counts days that have a snapshot, not calendar days',
      { daily: 2 },
      ['2026-03-01 12:00', '2026-03-05 12:00', '2026-03-09 12:00'],
      ['2026-03-01 12:00'],
    ],
    ['daily: days are UTC days', { daily: 1 }, ['2026-03-01 23:30', '2026-03-02 00:30'], ['2026-03-01 23:30']],
    [
      'weekly: ISO weeks across a year boundary (2024-12-30 is in 2025-W01)',
      { weekly: 2 },
      ['2024-12-29 12:00', '2024-12-30 12:00', '2025-01-01 12:00', '2025-01-05 12:00'],
      ['2024-12-30 12:00', '2025-01-01 12:00'],
    ],
    [
      'weekly: week 53 spans the new year (2026-12-31 and 2027-01-03 are both 2026-W53)',
      { weekly: 2 },
      ['2026-12-28 12:00', '2026-12-31 12:00', '2027-01-03 12:00', '2027-01-04 12:00'],
      ['2026-12-28 12:00', '2026-12-31 12:00'],
    ],
    ['weekly: Monday starts a week, Sunday ends it', { weekly: 1 }, ['2026-11-22 23:59', '2026-11-23 00:00'], ['2026-11-22 23:59']],
    [
      'monthly: the newest of each month',
      { monthly: 2 },
      ['2026-01-05 12:00', '2026-01-30 12:00', '2026-02-01 12:00', '2026-03-15 12:00'],
      ['2026-01-05 12:00', '2026-01-30 12:00'],
    ],
    ['monthly: across a year boundary', { monthly: 2 }, ['2025-11-30 12:00', '2025-12-31 12:00', '2026-01-01 00:00'], ['2025-11-30 12:00']],
    [
      'rules add up: last keeps the newest, daily and monthly reach back',
      { last: 1, daily: 2, monthly: 3 },
      ['2026-01-10 12:00', '2026-01-20 12:00', '2026-02-10 12:00', '2026-03-01 09:00', '2026-03-01 10:00', '2026-03-02 08:00', '2026-03-02 09:00'],
      ['2026-01-10 12:00', '2026-03-01 09:00', '2026-03-02 08:00'],
    ],
    [
      'a snapshot kept by one rule counts for the others too',
      { last: 1, daily: 1 },
      ['2026-03-01 09:00', '2026-03-02 09:00', '2026-03-02 10:00'],
      ['2026-03-01 09:00', '2026-03-02 09:00'],
    ],
    ['a count of 0 is no rule', { last: 0, daily: 1 }, ['2026-03-01 09:00', '2026-03-02 09:00'], ['2026-03-01 09:00']],
  ])('%s', (_name, rules, snapshots, pruned) => {
    expect(snapshotsToPrune(ids(...snapshots), keepRules(rules))).toEqual(ids(...pruned));
  });

  it('never prunes the newest snapshot while any rule keeps something', () => {
    const snapshot = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }).map(dateToId);
    const count = fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined });
    fc.assert(
      fc.property(fc.uniqueArray(snapshot, { minLength: 1, maxLength: 30 }), count, count, count, count, (list, last, daily, weekly, monthly) => {
        fc.pre([last, daily, weekly, monthly].some((value) => value !== undefined));
        const pruned = snapshotsToPrune(list, keepRules({ last, daily, weekly, monthly }));
        const newest = [...list].sort().at(-1)!;
        expect(pruned).not.toContain(newest);
        expect(pruned).toEqual([...pruned].sort());
        expect(new Set(pruned).size).toBe(pruned.length);
        for (const item of pruned) expect(list).toContain(item);
      }),
    );
  });
});

describe('snapshot ids', () => {
  it.each([
    ['2026-11-25T14:05:00.000Z', '20261125T140500Z'],
    ['2026-11-25T14:05:00.999Z', '20261125T140500Z'],
    ['2000-01-01T00:00:00.000Z', '20000101T000000Z'],
    ['2026-12-31T23:59:59.000Z', '20261231T235959Z'],
  ])('%s → %s', (iso, expected) => {
    expect(dateToId(new Date(iso))).toBe(expected);
  });

  it('idToDate reads an id as UTC', () => {
    expect(idToDate('20261125T140500Z').toISOString()).toBe('2026-11-25T14:05:00.000Z');
  });

  it('round-trips every second between 1970 and 9999, and ids sort in time order', () => {
    const second = fc.integer({ min: 0, max: Math.floor(Date.UTC(9999, 11, 31, 23, 59, 59) / 1000) }).map((seconds) => new Date(seconds * 1000));
    fc.assert(
      fc.property(second, second, (a, b) => {
        const idA = dateToId(a);
        expect(idA).toMatch(snapshotIdPattern);
        expect(idToDate(idA).getTime()).toBe(a.getTime());
        expect(dateToId(idToDate(idA))).toBe(idA);
        expect(Math.sign(idA.localeCompare(dateToId(b), 'en'))).toBe(Math.sign(a.getTime() - b.getTime()));
      }),
    );
  });
});
