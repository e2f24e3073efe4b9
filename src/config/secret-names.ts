import type { PlanFile } from './plan.js';
import type { SecretRef } from '../model/secret.js';

/** The environment variables the plan reads secrets from: kept from the commands cellar runs. */
export function secretEnvNames(plan: PlanFile): string[] {
  const refs: (SecretRef | undefined)[] = [plan.database?.password, plan.restore?.overrides.database?.password, plan.restore?.admin?.password];
  return [...new Set(refs.flatMap((ref) => (ref && 'env' in ref ? [ref.env] : [])))];
}
