/** What the benchmark's backup plan names. */
export interface BenchPlanInput {
  readonly workingDir: string;
  readonly datasources: readonly string[];
  readonly database: { readonly host: string; readonly port: number; readonly user: string; readonly name: string };
  readonly target: string;
  /** A restore goes into this working dir and a new database of this name, created as root. */
  readonly restore: { readonly workingDir: string; readonly database: string };
}

/**
 * The plan `cellar init` would write, every datasource backed up as files, with no retention (the
 * plain script prunes nothing either) and a restore into a fresh folder and database. The password
 * is read from CELLS_DB_PASSWORD. Strings are written as JSON, which YAML reads as they are.
 */
export function renderBenchPlan(input: BenchPlanInput): string {
  const text = JSON.stringify;
  return [
    'version: 1',
    'cells:',
    `  workingDir: ${text(input.workingDir)}`,
    'database:',
    `  host: ${text(input.database.host)}`,
    `  port: ${input.database.port}`,
    `  user: ${text(input.database.user)}`,
    '  password: { env: CELLS_DB_PASSWORD }',
    `  name: ${text(input.database.name)}`,
    'datasources:',
    ...input.datasources.map((name) => `  ${name}: { backup: files }`),
    'targets:',
    '  local:',
    `    path: ${text(input.target)}`,
    'restore:',
    '  from: local',
    `  workingDir: ${text(input.restore.workingDir)}`,
    '  database:',
    '    admin: { user: root }',
    '  overrides:',
    `    database: { name: ${text(input.restore.database)} }`,
    '',
  ].join('\n');
}
