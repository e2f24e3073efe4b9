import { writeJsonFile } from '../../adapters/fs/json-file.js';
import { loadPlan, planFilePath } from '../../observe/load-plan.js';
import { savedPlanFormat, sealSavedPlan, type PlanOptions, type SavedPlan } from '../../plan/saved-plan.js';
import { renderPlanJson, toPlanDocument } from '../../render/plan-json.js';
import { renderPlanText } from '../../render/plan-text.js';
import type { Io } from '../io.js';
import { planOptionsFrom, type PlanArgs } from '../plan-args.js';
import { toolVersion } from '../../core/version.js';
import { prepare, storeFor } from '../workflow.js';

export interface PlanCommandArgs extends PlanArgs {
  readonly out?: string | undefined;
  readonly detailedExitcode?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly verbose?: boolean | undefined;
}

/** `cellar plan`: show the drift and the actions; exit 2 with --detailed-exitcode when there are changes, 1 when apply would refuse. */
export async function runPlan(args: PlanCommandArgs, io: Io): Promise<number> {
  const planPath = planFilePath(args.file, io.env, io.cwd);
  const options = planOptionsFrom(args);
  const { plan } = await loadPlan(planPath, io.env, io.cwd);
  const prepared = await prepare(io, { plan, planPath, options, verbose: args.verbose === true, store: storeFor(plan, options) });
  const { actionPlan } = prepared;
  if (args.json === true) io.out(renderPlanJson(actionPlan));
  else io.out(renderPlanText(toPlanDocument(actionPlan), { color: io.color }));
  // A plan apply would refuse is an error, not drift: it says why and saves nothing.
  if (actionPlan.blocked !== null) {
    io.err(`cellar: this plan cannot be applied: ${actionPlan.blocked}\n`);
    return 1;
  }
  if (args.out !== undefined) {
    writeJsonFile(args.out, sealSavedPlan(savedPlan(planPath, prepared.planSha256, options, prepared.actionPlan)));
    if (args.json !== true) io.err(`Saved the plan to ${args.out}; apply it exactly with \`cellar apply ${args.out}\`.\n`);
  }
  const changes = actionPlan.actions.length > 0;
  return args.detailedExitcode === true && changes ? 2 : 0;
}

function savedPlan(planPath: string, planSha256: string, options: PlanOptions, plan: SavedPlan['plan']): SavedPlan {
  return {
    format_version: savedPlanFormat,
    kind: 'cellar-saved-plan',
    tool: { name: 'cellar', version: toolVersion },
    created: new Date().toISOString(),
    planFile: planPath,
    planSha256,
    options,
    plan,
  };
}
