/**
 * The commented plan `cellar init` writes for an existing installation: every datasource of its
 * pydio.json declared, the database taken from the default MySQL DSN (never its password), one
 * local target. Written as text so that the comments sit where a reader needs them.
 */
import { parse } from 'yaml';
import type { CellsConfig, DatasourceInfo } from '../cells/cells-config.js';
import { externalStores } from '../cells/databases.js';
import { dsnEndpoint, type DsnEndpoint, type MysqlDsn } from '../cells/dsn.js';
import { isCellarError } from '../core/errors.js';
import { storageName } from './datasource-rules.js';

export interface InitialPlanInput {
  /** Absolute path of the Cells working dir. */
  readonly workingDir: string;
  /** Absolute path of the folder that will hold the snapshots. */
  readonly targetDir: string;
  readonly config: CellsConfig;
  /** Path or URL of the JSON Schema, for editors. */
  readonly schemaRef: string;
}

/** The environment variable the written plan reads the database password from. */
const PASSWORD_VARIABLE = 'CELLS_DB_PASSWORD';

/** The plan's text. */
export function renderInitialPlan(input: InitialPlanInput): string {
  const version = input.config.version === undefined ? '' : ` (Cells ${input.config.version})`;
  return [
    `# yaml-language-server: $schema=${input.schemaRef}`,
    `# Backup plan for the Cells installation in ${comment(input.workingDir)}${comment(version)}, written by \`cellar init\`.`,
    '# `cellar validate` checks it; `cellar plan` shows what a backup would do.',
    'version: 1',
    '',
    'cells:',
    `  workingDir: ${scalar(input.workingDir)}`,
    '  # How to stop and start Cells: its stores under services/ must not be copied while it runs.',
    '  # service:',
    '  #   stop: [systemctl, stop, cells]',
    '  #   start: [systemctl, start, cells]',
    '  #   stopFor: changes                 # changes (default) | always | never',
    "  # binary: /usr/local/bin/cells       # lets cellar run Cells' own admin commands",
    '  # exclude: [logs/]                   # rsync-style patterns, relative to each tree',
    '',
    ...databaseLines(input.config),
    '',
    ...datasourceLines(input.config.datasources),
    '',
    ...storeLines(input.config, input.workingDir),
    'targets:',
    '  local:',
    `    path: ${scalar(input.targetDir)}`,
    '    keep: { last: 7, daily: 14, weekly: 8, monthly: 12 }',
    '',
  ].join('\n');
}

function databaseLines(config: CellsConfig): string[] {
  const mysql = config.defaultMysql;
  if (mysql === undefined) {
    const why = config.defaultDatabase === undefined ? 'names no default database' : `uses ${comment(config.defaultDatabase.driver)}, not MySQL`;
    return [`# pydio.json ${why}. Declare the MySQL database Cells uses:`, ...commentedDatabase()];
  }
  const endpoint = readEndpoint(mysql.dsn);
  if (endpoint === undefined || mysql.dsn.user === '' || mysql.dsn.database === '') {
    return ["# pydio.json's default MySQL DSN names no usable server, user or database. Declare them:", ...commentedDatabase()];
  }
  const where = 'socket' in endpoint ? [`  socket: ${scalar(endpoint.socket)}`] : [`  host: ${scalar(endpoint.host)}`, `  port: ${endpoint.port}`];
  const password =
    mysql.dsn.password === undefined || mysql.dsn.password === ''
      ? [`  # password: { env: ${PASSWORD_VARIABLE} }   # the DSN in pydio.json has no password`]
      : [`  password: { env: ${PASSWORD_VARIABLE} }     # or { file: /etc/cellar/db.pass }`];
  return [
    "# From pydio.json's default database. The password stays out of this file: cellar reads it",
    '# from the environment variable (or the file) named here.',
    'database:',
    ...where,
    `  user: ${scalar(mysql.dsn.user)}`,
    ...password,
    `  name: ${scalar(mysql.dsn.database)}`,
  ];
}

function commentedDatabase(): string[] {
  return ['# database:', '#   host: 127.0.0.1', '#   port: 3306', '#   user: pydio', `#   password: { env: ${PASSWORD_VARIABLE} }`, '#   name: cells'];
}

// An address cellar cannot reach (another protocol) is left for the operator to write.
function readEndpoint(dsn: MysqlDsn): DsnEndpoint | undefined {
  try {
    return dsnEndpoint(dsn);
  } catch (error) {
    if (isCellarError(error)) return undefined;
    throw error;
  }
}

function datasourceLines(datasources: readonly DatasourceInfo[]): string[] {
  const header = [
    '# Every datasource of pydio.json: files (cellar copies its folder), provider (the storage',
    '# provider keeps the objects, e.g. S3 versioning), or skip (with a reason).',
  ];
  if (datasources.length === 0) return [...header, '# pydio.json lists none.', 'datasources: {}'];
  const entries = datasources.map((datasource) => ({
    key: `${scalar(datasource.name)}:`,
    value: `{ backup: ${datasource.storage === 'local' ? 'files' : 'provider'} }`,
    note: describeDatasource(datasource),
  }));
  const keyWidth = Math.max(...entries.map((entry) => entry.key.length));
  const valueWidth = Math.max(...entries.map((entry) => entry.value.length));
  return [...header, 'datasources:', ...entries.map((entry) => `  ${entry.key.padEnd(keyWidth)} ${entry.value.padEnd(valueWidth)}  # ${entry.note}`)];
}

/**
 * Databases cellar cannot dump itself, left for the operator to declare: only they know the
 * commands and credentials. Commented out, so that validate names each one until it is declared.
 */
function storeLines(config: CellsConfig, workingDir: string): string[] {
  const stores = externalStores(config.databases, config.defaultDatabase, workingDir);
  if (stores.length === 0) return [];
  return [
    '# Databases of pydio.json that cellar cannot dump itself: say how each is backed up (validate',
    '# refuses the plan until every one is declared). For MongoDB, for example:',
    '# stores:',
    ...stores.flatMap((store) => [
      `#   ${scalar(store.id)}:  # ${comment(store.driver)}`,
      '#     backup: command',
      '#     dump: [mongodump, "--uri=<uri>", --archive]',
      '#     restore: [mongorestore, "--uri=<uri>", --archive, --drop]',
      '#     fingerprint: [mongosh, "<uri>", --quiet, --eval, "JSON.stringify(db.runCommand({dbHash: 1}).collections)"]',
      '#     # or: { backup: skip, reason: "why, and what protects it instead" }',
    ]),
    '',
  ];
}

/** `local, flat, folder /srv/cells/data/pydiods1` or `S3, structured, bucket media`. */
function describeDatasource(datasource: DatasourceInfo): string {
  const kind = datasource.storage === 'local' ? 'local' : storageName(datasource.storage);
  const layout = datasource.flat ? 'flat' : 'structured';
  const place =
    datasource.storage === 'local'
      ? datasource.folder === undefined
        ? 'no folder in pydio.json'
        : `folder ${datasource.folder}`
      : datasource.bucket === undefined
        ? 'no bucket in pydio.json'
        : `bucket ${datasource.bucket}`;
  const internal = datasource.internal ? ', used by Cells itself' : '';
  return comment(`${kind}, ${layout}, ${place}${internal}`);
}

/** A YAML scalar for the string: plain when it reads back as the same string, else double-quoted. */
function scalar(text: string): string {
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./@+-]*$/.test(text) && parse(text) === text;
  return plain ? text : JSON.stringify(text);
}

/** Text safe inside a `#` comment: one line. */
function comment(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ');
}
