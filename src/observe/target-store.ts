import { signingKeyOf } from '../adapters/secrets/signing-key.js';
import { localSnapshotStore } from '../adapters/target/local-store.js';
import type { PlanFile, TargetSpec } from '../config/plan.js';
import { CellarError } from '../core/errors.js';
import type { SnapshotStore } from '../model/ports.js';

/** The named target, or the only one; an unknown name lists the declared ones. */
function targetSpec(plan: PlanFile, name: string | undefined): TargetSpec {
  const names = Object.keys(plan.targets);
  const chosen = name ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) {
    throw new CellarError('USAGE', `the plan declares several targets (${names.join(', ')}); choose one with --target`);
  }
  const spec = plan.targets[chosen];
  if (!spec) throw new CellarError('USAGE', `the plan has no target named ${chosen}; it declares ${names.join(', ')}`);
  return spec;
}

/** The snapshot store of the named target (or the only one), with its signing key read once for the run. */
export function targetStore(plan: PlanFile, name: string | undefined): SnapshotStore {
  const spec = targetSpec(plan, name);
  return localSnapshotStore(spec.name, spec.path, signingKeyOf(spec.signingKey));
}
