import type { HooksSpec, PlanFile } from '../config/plan.js';
import type { ActionPlan, PlanMode } from '../model/actions.js';
import { runPlanCommand } from './plan-command.js';
import { localHost } from '../adapters/host/local-host.js';
import type { Reporter } from './reporter.js';

export type HookName = keyof HooksSpec;

/** What hooks learn through their environment. */
export interface HookContext {
  readonly mode: PlanMode;
  /** The plan being applied; undefined when apply failed before it was made. */
  readonly plan: ActionPlan | undefined;
  readonly outcome: 'pending' | 'success' | 'failure';
  readonly snapshot: string | undefined;
  readonly error: string | undefined;
}

/** The environment a hook runs with: the outcome, the snapshot and the counts, as CELLAR_* variables. */
function hookEnvironment(context: HookContext): Record<string, string> {
  const { plan } = context;
  const drift = plan?.drift ?? [];
  const files = drift.reduce((sum, entry) => (entry.kind === 'files' ? sum + entry.files.added + entry.files.modified + entry.files.deleted : sum), 0);
  const bytes = drift.reduce((sum, entry) => (entry.kind === 'files' ? sum + entry.files.bytes : sum), 0);
  const known = (value: string): string => (plan ? value : '');
  return {
    CELLAR_MODE: context.mode,
    CELLAR_OUTCOME: context.outcome,
    CELLAR_TARGET: plan?.target.name ?? '',
    CELLAR_SNAPSHOT: context.snapshot ?? '',
    CELLAR_ACTIONS: known(String(plan?.actions.length)),
    CELLAR_CHANGED_FILES: known(String(files)),
    CELLAR_CHANGED_BYTES: known(String(bytes)),
    CELLAR_DATABASE_CHANGED: known(drift.some((entry) => entry.kind === 'database') ? '1' : '0'),
    CELLAR_ERROR: context.error ?? '',
  };
}

/**
 * Runs one hook if the plan declares it, without the plan's secret variables in its environment.
 * A failing hook is reported and never changes apply's own result.
 */
async function runHook(plan: PlanFile, name: HookName, context: HookContext, reporter: Reporter): Promise<void> {
  const argv = plan.hooks[name];
  if (!argv) return;
  try {
    // Hooks run where cellar runs, whichever host the installation is on.
    await runPlanCommand(localHost, plan, argv, `hooks.${name}`, hookEnvironment(context));
  } catch (error) {
    reporter.warn(`${error instanceof Error ? error.message : String(error)} (the apply's own result is unaffected)`);
  }
}

/**
 * Runs `work` with the plan's hooks around it: `before` once `work` reports its plan (before any
 * action), then `onSuccess` or `onFailure`, then `after`. A failure before the plan is made still
 * runs `onFailure` and `after`, with the counts empty.
 */
export async function withHooks<T extends { readonly snapshot: string | undefined }>(
  plan: PlanFile,
  mode: PlanMode,
  reporter: Reporter,
  work: (planned: (actions: ActionPlan) => Promise<void>) => Promise<T>,
): Promise<T> {
  let actions: ActionPlan | undefined;
  const context = (outcome: HookContext['outcome'], snapshot?: string, error?: unknown): HookContext => ({
    mode,
    plan: actions,
    outcome,
    snapshot,
    error: error instanceof Error ? error.message : error === undefined ? undefined : 'failed',
  });
  let result: T;
  try {
    result = await work(async (planned) => {
      actions = planned;
      await runHook(plan, 'before', context('pending'), reporter);
    });
  } catch (error) {
    await runHook(plan, 'onFailure', context('failure', undefined, error), reporter);
    await runHook(plan, 'after', context('failure', undefined, error), reporter);
    throw error;
  }
  await runHook(plan, 'onSuccess', context('success', result.snapshot), reporter);
  await runHook(plan, 'after', context('success', result.snapshot), reporter);
  return result;
}
