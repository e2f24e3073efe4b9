import { loadPlan, planFileLabel, planFilePath } from '../../observe/load-plan.js';
import { summarizePlan } from '../../config/plan-summary.js';
import type { Io } from '../io.js';

/** `cellar validate`: exit 0 with a one-line summary, or 1 with every problem (thrown as PLAN_INVALID). */
export async function runValidate(args: Record<string, unknown>, io: Io): Promise<number> {
  const file = planFilePath(typeof args.file === 'string' ? args.file : undefined, io.env, io.cwd);
  const { plan, warnings } = await loadPlan(file, io.env, io.cwd);
  io.out(`${planFileLabel(file, io.cwd)} is valid: ${summarizePlan(plan)}\n`);
  for (const warning of warnings) io.err(`cellar: note: ${warning}\n`);
  return 0;
}
