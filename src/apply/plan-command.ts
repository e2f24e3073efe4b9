import type { PlanFile } from '../config/plan.js';
import { secretEnvNames } from '../config/secret-names.js';
import { runCommand } from '../adapters/process/run-command.js';

/** Runs a command the plan declares, without the environment variables that hold the plan's secrets. */
export function runPlanCommand(plan: PlanFile, argv: readonly string[], what: string, env?: Readonly<Record<string, string>>): Promise<string> {
  return runCommand(argv, what, { env, hide: secretEnvNames(plan) });
}
