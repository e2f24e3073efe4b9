/** The stores a plan backs up with its own commands, fingerprinted now. */
import { storeFingerprint } from '../adapters/process/store-command.js';
import { externalStores } from '../cells/databases.js';
import type { CellsConfig } from '../cells/cells-config.js';
import type { PlanFile } from '../config/plan.js';
import { secretEnvNames } from '../config/secret-names.js';
import type { ObservedStore } from './observed.js';

/** Every store of pydio.json the plan declares, in file order: a command store with its fingerprint run. */
export function observeStores(plan: PlanFile, cells: CellsConfig, workingDir: string): Promise<ObservedStore[]> {
  const declared = externalStores(cells.databases, cells.defaultDatabase, workingDir).filter((entry) => plan.stores[entry.id] !== undefined);
  return Promise.all(declared.map(async ({ id, driver }) => ({ id, driver, fingerprint: await fingerprintOf(plan, id) })));
}

/** The store's fingerprint now; undefined when the plan does not back it up. */
async function fingerprintOf(plan: PlanFile, id: string): Promise<string | undefined> {
  const spec = plan.stores[id];
  if (spec?.backup !== 'command') return undefined;
  return storeFingerprint({ argv: spec.fingerprint, what: `the fingerprint command of stores.${id}`, hide: secretEnvNames(plan) });
}
