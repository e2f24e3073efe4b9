import type { PlanFile } from '../config/plan.js';
import { secretEnvNames } from '../config/secret-names.js';
import type { Host } from '../model/ports.js';

/** Runs a command the plan declares on `host`, without the environment variables that hold the plan's secrets. */
export function runPlanCommand(host: Host, plan: PlanFile, argv: readonly string[], what: string, env?: Readonly<Record<string, string>>): Promise<string> {
  return host.run(argv, what, { env, hide: secretEnvNames(plan) });
}
