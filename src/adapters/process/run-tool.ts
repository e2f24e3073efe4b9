import { CellarError } from '../../core/errors.js';

/** How to install a tool cellar drives, for the error that says it is missing. */
const installHints: Record<string, string> = {
  rsync: 'apt-get install rsync',
  mysqldump: 'apt-get install mariadb-client',
  'mariadb-dump': 'apt-get install mariadb-client',
  mysql: 'apt-get install mariadb-client',
  mariadb: 'apt-get install mariadb-client',
  btrfs: 'apt-get install btrfs-progs',
};

/** The error for a program that is not on PATH. */
export function toolMissing(program: string, cause?: unknown): CellarError {
  const hint = installHints[program];
  const how = hint ? `install it (${hint}) or run npm run setup` : 'install it or fix the path in the plan';
  return new CellarError('TOOL_MISSING', `${program} was not found; ${how}`, { cause });
}

/** True for the spawn error of a program that does not exist. */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** The last non-empty line of a tool's stderr, for a one-line error. */
export function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines[lines.length - 1] ?? '(no message)';
}
