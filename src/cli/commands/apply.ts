import { readJsonFile } from '../../adapters/fs/json-file.js';
import type { HeldLock } from '../../model/lock.js';
import { loadPlan, planFilePath } from '../../observe/load-plan.js';
import { CellarError } from '../../core/errors.js';
import { checkFreshness, parseSavedPlan, type SavedPlan } from '../../plan/saved-plan.js';
import type { ActionPlan } from '../../model/actions.js';
import { toPlanDocument } from '../../render/plan-json.js';
import { renderPlanText } from '../../render/plan-text.js';
import type { Io } from '../io.js';
import { planOptionsFrom, type PlanArgs } from '../plan-args.js';
import { createReporter } from '../reporter.js';
import { initAndLock, lockIfReady, prepare, storeFor, type Outcome } from '../workflow.js';
import { withHooks } from '../../apply/hooks.js';

export interface ApplyCommandArgs extends PlanArgs {
  readonly savedPlan?: string | undefined;
  readonly yes?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly verbose?: boolean | undefined;
  readonly diff?: boolean | undefined;
  readonly quiet?: boolean | undefined;
}

/**
 * `cellar apply [SAVED_PLAN]`: observe, plan, show, ask (or --yes), carry out. A saved plan is
 * carried out exactly, or refused as stale when anything it observed has moved. Once the plan
 * file is read, its hooks frame everything that follows, failures included.
 */
export async function runApply(args: ApplyCommandArgs, io: Io): Promise<number> {
  const saved = args.savedPlan === undefined ? undefined : readSaved(args.savedPlan, args);
  const planPath = saved ? saved.planFile : planFilePath(args.file, io.env, io.cwd);
  const options = saved ? saved.options : planOptionsFrom(args);
  const quiet = args.quiet === true;
  if (quiet && args.yes !== true) throw new CellarError('USAGE', 'apply --quiet shows no plan to answer for; add --yes');
  const { plan } = await loadPlan(planPath, io.env, io.cwd);
  const reporter = createReporter(io, { progressBars: io.interactive && !quiet, quiet });
  const json = args.json === true;
  const applied = await withHooks(plan, options.mode, reporter, async (planned) => {
    const store = storeFor(plan, options);
    let lock: HeldLock | undefined = lockIfReady(store, 'apply');
    try {
      if (lock?.tookOver) reporter.warn(`took over the lock of an interrupted cellar ${lock.tookOver.command} (pid ${lock.tookOver.pid})`);
      const prepared = await prepare(io, { plan, planPath, options, verbose: args.verbose === true, store, lock });
      if (saved) checkFreshness(saved, { planSha256: prepared.planSha256, plan: prepared.actionPlan });
      const actions = saved ? saved.plan : prepared.actionPlan;
      await planned(actions);
      if (!json && !quiet) io.out(renderPlanText(toPlanDocument(actions), { color: io.color, diffs: args.diff === true }));
      if (actions.blocked !== null) throw new CellarError('APPLY_REFUSED', `apply refused: ${actions.blocked}`);
      if (actions.actions.length === 0) return { actions, outcome: undefined, snapshot: undefined };
      await confirm(actions, args, io);
      lock ??= initAndLock(store, 'apply');
      const outcome = await prepared.execute(actions, lock, reporter);
      return { actions, outcome, snapshot: outcome.snapshot };
    } finally {
      lock?.release();
    }
  });
  const { actions, outcome } = applied;
  if (json) io.out(applyJson(actions, outcome));
  else if (outcome) io.out(`${quiet ? '' : '\n'}Apply complete: ${outcome.summary}.\n${outcome.todo.map((command) => `Run now: ${command}\n`).join('')}`);
  return 0;
}

function readSaved(path: string, args: ApplyCommandArgs): SavedPlan {
  if (args.restore === true || args.uninstall === true || args.snapshot !== undefined || args.target !== undefined) {
    throw new CellarError('USAGE', 'a saved plan carries its own options; apply it without --restore, --uninstall, --snapshot or --target');
  }
  return parseSavedPlan(readJsonFile(path, 'SAVED_PLAN_INVALID'), path);
}

async function confirm(actions: ActionPlan, args: ApplyCommandArgs, io: Io): Promise<void> {
  if (args.yes === true) return;
  if (!io.interactive) {
    throw new CellarError('CONFIRMATION_REQUIRED', 'apply needs --yes when it does not run on a terminal (nothing was changed)');
  }
  // Removing an installation asks for what it removes to be typed back, not a reflex 'yes'.
  const removed = actions.actions.flatMap((action) => (action.action === 'remove-files' ? [action.path] : []));
  const count = actions.actions.length;
  const expected = removed.length > 0 ? removed.join(' ') : 'yes';
  const question =
    removed.length > 0
      ? `\nThis removes ${expected} for good. Type that path to go on: `
      : `\nCarry out these ${count} action${count === 1 ? '' : 's'}? Only 'yes' is accepted: `;
  const answer = await io.ask(question);
  if (answer !== expected) throw new CellarError('ABORTED', 'apply cancelled; nothing was changed');
}

function applyJson(actions: ActionPlan, outcome: Outcome | undefined): string {
  const document = {
    ...toPlanDocument(actions),
    applied: outcome !== undefined,
    result: outcome ? { snapshot: outcome.snapshot ?? null, summary: outcome.summary, warnings: outcome.warnings, todo: outcome.todo } : null,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
