import type { ActionPlan } from '../model/actions.js';
import type { Drift } from '../model/drift.js';

const planFormat = '1';

/**
 * The JSON plan (DESIGN §3): the stable document that `--json` prints and that the text renderer
 * reads, so that the two cannot disagree. Action payloads that only apply needs are left out.
 */
export interface PlanDocument {
  readonly format_version: typeof planFormat;
  readonly mode: ActionPlan['mode'];
  readonly target: ActionPlan['target'];
  readonly snapshot: string | null;
  readonly changes: boolean;
  readonly drift: readonly DriftDocument[];
  readonly actions: readonly { readonly address: string; readonly action: string; readonly reason: string }[];
  readonly patches: ActionPlan['patches'];
  /** The snapshots the keep rules keep, newest first, each with the rules that keep it. */
  readonly retention: ActionPlan['retention'];
  readonly warnings: readonly string[];
  /** Why apply will refuse this plan, or null. */
  readonly blocked: string | null;
}

export type DriftDocument =
  | {
      readonly address: string;
      readonly change: string;
      readonly files: { readonly added: number; readonly modified: number; readonly deleted: number; readonly bytes: number; readonly folders: number };
      /** Optional trees (a `.minio.sys`) that appeared or vanished as a whole. */
      readonly trees: readonly { readonly label: string; readonly change: string }[];
      readonly paths: readonly { readonly path: string; readonly change: string }[];
      readonly truncated: boolean;
    }
  | { readonly address: string; readonly change: string; readonly database: { readonly signal: string; readonly tables: readonly string[] } }
  | { readonly address: string; readonly change: string; readonly store: { readonly driver: string } };

export function toPlanDocument(plan: ActionPlan): PlanDocument {
  return {
    format_version: planFormat,
    mode: plan.mode,
    target: plan.target,
    snapshot: plan.snapshot,
    changes: plan.actions.length > 0,
    drift: plan.drift.map(toDriftDocument),
    actions: plan.actions.map(({ address, action, reason }) => ({ address, action, reason })),
    patches: plan.patches,
    retention: plan.retention,
    warnings: plan.warnings,
    blocked: plan.blocked,
  };
}

function toDriftDocument(drift: Drift): DriftDocument {
  switch (drift.kind) {
    case 'files':
      return {
        address: drift.address,
        change: drift.change,
        files: drift.files,
        trees: drift.trees,
        paths: drift.paths.map(({ path, change }) => ({ path, change })),
        truncated: drift.truncated,
      };
    case 'database':
      return { address: drift.address, change: drift.change, database: { signal: drift.signal, tables: drift.tables } };
    case 'store':
      return { address: drift.address, change: drift.change, store: { driver: drift.driver } };
  }
}

export function renderPlanJson(plan: ActionPlan): string {
  return `${JSON.stringify(toPlanDocument(plan), null, 2)}\n`;
}
