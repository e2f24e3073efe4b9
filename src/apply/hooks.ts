import type { HooksSpec } from '../config/plan.js';
import { runCommand } from '../adapters/process/run-command.js';
import type { ActionPlan } from '../plan/types.js';
import type { Reporter } from './reporter.js';

export type HookName = keyof HooksSpec;

/** What hooks learn through their environment. */
export interface HookContext {
  readonly plan: ActionPlan;
  readonly outcome: 'pending' | 'success' | 'failure';
  readonly snapshot: string | undefined;
  readonly error: string | undefined;
}

/** The environment a hook runs with: the outcome, the snapshot and the counts, as CELLAR_* variables. */
export function hookEnvironment(context: HookContext): Record<string, string> {
  const files = context.plan.drift.reduce((sum, drift) => (drift.kind === 'files' ? sum + drift.files.added + drift.files.modified + drift.files.deleted : sum), 0);
  const bytes = context.plan.drift.reduce((sum, drift) => (drift.kind === 'files' ? sum + drift.files.bytes : sum), 0);
  return {
    CELLAR_MODE: context.plan.mode,
    CELLAR_OUTCOME: context.outcome,
    CELLAR_TARGET: context.plan.target.name,
    CELLAR_SNAPSHOT: context.snapshot ?? '',
    CELLAR_ACTIONS: String(context.plan.actions.length),
    CELLAR_CHANGED_FILES: String(files),
    CELLAR_CHANGED_BYTES: String(bytes),
    CELLAR_DATABASE_CHANGED: context.plan.drift.some((drift) => drift.kind === 'database') ? '1' : '0',
    CELLAR_ERROR: context.error ?? '',
  };
}

/** Runs one hook if the plan declares it; a failing hook is reported and never changes apply's own result. */
export async function runHook(hooks: HooksSpec, name: HookName, context: HookContext, reporter: Reporter): Promise<void> {
  const argv = hooks[name];
  if (!argv) return;
  try {
    await runCommand(argv, `hooks.${name}`, hookEnvironment(context));
  } catch (error) {
    reporter.warn(`${error instanceof Error ? error.message : String(error)} (the apply's own result is unaffected)`);
  }
}
