/** What a restore does with the stores the plan backs up through its own commands (stores.<id>). */
import type { PlanFile } from '../config/plan.js';
import type { LoadStore, StoreDump } from '../model/actions.js';
import type { Drift } from '../model/drift.js';
import type { ObservedRestore } from '../observe/observed.js';

/** Load each store of the snapshot whose fingerprint here differs from the one recorded with its dump. */
export function storeLoads(plan: PlanFile, observed: ObservedRestore): LoadStore[] {
  return observed.snapshot.stores.flatMap((dumped) => {
    const spec = plan.stores[dumped.id];
    const live = observed.stores.find((store) => store.id === dumped.id);
    if (spec?.backup !== 'command' || live?.fingerprint === dumped.fingerprint) return [];
    return [
      {
        action: 'load-store' as const,
        address: `store.${dumped.id}` as const,
        store: dumped.id,
        dump: dumped.dump,
        argv: spec.restore,
        check: spec.fingerprint,
        fingerprint: dumped.fingerprint,
        reason: `its fingerprint differs from the snapshot's: load the snapshot's dump with ${spec.restore[0] ?? '?'}`,
      },
    ];
  });
}

/** The stores a restore loads, as a safety snapshot dumps them first. */
export function storesToKeep(plan: PlanFile, observed: ObservedRestore, loads: readonly LoadStore[]): StoreDump[] {
  return loads.flatMap(({ store }) => {
    const spec = plan.stores[store];
    const live = observed.stores.find((candidate) => candidate.id === store);
    if (spec?.backup !== 'command' || live?.fingerprint === undefined) return [];
    return [{ store, driver: live.driver, argv: spec.dump, fingerprint: live.fingerprint }];
  });
}

export function storeDrift(observed: ObservedRestore, loads: readonly LoadStore[]): Drift[] {
  return loads.map(({ store }) => ({
    kind: 'store',
    address: `store.${store}`,
    change: 'modified',
    driver: observed.stores.find((candidate) => candidate.id === store)?.driver ?? '?',
  }));
}

/** Stores this restore does not bring back, and why. */
export function storeWarnings(plan: PlanFile, observed: ObservedRestore): string[] {
  return observed.stores.flatMap(({ id, driver }) => {
    const spec = plan.stores[id];
    if (spec?.backup === 'skip') return [`store ${id} (${driver}) is not backed up by cellar (${spec.reason}): restore it with its own tools`];
    if (spec === undefined)
      return [
        `snapshot ${observed.snapshot.id} holds a dump of store ${id} (${driver}), but the plan has no restore command for it (stores.${id}): it is not restored`,
      ];
    return [];
  });
}
