/*
 * Generated from schemas/backup-plan.schema.json by scripts/gen-types.mjs; do not edit.
 * Change the schema, then run `npm run gen:types`. A test fails when this file is stale.
 */
/* eslint-disable @typescript-eslint/consistent-indexed-object-style */

/**
 * A command as an argv list: the program, then its arguments. No shell is involved.
 *
 * @minItems 1
 *
 * This interface was referenced by `RawPlan`'s JSON-Schema
 * via the `definition` "argv".
 */
export type Argv = [string, ...string[]];
/**
 * Where a secret is read from: { env: NAME }, { file: /path }, { command: [argv...] } or { credential: NAME }; secrets are never written in the plan.
 *
 * This interface was referenced by `RawPlan`'s JSON-Schema
 * via the `definition` "secret".
 */
export type Secret = EnvSecret | FileSecret | CommandSecret | CredentialSecret;
/**
 * An rsync-style pattern, or { pattern, force } to exclude something a restore needs.
 *
 * This interface was referenced by `RawPlan`'s JSON-Schema
 * via the `definition` "excludePattern".
 */
export type ExcludePattern = string | ForcedExclude;
/**
 * How one datasource is backed up.
 *
 * This interface was referenced by `RawPlan`'s JSON-Schema
 * via the `definition` "datasource".
 */
export type Datasource = FilesDatasource | ProviderDatasource | SkippedDatasource;
/**
 * How one database that cellar cannot dump itself is backed up.
 *
 * This interface was referenced by `RawPlan`'s JSON-Schema
 * via the `definition` "store".
 */
export type Store = CommandStore | SkippedStore;

/**
 * A cellar backup plan (format version 1): what to back up from one Pydio Cells installation, where to keep the snapshots, and how to restore them. Relative paths are resolved against the folder that holds this file; "~" is not expanded.
 */
