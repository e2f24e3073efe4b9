/**
 * The plan's stores against pydio.json: a database cellar cannot dump itself (a MongoDB, say) is
 * backed up only through the operator's commands, so an undeclared one would silently be left out.
 */
import { externalStores } from '../cells/databases.js';
import { didYouMean } from './did-you-mean.js';
import type { PlanFacts } from './plan-facts.js';
import type { PlanFile } from './plan.js';
import type { Problem } from './problem.js';

/** Problems with `stores`; none unless the working dir holds a readable pydio.json. */
export function checkStores(plan: PlanFile, facts: PlanFacts): Problem[] {
  if (facts.workingDir.kind !== 'cells') return [];
  const { databases, defaultDatabase } = facts.workingDir.config;
  const external = externalStores(databases, defaultDatabase, plan.cells.workingDir);
  const problems: Problem[] = external
    .filter((entry) => plan.stores[entry.id] === undefined)
    .map((entry) => ({
      path: ['stores'],
      at: 'parent',
      message: `database "${entry.id}" (driver ${entry.driver}) is in pydio.json but not in the plan, so it would not be backed up; declare it under stores with backup: command and its dump, restore and fingerprint commands (for MongoDB: mongodump --archive), or backup: skip with a reason`,
    }));
  const ids = external.map((entry) => entry.id);
  for (const id of Object.keys(plan.stores)) {
    if (ids.includes(id)) continue;
    const hint = didYouMean(id, ids);
    const known = ids.length === 0 ? 'pydio.json has no database that cellar does not back up itself' : `those of pydio.json are ${ids.join(', ')}`;
    problems.push({
      path: ['stores', id],
      at: 'key',
      message: `stores.${id} is not a database of pydio.json that needs declaring${hint === '' ? ` (${known})` : hint}`,
    });
  }
  return problems;
}
