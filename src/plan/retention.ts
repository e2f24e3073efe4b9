import type { KeepRules } from '../config/plan.js';
import { idToDate } from '../model/manifest.js';

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

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
