import { createHash } from 'node:crypto';
import { CellarError } from '../core/errors.js';
import type { ActionPlan, PlanMode } from '../model/actions.js';

export const savedPlanFormat = '1';

/** The options a plan was made with; `apply FILE` observes again with exactly these. */
export interface PlanOptions {
  readonly mode: PlanMode;
  readonly target: string | undefined;
  readonly snapshot: string | undefined;
  readonly dropDatabase: boolean;
  readonly force: boolean;
  readonly safetySnapshot: boolean;
  /** `--only`: the addresses a restore brings back; empty for everything. */
  readonly only: readonly string[];
  /** `--to`: where restored paths go, beside their originals. */
  readonly to?: string | undefined;
}

/** `plan --out FILE`: the actions and the fingerprint of what was observed, applied exactly or refused as stale. */
export interface SavedPlan {
  readonly format_version: typeof savedPlanFormat;
  readonly kind: 'cellar-saved-plan';
  readonly tool: { readonly name: 'cellar'; readonly version: string };
  readonly created: string;
  readonly planFile: string;
  /** sha256 of the plan file's bytes: a changed plan file makes the saved plan stale. */
  readonly planSha256: string;
  readonly options: PlanOptions;
  readonly plan: ActionPlan;
}

/** The saved plan as it is written: with a `digest` of everything else, so that an edited or damaged file is refused. */
export function sealSavedPlan(saved: SavedPlan): SavedPlan & { readonly digest: string } {
  return { ...saved, digest: savedPlanDigest(saved) };
}

// Over the compact JSON, in the stored key order (which parsing keeps).
function savedPlanDigest(body: object): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Checks a parsed saved plan; another format, a damaged or an edited file is refused, never trusted. */
export function parseSavedPlan(json: unknown, where: string): SavedPlan {
  const saved = json as (Partial<SavedPlan> & { readonly digest?: unknown }) | null;
  if (saved?.kind !== 'cellar-saved-plan') {
    throw new CellarError('SAVED_PLAN_INVALID', `${where} is not a saved cellar plan; make one with cellar plan --out FILE`);
  }
  if (saved.format_version !== savedPlanFormat) {
    throw new CellarError(
      'SAVED_PLAN_INVALID',
      `${where} has format_version ${String(saved.format_version)}; this cellar applies ${savedPlanFormat}, make the plan again`,
    );
  }
  const { digest, ...body } = saved;
  if (digest !== savedPlanDigest(body)) {
    throw new CellarError(
      'SAVED_PLAN_INVALID',
      `${where} is damaged (its content does not match its digest: it was changed after cellar wrote it); make the plan again`,
    );
  }
  const plan = saved.plan;
  const options = saved.options;
  if (
    typeof saved.planFile !== 'string' ||
    typeof saved.planSha256 !== 'string' ||
    typeof options !== 'object' ||
    typeof plan !== 'object' ||
    typeof plan.state !== 'string' ||
    !Array.isArray(plan.actions) ||
    !['backup', 'restore', 'uninstall'].includes(plan.mode)
  ) {
    throw new CellarError('SAVED_PLAN_INVALID', `${where} is damaged (fields missing); make the plan again`);
  }
  // Saved before --only existed: a whole restore.
  return { ...(saved as SavedPlan), options: { ...options, only: Array.isArray(options.only) ? options.only : [] } };
}

/**
 * Refuses a saved plan unless every field of it is what cellar plans now from fresh observations:
 * what is carried out, and what is reported as done, is always exactly what was shown. The reason
 * names the first field that moved.
 */
export function checkFreshness(saved: SavedPlan, current: { readonly planSha256: string; readonly plan: ActionPlan }): void {
  if (saved.planSha256 !== current.planSha256) {
    throw new CellarError('SAVED_PLAN_STALE', `saved plan is stale: ${saved.planFile} changed since it was made; run cellar plan again`);
  }
  if (saved.plan.state !== current.plan.state) {
    throw new CellarError('SAVED_PLAN_STALE', 'saved plan is stale: the installation or the target changed since it was made; run cellar plan again');
  }
  const field = planFields.find((key) => JSON.stringify(saved.plan[key]) !== JSON.stringify(current.plan[key]));
  if (field !== undefined) {
    throw new CellarError('SAVED_PLAN_STALE', `saved plan is stale: ${fieldReason(field, saved.plan, current.plan)}; run cellar plan again`);
  }
}

/** Every field of an action plan, in the order a difference is reported. */
const planFields = [
  'mode',
  'target',
  'snapshot',
  'actions',
  'drift',
  'patches',
  'warnings',
  'blocked',
  'state',
] as const satisfies readonly (keyof ActionPlan)[];

const fieldNames: Record<(typeof planFields)[number], string> = {
  mode: 'its mode is',
  target: 'its target is',
  snapshot: 'its snapshot is',
  actions: 'its actions are',
  drift: 'its drift is',
  patches: 'its pydio.json patches are',
  warnings: 'its warnings are',
  blocked: 'its refusal is',
  state: 'its observed state is',
};

function fieldReason(field: (typeof planFields)[number], saved: ActionPlan, current: ActionPlan): string {
  if (field === 'snapshot') return `it names snapshot ${saved.snapshot ?? 'none'}, but cellar now plans with ${current.snapshot ?? 'none'}`;
  const prunes = (plan: ActionPlan): string => JSON.stringify(plan.actions.filter((action) => action.action === 'prune-snapshot'));
  if (field === 'actions' && prunes(saved) !== prunes(current))
    return 'it prunes other snapshots than cellar prunes now (retention counts from the current date)';
  return `${fieldNames[field]} not what cellar plans now`;
}