export interface RawPlan {
  /**
   * Format version of this file. Only 1 exists.
   */
  version: 1;
  /**
   * The Cells installation: its working dir, how to stop and start it, and what to leave out.
   */
  cells?: {
    /**
     * The Cells working dir, the folder that holds pydio.json. Default: $CELLS_WORKING_DIR, then ~/.config/pydio/cells.
     */
    workingDir?: string;
    /**
     * The cells binary (a path, or a command name looked up in PATH). When set, cellar runs Cells' own admin commands: index snapshots of flat datasources, resyncs after a restore.
     */
    binary?: string;
    /**
     * How to stop and start Cells. Its Bolt and Bleve stores under services/ must not be copied while it runs.
     */
    service?: {
      /**
       * Command that stops Cells, as an argv list (never a shell string), e.g. [systemctl, stop, cells].
       */
      stop: Argv;
      /**
       * Command that starts Cells again, as an argv list, e.g. [systemctl, start, cells].
       */
      start: Argv;
      /**
       * When to stop Cells: changes (default: only when something must be copied), always, or never (you stop it yourself).
       */
      stopFor?: 'changes' | 'always' | 'never';
    };
    /**
     * rsync-style patterns, relative to the working dir and to each datasource folder, that are not backed up. Default: none. Excluding anything under data/ or services/, pydio.json or the vault files needs force: true.
     */
    exclude?: ExcludePattern[];
    /**
     * How the working dir and the trees inside it are copied consistently.
     */
    consistency?: Consistency;
  };
  /**
   * The Cells MySQL or MariaDB database. Omitted: read the DSN from pydio.json.
   */
  database?: {
    /**
     * Server host name or address. Default: 127.0.0.1.
     */
    host?: string;
    /**
     * Server TCP port. Default: 3306.
     */
    port?: number;
    /**
     * Unix socket of the server; when set, host and port are not used.
     */
    socket?: string;
    /**
     * The database user Cells connects as.
     */
    user: string;
    /**
     * Where the password is read from (a secret: env, file, command or credential). Omit it for socket or password-less logins.
     */
    password?: Secret;
    /**
     * The database name.
     */
    name: string;
  };
  /**
   * Every datasource listed in pydio.json, by name, and how it is backed up. An undeclared datasource is an error: it would silently not be backed up.
   */
  datasources: {
    [k: string]: Datasource;
  };
  /**
   * Every database in pydio.json's databases other than the MySQL one and the Bolt/Bleve files inside the working dir (a MongoDB for Cells' document stores, say), by its id there, and how it is backed up. An undeclared one is an error: it would silently not be backed up.
   */
  stores?: {
    [k: string]: Store;
  };
  /**
   * Where snapshots are kept, by name (at least one).
   */
  targets: {
    [k: string]: Target;
  };
  /**
   * Signs every snapshot's manifest with a key kept outside the targets: with it, verify and restore refuse a snapshot that someone who can write to the target, but has not the key, changed or forged (its file lists and dumps included, which the manifest names by sha256).
   */
  signing?: {
    /**
     * Where the signing key is read from (a secret: env, file, command or credential). Keep it off the targets' disks.
     */
    key: Secret;
  };
  /**
   * How a restore is done: from which target, into which working dir, and what changes on the new host.
   */
  restore?: {
    /**
     * Name of the target to restore from.
     */
    from: string;
    /**
     * The working dir to restore into. Default: cells.workingDir.
     */
    workingDir?: string;
    /**
     * Database settings that only a restore needs.
     */
    database?: {
      /**
       * Login used for CREATE DATABASE and GRANT when the Cells user may not run them.
       */
      admin?: {
        /**
         * An administrative database user, e.g. root.
         */
        user: string;
        /**
         * Where its password is read from (a secret: env, file, command or credential).
         */
        password?: Secret;
      };
    };
    /**
     * Values that change on the restored host. The old values come from the snapshot's own pydio.json.
     */
    overrides?: {
      /**
       * New internal host name: every PeerAddress (and urlInternal before Cells 2.2).
       */
      hostname?: string;
      /**
       * New public URL: sites[].ReverseProxyURL (defaults.url before Cells 2.2) and every literal occurrence of the old one.
       */
      publicUrl?: string;
      /**
       * New database location and login; unset fields keep the snapshot's values.
       */
      database?: {
        /**
         * New server host name or address.
         */
        host?: string;
        /**
         * New server TCP port.
         */
        port?: number;
        /**
         * New Unix socket of the server.
         */
        socket?: string;
        /**
         * New database name.
         */
        name?: string;
        /**
         * New database user.
         */
        user?: string;
        /**
         * Where the new password is read from (a secret: env, file, command or credential).
         */
        password?: Secret;
      };
      /**
       * Datasource folders that moved on the new host: old absolute folder → new absolute folder.
       */
      paths?: {
        [k: string]: string;
      };
    };
  };
  /**
   * Commands run around a backup, as argv lists. Environment variables carry the outcome, the snapshot id and counts. A failed hook is reported; it never hides the backup's own result.
   */
  hooks?: {
    /**
     * Runs before anything else.
     */
    before?: Argv;
    /**
     * Runs last, whatever the outcome.
     */
    after?: Argv;
    /**
     * Runs when the backup succeeded, e.g. a healthchecks ping.
     */
    onSuccess?: Argv;
    /**
     * Runs when the backup failed, e.g. a mail.
     */
    onFailure?: Argv;
  };
  /**
   * How cellar verify checks things.
   */
  verify?: {
    /**
     * Tolerances of cellar verify --against-live, which compares the live installation with the latest snapshot (as borgmatic's spot check does).
     */
    spot?: {
      /**
       * Percent by which a tree's live file count may differ from the snapshot's. Default: 10.
       */
      count_tolerance?: number;
      /**
       * Percent of the snapshot's files, among those whose size and time did not change, whose contents are hashed and compared. Default: 1.
       */
      sample?: number;
      /**
       * Percent of the sampled files whose contents may differ from the snapshot's. Default: 0.
       */
      data_tolerance?: number;
    };
  };
}
/**
 * This interface was referenced by `RawPlan`'s JSON-Schema
 * via the `definition` "consistency".
 */
