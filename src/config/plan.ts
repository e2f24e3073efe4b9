/**
 * The validated, resolved plan: defaults filled in, paths absolute, secrets still references
 * (they are read only when a connection needs them). Built from a RawPlan by `resolvePlan`.
 */

import type { SecretRef } from '../model/secret.js';

export type StopFor = 'changes' | 'always' | 'never';

export interface ServiceSpec {
  readonly stop: readonly string[];
  readonly start: readonly string[];
  readonly stopFor: StopFor;
}

/** One rsync-style exclude pattern, relative to each tree; `force` allows excluding what a restore needs. */
export interface ExcludeRule {
  readonly pattern: string;
  readonly force: boolean;
}

export interface CellsSpec {
  readonly workingDir: string;
  readonly service: ServiceSpec | undefined;
  readonly exclude: readonly ExcludeRule[];
  /** Path of the `cells` binary; when set, cellar runs Cells' own admin commands (index snapshot, resync). */
  readonly binary: string | undefined;
  /** Copy the working dir's trees from a read-only file-system snapshot. */
  readonly consistency?: 'btrfs' | undefined;
}

export interface LoginSpec {
  readonly user: string;
  readonly password: SecretRef | undefined;
}

export interface DatabaseSpec {
  readonly host: string;
  readonly port: number;
  /** Unix socket path; when set, host and port are ignored by the clients. */
  readonly socket: string | undefined;
  readonly user: string;
  readonly password: SecretRef | undefined;
  readonly name: string;
}

export type DatasourceSpec =
  | { readonly backup: 'files'; readonly path: string | undefined; readonly consistency?: 'btrfs' | undefined }
  | { readonly backup: 'provider' }
  | { readonly backup: 'skip'; readonly reason: string };

/** A database of pydio.json that cellar cannot dump itself, and the operator's commands for it. */
export type StoreSpec =
  | {
      readonly backup: 'command';
      readonly dump: readonly string[];
      readonly restore: readonly string[];
      readonly fingerprint: readonly string[];
    }
  | { readonly backup: 'skip'; readonly reason: string };

export interface KeepRules {
  readonly last: number | undefined;
  readonly hourly: number | undefined;
  readonly daily: number | undefined;
  readonly weekly: number | undefined;
  readonly monthly: number | undefined;
  readonly yearly: number | undefined;
  readonly within: KeepWithin | undefined;
}

/** `keep.within`, read: a duration as restic's `--keep-within` takes it. */
export interface KeepWithin {
  /** As the plan writes it (`30d`). */
  readonly text: string;
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly hours: number;
}

export interface TargetSpec {
  readonly name: string;
  readonly path: string;
  /** Undefined: keep every snapshot. */
  readonly keep: KeepRules | undefined;
  /** The plan's signing key: manifests are signed with it, and refused unless they are. */
  readonly signingKey: SecretRef | undefined;
}

export interface DatabaseOverride {
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly socket: string | undefined;
  readonly name: string | undefined;
  readonly user: string | undefined;
  readonly password: SecretRef | undefined;
}

export interface RestoreOverrides {
  readonly hostname: string | undefined;
  readonly publicUrl: string | undefined;
  readonly database: DatabaseOverride | undefined;
  /** Old absolute folder → new absolute folder. */
  readonly paths: Readonly<Record<string, string>>;
}

export interface RestoreSpec {
  readonly from: string;
  readonly workingDir: string;
  readonly overrides: RestoreOverrides;
  /** Login used for CREATE DATABASE and GRANT when the application user may not. */
  readonly admin: LoginSpec | undefined;
}

export interface HooksSpec {
  readonly before: readonly string[] | undefined;
  readonly after: readonly string[] | undefined;
  readonly onSuccess: readonly string[] | undefined;
  readonly onFailure: readonly string[] | undefined;
}

export interface PlanFile {
  /** The plan file, for messages. */
  readonly file: string;
  readonly cells: CellsSpec;
  /** Undefined: read the MySQL DSN from pydio.json. */
  readonly database: DatabaseSpec | undefined;
  readonly datasources: Readonly<Record<string, DatasourceSpec>>;
  /** By the database's id in pydio.json. */
  readonly stores: Readonly<Record<string, StoreSpec>>;
  readonly targets: Readonly<Record<string, TargetSpec>>;
  readonly restore: RestoreSpec | undefined;
  readonly hooks: HooksSpec;
  readonly spot: SpotTolerances;
}

/** `verify.spot`, defaults filled in: percentages. */
export interface SpotTolerances {
  readonly countTolerance: number;
  readonly sample: number;
  readonly dataTolerance: number;
}
