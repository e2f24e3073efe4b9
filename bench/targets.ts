/** The comparisons of the suite, what each side runs, and the target issue 6 sets for it. */

export type CaseId = 'plan' | 'backup' | 'backup-db-unchanged' | 'db-decision' | 'dump' | 'restore' | 'version' | 'validate';

/** A bound on cellar's time: a ratio to the plain tool's, or a number of milliseconds more than it. */
export type Target =
  { readonly kind: 'ratio'; readonly max: number; readonly aim?: number } | { readonly kind: 'extra-ms'; readonly max: number } | { readonly kind: 'none' };

export interface CaseSpec {
  readonly id: CaseId;
  readonly label: string;
  readonly cellar: string;
  readonly plain: string;
  readonly target: Target;
}

export const cases: readonly CaseSpec[] = [
  { id: 'plan', label: 'no-change plan', cellar: 'cellar plan', plain: 'rsync -a --delete --dry-run', target: { kind: 'ratio', max: 1.5, aim: 1.1 } },
  {
    id: 'backup',
    label: 'incremental backup, 1% of files and a row changed',
    cellar: 'cellar apply --yes',
    plain: 'rsync -a --delete --link-dest + mysqldump --single-transaction | gzip',
    target: { kind: 'ratio', max: 1.3 },
  },
  {
    id: 'backup-db-unchanged',
    label: 'incremental backup, 1% of files, database unchanged',
    cellar: 'cellar apply --yes',
    plain: 'the same rsync --link-dest + mysqldump | gzip (it cannot skip the dump)',
    target: { kind: 'ratio', max: 1.0 },
  },
  {
    id: 'db-decision',
    label: 'unchanged-database decision',
    cellar: 'observeDatabase (fingerprint step, in process)',
    plain: 'mysqldump --single-transaction | gzip',
    target: { kind: 'ratio', max: 0.1 },
  },
  {
    id: 'dump',
    label: 'database dump',
    cellar: 'dumpDatabase (dump action, in process)',
    plain: 'mysqldump --single-transaction | gzip',
    target: { kind: 'ratio', max: 1.1 },
  },
  {
    id: 'restore',
    label: 'full restore, fresh folder and database',
    cellar: 'cellar apply --restore --yes --no-safety-snapshot',
    plain: 'rsync -a + CREATE DATABASE + gunzip | mysql',
    target: { kind: 'ratio', max: 1.3 },
  },
  { id: 'version', label: 'start-up', cellar: 'cellar --version', plain: 'node -e 0', target: { kind: 'extra-ms', max: 150 } },
  { id: 'validate', label: 'start-up', cellar: 'cellar validate', plain: 'node -e 0', target: { kind: 'none' } },
];

/** Peak memory of the no-change plan at 100,000 files, and at 1,000,000 (scaling). */
export const planMemoryTarget = { files: 100_000, maxMib: 256 } as const;
export const scaledMemoryTarget = { files: 1_000_000, maxMib: 1024 } as const;

export type Verdict = 'PASS' | 'MISS' | 'n/a';

export function judge(target: Target, cellarSeconds: number, plainSeconds: number): Verdict {
  switch (target.kind) {
    case 'ratio':
      return cellarSeconds / plainSeconds <= target.max ? 'PASS' : 'MISS';
    case 'extra-ms':
      return (cellarSeconds - plainSeconds) * 1000 <= target.max ? 'PASS' : 'MISS';
    case 'none':
      return 'n/a';
  }
}

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'ratio':
      return `≤ ${target.max}×${target.aim === undefined ? '' : ` (aim ≤ ${target.aim}×)`}`;
    case 'extra-ms':
      return `≤ +${target.max} ms`;
    case 'none':
      return '—';
  }
}
