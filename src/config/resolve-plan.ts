/**
 * RawPlan → Plan: defaults filled in and paths made absolute. Relative paths are taken from the
 * folder that holds the plan file, so a plan means the same thing whatever the current directory.
 */
import { isAbsolute } from 'node:path';
import type {
  DatabaseOverride,
  DatabaseSpec,
  DatasourceSpec,
  ExcludeRule,
  HooksSpec,
  KeepWithin,
  PlanFile,
  RestoreSpec,
  SpotTolerances,
  StoreSpec,
  TargetSpec,
} from './plan.js';
import type { SecretRef } from '../model/secret.js';
import type { Datasource, ExcludePattern, RawPlan, Secret, Store, Target } from './raw-plan.js';

export interface ResolveContext {
  /** Absolute path of the plan file. */
  readonly file: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
}

type RawDatabase = NonNullable<RawPlan['database']>;
type RawRestore = NonNullable<RawPlan['restore']>;
type RawDatabaseOverride = NonNullable<NonNullable<RawRestore['overrides']>['database']>;

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 3306;

/** The plan with every default applied; `raw` must already satisfy the schema. */
export function resolvePlan(raw: RawPlan, context: ResolveContext): PlanFile {
  const base = parentOf(context.file);
  const at = (path: string): string => absolutePath(path, base);
  const fromEnv = context.env.CELLS_WORKING_DIR;
  // Cells' own default on Linux, where cellar runs.
  const workingDir = at(raw.cells?.workingDir ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : `${context.homeDir}/.config/pydio/cells`));
  const service = raw.cells?.service;
  const binary = raw.cells?.binary;
  return {
    file: context.file,
    cells: {
      workingDir,
      service: service === undefined ? undefined : { stop: service.stop, start: service.start, stopFor: service.stopFor ?? 'changes' },
      exclude: (raw.cells?.exclude ?? []).map(excludeRule),
      // A bare command name is looked up in PATH, as a shell would.
      binary: binary?.includes('/') ? at(binary) : binary,
      ...(raw.cells?.consistency ? { consistency: raw.cells.consistency.snapshot } : {}),
    },
    database: raw.database === undefined ? undefined : database(raw.database, at),
    datasources: mapValues(raw.datasources, (spec) => datasource(spec, at)),
    stores: mapValues(raw.stores ?? {}, store),
    targets: mapValues(raw.targets, (spec, name) => target(name, spec, at, secret(raw.signing?.key))),
    restore: raw.restore === undefined ? undefined : restore(raw.restore, workingDir, at),
    hooks: hooks(raw.hooks),
    spot: spotTolerances(raw.verify?.spot),
  };
}

/**
 * An absolute path, with `.` and empty segments dropped. `..` is kept: after a symlink it does not
 * mean the lexical parent, and the safety rules compare paths only once the links are resolved.
 */
export function absolutePath(path: string, base: string): string {
  const joined = isAbsolute(path) ? path : `${base}/${path}`;
  const segments = joined.split('/').filter((segment) => segment !== '' && segment !== '.');
  return `/${segments.join('/')}`;
}

function parentOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash <= 0 ? '/' : file.slice(0, slash);
}

function excludeRule(pattern: ExcludePattern): ExcludeRule {
  return typeof pattern === 'string' ? { pattern, force: false } : { pattern: pattern.pattern, force: pattern.force ?? false };
}

function secret(raw: Secret | undefined): SecretRef | undefined {
  if (raw === undefined) return undefined;
  if ('env' in raw) return { env: raw.env };
  if ('file' in raw) return { file: raw.file };
  if ('command' in raw) return { command: raw.command, timeoutSeconds: raw.timeout ?? defaultSecretTimeout };
  return { credential: raw.credential };
}

/** Seconds a secret's command may take when the plan does not say. */
const defaultSecretTimeout = 30;

function database(raw: RawDatabase, at: (path: string) => string): DatabaseSpec {
  return {
    host: raw.host ?? DEFAULT_HOST,
    port: raw.port ?? DEFAULT_PORT,
    socket: raw.socket === undefined ? undefined : at(raw.socket),
    user: raw.user,
    password: secret(raw.password),
    name: raw.name,
  };
}

function datasource(raw: Datasource, at: (path: string) => string): DatasourceSpec {
  switch (raw.backup) {
    case 'files':
      return {
        backup: 'files',
        path: raw.path === undefined ? undefined : at(raw.path),
        ...(raw.consistency ? { consistency: raw.consistency.snapshot } : {}),
      };
    case 'provider':
      return { backup: 'provider' };
    case 'skip':
      return { backup: 'skip', reason: raw.reason };
  }
}

function store(raw: Store): StoreSpec {
  return raw.backup === 'command'
    ? { backup: 'command', dump: raw.dump, restore: raw.restore, fingerprint: raw.fingerprint }
    : { backup: 'skip', reason: raw.reason };
}

function target(name: string, raw: Target, at: (path: string) => string, signingKey: SecretRef | undefined): TargetSpec {
  const keep = raw.keep;
  return {
    name,
    path: at(raw.path),
    keep:
      keep === undefined
        ? undefined
        : {
            last: keep.last,
            hourly: keep.hourly,
            daily: keep.daily,
            weekly: keep.weekly,
            monthly: keep.monthly,
            yearly: keep.yearly,
            within: keep.within === undefined ? undefined : readWithin(keep.within),
          },
    signingKey,
  };
}

/** `30d`, `1y6m`, `2d12h`: the schema has checked the form. */
function readWithin(text: string): KeepWithin {
  const part = (unit: string): number => Number(new RegExp(`([0-9]+)${unit}`).exec(text)?.[1] ?? 0);
  return { text, years: part('y'), months: part('m'), days: part('d'), hours: part('h') };
}

function restore(raw: RawRestore, workingDir: string, at: (path: string) => string): RestoreSpec {
  const overrides = raw.overrides;
  const admin = raw.database?.admin;
  return {
    from: raw.from,
    workingDir: raw.workingDir === undefined ? workingDir : at(raw.workingDir),
    overrides: {
      hostname: overrides?.hostname,
      publicUrl: overrides?.publicUrl,
      database: overrides?.database === undefined ? undefined : databaseOverride(overrides.database, at),
      paths: { ...overrides?.paths },
    },
    admin: admin === undefined ? undefined : { user: admin.user, password: secret(admin.password) },
  };
}

function databaseOverride(raw: RawDatabaseOverride, at: (path: string) => string): DatabaseOverride {
  return {
    host: raw.host,
    port: raw.port,
    socket: raw.socket === undefined ? undefined : at(raw.socket),
    name: raw.name,
    user: raw.user,
    password: secret(raw.password),
  };
}

/** borgmatic's spot check asks for each value; cellar starts from a file count within 10%, 1% sampled, no content difference. */
function spotTolerances(raw: NonNullable<RawPlan['verify']>['spot']): SpotTolerances {
  return { countTolerance: raw?.count_tolerance ?? 10, sample: raw?.sample ?? 1, dataTolerance: raw?.data_tolerance ?? 0 };
}

function hooks(raw: RawPlan['hooks']): HooksSpec {
  return { before: raw?.before, after: raw?.after, onSuccess: raw?.onSuccess, onFailure: raw?.onFailure };
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, map: (value: T, key: string) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value, key)]));
}
