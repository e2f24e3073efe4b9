import type { KeepRules, KeepWithin } from '../config/plan.js';
import { idToDate } from '../model/manifest.js';

/** Why a snapshot is kept: the rules that keep it, in restic's words ("last snapshot", "daily snapshot", "within 30d"). */
export interface Retained {
  readonly id: string;
  readonly rules: readonly string[];
}

export interface Retention {
  /** Kept snapshots, newest first, each with the rules that keep it. */
  readonly kept: readonly Retained[];
  /** Snapshots no rule keeps, oldest first. */
  readonly pruned: readonly string[];
}

interface Bucket {
  readonly count: number | undefined;
  readonly reason: string;
  /** The calendar bucket of a snapshot's time (UTC); snapshots in one bucket compete for one place. */
  readonly of: (date: Date, index: number) => string;
}

/**
 * Applies `keep` as restic's `forget` does (restic 0.14's ApplyPolicy): snapshots are walked newest
 * first; `within` keeps those taken within that duration of the newest snapshot; each counted rule
 * keeps the first snapshot of every new bucket until its count is used up, a snapshot kept by one
 * rule still counting for the others. Buckets are UTC hours, days, ISO weeks, months and years
 * (restic uses the local time zone). `protect` names snapshots kept whatever the rules say (`reason`
 * is shown for them), and the newest snapshot is always kept, so that rules of 0 never empty a target.
 */
export function applyRetention(ids: readonly string[], keep: KeepRules | undefined, protect: ReadonlyMap<string, string> = new Map()): Retention {
  const newestFirst = [...new Set(ids)].sort().reverse();
  if (!keep) return { kept: newestFirst.map((id) => ({ id, rules: ['no keep rules'] })), pruned: [] };
  const buckets: Bucket[] = [
    { count: keep.last, reason: 'last snapshot', of: (_date, index) => String(index) },
    { count: keep.hourly, reason: 'hourly snapshot', of: (date) => date.toISOString().slice(0, 13) },
    { count: keep.daily, reason: 'daily snapshot', of: (date) => date.toISOString().slice(0, 10) },
    { count: keep.weekly, reason: 'weekly snapshot', of: isoWeek },
    { count: keep.monthly, reason: 'monthly snapshot', of: (date) => date.toISOString().slice(0, 7) },
    { count: keep.yearly, reason: 'yearly snapshot', of: (date) => date.toISOString().slice(0, 4) },
  ];
  const left = buckets.map((bucket) => bucket.count ?? 0);
  const last: (string | undefined)[] = buckets.map(() => undefined);
  const newest = newestFirst[0];
  const since = keep.within && newest !== undefined ? before(idToDate(newest), keep.within) : undefined;

  const kept: Retained[] = [];
  const pruned: string[] = [];
  newestFirst.forEach((id, index) => {
    const date = idToDate(id);
    const rules: string[] = [];
    const protectedBy = protect.get(id);
    if (protectedBy !== undefined) rules.push(protectedBy);
    if (since !== undefined && keep.within && date.getTime() > since.getTime()) rules.push(`within ${keep.within.text}`);
    buckets.forEach((bucket, at) => {
      if (left[at] === 0) return;
      const value = bucket.of(date, index);
      if (value === last[at]) return;
      last[at] = value;
      left[at] = (left[at] ?? 0) - 1;
      rules.push(bucket.reason);
    });
    if (index === 0 && rules.length === 0) rules.push('newest snapshot');
    if (rules.length > 0) kept.push({ id, rules });
    else pruned.push(id);
  });
  return { kept, pruned: pruned.reverse() };
}

/** The ids `keep` prunes, oldest first. */
export function snapshotsToPrune(ids: readonly string[], keep: KeepRules | undefined): string[] {
  return [...applyRetention(ids, keep).pruned];
}

/** `date` moved back by the duration, calendar-wise for years, months and days as Go's AddDate is. */
function before(date: Date, within: KeepWithin): Date {
  const moved = new Date(date.getTime());
  moved.setUTCFullYear(moved.getUTCFullYear() - within.years, moved.getUTCMonth() - within.months, moved.getUTCDate() - within.days);
  return new Date(moved.getTime() - within.hours * 3_600_000);
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
