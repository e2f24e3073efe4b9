/** A plan in one line, for `validate` and `init`. */
import { plural } from '../model/text.js';
import type { PlanFile } from './plan.js';

/** `5 datasources (3 files, 1 provider, 1 skip), database cells on 127.0.0.1:3306, 1 target (local)` */
export function summarizePlan(plan: PlanFile): string {
  const modes = Object.values(plan.datasources).map((spec) => spec.backup);
  const byMode = (['files', 'provider', 'skip'] as const)
    .map((mode) => ({ mode, count: modes.filter((candidate) => candidate === mode).length }))
    .filter(({ count }) => count > 0)
    .map(({ mode, count }) => `${count} ${mode}`);
  const datasources = `${plural(modes.length, 'datasource')}${byMode.length > 0 ? ` (${byMode.join(', ')})` : ''}`;
  const database = plan.database;
  const databaseText =
    database === undefined ? 'database from pydio.json' : `database ${database.name} on ${database.socket ?? `${database.host}:${database.port}`}`;
  const targets = Object.keys(plan.targets);
  return `${datasources}, ${databaseText}, ${plural(targets.length, 'target')} (${targets.join(', ')})`;
}
