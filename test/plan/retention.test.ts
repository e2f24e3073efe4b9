import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotIdPattern } from '../../src/model/manifest.js';
import { applyRetention, snapshotsToPrune } from '../../src/plan/retention.js';
import type { KeepRules, KeepWithin } from '../../src/config/plan.js';
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

  it.each<[string, Parameters<typeof keepRules>[0], string[], string[]]>([
    [
      'hourly: the newest of each UTC hour',
      { hourly: 2 },
      ['2026-03-01 08:10', '2026-03-01 08:50', '2026-03-01 09:05', '2026-03-01 10:00'],
      ['2026-03-01 08:10', '2026-03-01 08:50'],
    ],
    [
      'yearly: the newest of each year',
      { yearly: 2 },
      ['2024-06-01 00:00', '2024-12-31 23:00', '2025-01-01 01:00', '2026-02-01 00:00'],
      ['2024-06-01 00:00', '2024-12-31 23:00'],
    ],
    [
      'within: every snapshot newer than the newest minus the duration, strictly',
      { within: within('1d') },
      ['2026-03-01 10:00', '2026-03-01 10:01', '2026-03-02 09:00', '2026-03-02 10:00'],
      ['2026-03-01 10:00'],
    ],
    [
      'within: months are calendar months (31 March minus 1 month is 3 March, as Go normalises)',
      { within: within('1m') },
      ['2026-03-02 12:00', '2026-03-03 12:01', '2026-03-31 12:00'],
      ['2026-03-02 12:00'],
    ],
    ['the newest snapshot is kept when every count is 0', { last: 0, daily: 0 }, ['2026-03-01 09:00', '2026-03-02 09:00'], ['2026-03-01 09:00']],
  ])('%s', (_name, rules, snapshots, pruned) => {
    expect(snapshotsToPrune(ids(...snapshots), keepRules(rules))).toEqual(ids(...pruned));
  });

  it('names, for each kept snapshot, every rule that keeps it', () => {
    const retention = applyRetention(ids('2026-03-01 09:00', '2026-03-02 09:00', '2026-03-02 10:00'), keepRules({ last: 1, daily: 2, within: within('1h') }));
    expect(retention.kept).toEqual([
      { id: id('2026-03-02 10:00'), rules: ['within 1h', 'last snapshot', 'daily snapshot'] },
      { id: id('2026-03-01 09:00'), rules: ['daily snapshot'] },
    ]);
    expect(retention.pruned).toEqual(ids('2026-03-02 09:00'));
  });

  it('keeps a protected snapshot whatever the rules say, with its reason', () => {
    const protect = new Map([[id('2026-01-01 00:00'), 'an unfinished restore uses it']]);
    const retention = applyRetention(ids('2026-01-01 00:00', '2026-01-02 00:00', '2026-01-03 00:00'), keepRules({ last: 1 }), protect);
    expect(retention.kept).toEqual([
      { id: id('2026-01-03 00:00'), rules: ['last snapshot'] },
      { id: id('2026-01-01 00:00'), rules: ['an unfinished restore uses it'] },
    ]);
    expect(retention.pruned).toEqual(ids('2026-01-02 00:00'));
  });

  it('agrees with a reference implementation of the rules over random calendars', () => {
    const moment = fc.date({ min: new Date('2023-12-25T00:00:00Z'), max: new Date('2027-01-08T00:00:00Z'), noInvalidDate: true }).map(dateToId);
    const count = fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined });
    const duration = fc.option(
      fc.tuple(fc.nat(1), fc.nat(13), fc.nat(40), fc.nat(30)).map(([y, m, d, h]) => within(`${y}y${m}m${d}d${h}h`)),
      { nil: undefined },
    );
    const rules = fc.record({ last: count, hourly: count, daily: count, weekly: count, monthly: count, yearly: count, within: duration });
    // Bursts within hours and days, and snapshots months apart.
    const calendar = fc.uniqueArray(moment, { minLength: 0, maxLength: 60 });
    fc.assert(
      fc.property(calendar, rules, (list, keep) => {
        const expected = referencePrune(list, keep);
        expect(snapshotsToPrune(list, keep)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
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

function within(text: string): KeepWithin {
  const part = (unit: string): number => Number(new RegExp(`([0-9]+)${unit}`).exec(text)?.[1] ?? 0);
  return { text, years: part('y'), months: part('m'), days: part('d'), hours: part('h') };
}

/**
 * The rules as restic's documentation states them, one rule at a time: `last` keeps the newest N;
 * a calendar rule keeps the newest snapshot of each of the newest N periods that hold one; `within`
 * keeps what is newer than the newest minus the duration; what any rule keeps is kept, and the
 * newest always is.
 */
function referencePrune(list: readonly string[], keep: KeepRules): string[] {
  const newestFirst = [...list].sort().reverse();
  const kept = new Set<string>(newestFirst.slice(0, 1));
  for (const item of newestFirst.slice(0, keep.last ?? 0)) kept.add(item);
  const periods: [number | undefined, (iso: string) => string][] = [
    [keep.hourly, (iso) => iso.slice(0, 13)],
    [keep.daily, (iso) => iso.slice(0, 10)],
    [keep.weekly, (iso) => referenceWeek(iso)],
    [keep.monthly, (iso) => iso.slice(0, 7)],
    [keep.yearly, (iso) => iso.slice(0, 4)],
  ];
  for (const [count, period] of periods) {
    const newestOf = new Map<string, string>();
    for (const item of newestFirst) {
      const key = period(idToDate(item).toISOString());
      if (!newestOf.has(key)) newestOf.set(key, item);
    }
    for (const item of [...newestOf.values()].slice(0, count ?? 0)) kept.add(item);
  }
  const newest = newestFirst[0];
  if (keep.within && newest) {
    const date = idToDate(newest);
    const { years, months, days, hours } = keep.within;
    const since = Date.UTC(
      date.getUTCFullYear() - years,
      date.getUTCMonth() - months,
      date.getUTCDate() - days,
      date.getUTCHours() - hours,
      date.getUTCMinutes(),
      date.getUTCSeconds(),
    );
    for (const item of newestFirst) if (idToDate(item).getTime() > since) kept.add(item);
  }
  return newestFirst.filter((item) => !kept.has(item)).reverse();
}

/** The ISO week of a UTC time: the week (Monday first) and the year of its Thursday. */
function referenceWeek(iso: string): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * 86_400_000);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const firstWeekMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * 86_400_000;
  return `${thursday.getUTCFullYear()}-${Math.floor((thursday.getTime() - firstWeekMonday) / (7 * 86_400_000)) + 1}`;
}

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
