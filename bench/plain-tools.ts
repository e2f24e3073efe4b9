/*
 * The commands an operator would type by hand instead of cellar. Paths and names reach the shell
 * as positional parameters, never spliced into the script; the password stays in an option file.
 */

/** What every plain database command needs: an option file with the login, and the database. */
export interface PlainDatabase {
  readonly clientOptions: string;
  readonly name: string;
}

/** A real copy of a tree, made once: the reference the dry run compares with. */
export function rsyncCopy(source: string, destination: string): string[] {
  return ['rsync', '-a', `${source}/`, `${destination}/`];
}

/** What a backup would transfer, without transferring it. */
export function rsyncDryRun(source: string, copy: string): string[] {
  return ['rsync', '-a', '--delete', '--dry-run', `${source}/`, `${copy}/`];
}

/** `mysqldump --single-transaction | gzip > output`, failing when either side fails. */
export function dumpPipeline(database: PlainDatabase, output: string): string[] {
  return bash('mysqldump --defaults-extra-file="$1" --single-transaction "$2" | gzip > "$3"', database.clientOptions, database.name, output);
}

/** An incremental backup: a hard-linked copy of the tree against the previous one, then a full dump. */
export function backupScript(source: string, previous: string, next: string, database: PlainDatabase, dump: string): string[] {
  return bash(
    'rsync -a --delete --link-dest="$1" "$2/" "$3/" && mysqldump --defaults-extra-file="$4" --single-transaction "$5" | gzip > "$6"',
    previous,
    source,
    next,
    database.clientOptions,
    database.name,
    dump,
  );
}

/** A full restore: the tree copied back, a new database created and the dump loaded into it. */
export function restoreScript(backup: string, destination: string, admin: PlainDatabase, dump: string): string[] {
  return bash(
    'rsync -a "$1/" "$2/" && mysql --defaults-extra-file="$3" -e "CREATE DATABASE \\`$4\\`" && gunzip < "$5" | mysql --defaults-extra-file="$3" "$4"',
    backup,
    destination,
    admin.clientOptions,
    admin.name,
    dump,
  );
}

function bash(script: string, ...args: string[]): string[] {
  return ['bash', '-o', 'pipefail', '-c', script, 'plain', ...args];
}
