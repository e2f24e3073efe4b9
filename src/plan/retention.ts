import type { KeepRules } from '../config/plan.js';

/**
 * Which snapshots the `keep` rules retain, as restic's `forget` counts them (a snapshot kept by one
 * rule still counts for the others): the newest `last`
 * snapshots, plus the newest snapshot of each of the latest `daily` days, `weekly` ISO weeks and
 * `monthly` months that have one (UTC). Returns the ids to prune, oldest first.
 */
export function snapshotsToPrune(ids: readonly string[], keep: KeepRules | undefined): string[] {
  if (!keep) return [];
  const newestFirst = [...ids].sort().reverse();
  const kept = new Set(newestFirst.slice(0, keep.last ?? 0));
  const buckets: [number | undefined, (date: Date) => string][] = [
    [keep.daily, (date) => date.toISOString().slice(0, 10)],
    [keep.weekly, isoWeek],
    [keep.monthly, (date) => date.toISOString().slice(0, 7)],
  ];
  for (const [count, bucketOf] of buckets) {
    if (!count) continue;
    const seen = new Set<string>();
    for (const id of newestFirst) {
      const bucket = bucketOf(idToDate(id));
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      kept.add(id);
      if (seen.size === count) break;
    }
  }
  return newestFirst.filter((id) => !kept.has(id)).reverse();
}

/** `20261125T140500Z` → that instant. */
export function idToDate(id: string): Date {
  const iso = `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T${id.slice(9, 11)}:${id.slice(11, 13)}:${id.slice(13, 15)}Z`;
  return new Date(iso);
}

/** The snapshot id for an instant: its UTC timestamp to the second. */
export function dateToId(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
