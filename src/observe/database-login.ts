import type { CellsConfig } from '../cells/cells-config.js';
import { dsnEndpoint } from '../cells/dsn.js';
import type { DsnOverride } from '../cells/patch-config.js';
import type { PlanFile } from '../config/plan.js';
import type { Login } from '../adapters/mysql/login.js';
import { describeSecretSource, resolveSecret } from '../adapters/secrets/resolve-secret.js';

export interface DatabaseSource {
  readonly name: string;
  readonly login: Login;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The database a backup dumps: the plan's `database:` when given, else the MySQL DSN that
 * pydio.json's `defaults.database` points at. Undefined when Cells has no MySQL database.
 */
export function backupDatabase(plan: PlanFile, cells: CellsConfig | undefined, env: Env): DatabaseSource | undefined {
  const spec = plan.database;
  if (spec) {
    const password = spec.password ? resolveSecret(spec.password, env, 'database.password') : undefined;
    const passwordFrom = spec.password ? describeSecretSource(spec.password) : undefined;
    return { name: spec.name, login: { host: spec.host, port: spec.port, socket: spec.socket, user: spec.user, password, passwordFrom } };
  }
  return configuredDatabase(cells);
}

/** The MySQL database that pydio.json's `defaults.database` points at, with the DSN's login. */
export function configuredDatabase(cells: CellsConfig | undefined): DatabaseSource | undefined {
  const mysql = cells?.defaultMysql;
  if (!mysql) return undefined;
  const endpoint = dsnEndpoint(mysql.dsn);
  return {
    name: mysql.dsn.database,
    login: {
      host: 'host' in endpoint ? endpoint.host : '127.0.0.1',
      port: 'port' in endpoint ? endpoint.port : 3306,
      socket: 'socket' in endpoint ? endpoint.socket : undefined,
      user: mysql.dsn.user,
      password: mysql.dsn.password,
      passwordFrom: "pydio.json's database DSN",
    },
  };
}

export interface RestoreDatabase {
  /** Where the dump is loaded: the overrides over the backup's database. */
  readonly source: DatabaseSource;
  /** Login for CREATE DATABASE and GRANT, when the plan declares one. */
  readonly admin: Login | undefined;
  /** The overridden DSN fields, secrets resolved, for the pydio.json patch. */
  readonly override: DsnOverride | undefined;
}

/**
 * The database a restore loads into: each field of `restore.overrides.database` over the backup's
 * database (the plan's `database:` or the snapshot's own DSN). A safety snapshot goes back into
 * the database it was dumped from, reached with the same login, and patches nothing.
 */
export function restoreDatabase(
  plan: PlanFile,
  snapshotCells: CellsConfig,
  dumped: { readonly name: string; readonly safety: boolean },
  env: Env,
): RestoreDatabase {
  const base = backupDatabase(plan, snapshotCells, env);
  const override = plan.restore?.overrides.database;
  const password = override?.password ? resolveSecret(override.password, env, 'restore.overrides.database.password') : undefined;
  const login: Login = {
    host: override?.host ?? base?.login.host ?? '127.0.0.1',
    port: override?.port ?? base?.login.port ?? 3306,
    socket: override?.socket ?? (override?.host !== undefined ? undefined : base?.login.socket),
    user: override?.user ?? base?.login.user ?? 'root',
    password: password ?? base?.login.password,
    passwordFrom: override?.password ? describeSecretSource(override.password) : base?.login.passwordFrom,
  };
  const admin = plan.restore?.admin;
  return {
    source: { name: dumped.safety ? dumped.name : (override?.name ?? base?.name ?? dumped.name), login },
    admin: admin && {
      ...login,
      user: admin.user,
      password: admin.password ? resolveSecret(admin.password, env, 'restore.database.admin.password') : undefined,
      passwordFrom: admin.password ? describeSecretSource(admin.password) : undefined,
    },
    override:
      dumped.safety || !override
        ? undefined
        : {
            host: override.host,
            port: override.port,
            socket: override.socket,
            name: override.name,
            user: override.user,
            password,
          },
  };
}