export interface Consistency {
  /**
   * btrfs: copy from a read-only snapshot of the btrfs subvolume that holds the folder, taken while Cells is stopped for that instant only, and always removed.
   */
  snapshot: 'btrfs';
}
export interface EnvSecret {
  /**
   * Name of the environment variable that holds the secret.
   */
  env: string;
}
export interface FileSecret {
  /**
   * Absolute path of a file that holds the secret (one line; a trailing newline is ignored). It must be owned by the user running cellar, with mode 0600 or 0400.
   */
  file: string;
}
export interface CommandSecret {
  /**
   * A command that prints the secret, as an argv list (no shell), e.g. [pass, show, cells/db]; its output, trimmed, is the secret. It must finish within timeout seconds.
   *
   * @minItems 1
   */
  command: [string, ...string[]];
  /**
   * Seconds the command may take. Default: 30.
   */
  timeout?: number;
}
export interface CredentialSecret {
  /**
   * Name of a systemd credential (LoadCredential=NAME:/path in the unit), read from $CREDENTIALS_DIRECTORY/NAME.
   */
  credential: string;
}
export interface ForcedExclude {
  /**
   * The rsync-style pattern.
   */
  pattern: string;
  /**
   * Allow the pattern to exclude data/, services/, pydio.json or the vault files, without which a restore is incomplete.
   */
  force?: boolean;
}
export interface FilesDatasource {
  /**
   * files: cellar copies the datasource folder (local storage).
   */
  backup: 'files';
  /**
   * The datasource folder, when it differs from the folder in pydio.json.
   */
  path?: string;
  /**
   * How the datasource folder (and its .minio.sys) is copied consistently.
   */
  consistency?: {
    /**
     * btrfs: copy from a read-only snapshot of the btrfs subvolume that holds the folder, taken while Cells is stopped for that instant only, and always removed.
     */
    snapshot: 'btrfs';
  };
}
export interface ProviderDatasource {
  /**
   * provider: the storage provider keeps the objects (e.g. S3 bucket versioning); cellar backs up the configuration and the index.
   */
  backup: 'provider';
}
export interface SkippedDatasource {
  /**
   * skip: not backed up at all.
   */
  backup: 'skip';
  /**
   * Why it is not backed up (shown in every plan).
   */
  reason: string;
}
/**
 * A folder that holds snapshots.
 *
 * This interface was referenced by `RawPlan`'s JSON-Schema
 * via the `definition` "target".
 */
export interface Target {
  /**
   * The target folder: new, empty, or initialised by cellar (it holds cellar-target.json). Never inside or around the working dir or a datasource.
   */
  path: string;
  /**
   * Which snapshots to keep, with the rules and meaning of restic's forget (a snapshot any rule keeps is kept; the newest is always kept). Omitted: keep every snapshot.
   */
  keep?: {
    /**
     * Keep the newest N snapshots.
     */
    last?: number;
    /**
     * Keep the newest snapshot of each of the last N hours (UTC) that have one.
     */
    hourly?: number;
    /**
     * Keep the newest snapshot of each of the last N days that have one.
     */
    daily?: number;
    /**
     * Keep the newest snapshot of each of the last N weeks that have one.
     */
    weekly?: number;
    /**
     * Keep the newest snapshot of each of the last N months that have one.
     */
    monthly?: number;
    /**
     * Keep the newest snapshot of each of the last N years that have one.
     */
    yearly?: number;
    /**
     * Keep every snapshot taken within this duration of the newest one: years, months, days and hours, in that order, as restic writes it (30d, 1y6m, 2d12h).
     */
    within?: string;
  };
}
export interface CommandStore {
  /**
   * command: cellar runs your dump command and keeps its output in the snapshot, hashed; a restore feeds it to your restore command.
   */
  backup: 'command';
  /**
   * Writes the whole store to standard output, as an argv list (no shell), e.g. [mongodump, --uri=mongodb://127.0.0.1/cells, --archive].
   *
   * @minItems 1
   */
  dump: [string, ...string[]];
  /**
   * Reads a dump on standard input and replaces the store with it, as an argv list, e.g. [mongorestore, --uri=mongodb://127.0.0.1/cells, --archive, --drop].
   *
   * @minItems 1
   */
  restore: [string, ...string[]];
  /**
   * Prints something that changes whenever the store's content changes (and only then), as an argv list, e.g. a dbHash; plan compares it with the snapshot's to see drift, and a restore checks it after loading.
   *
   * @minItems 1
   */
  fingerprint: [string, ...string[]];
}
export interface SkippedStore {
  /**
   * skip: not backed up by cellar.
   */
  backup: 'skip';
  /**
   * Why, and how it is protected instead (shown as a warning in every plan).
   */
  reason: string;
}
