import { createHash } from 'node:crypto';
import type { PlanFile } from '../config/plan.js';
import { formatBytes, plural } from '../model/text.js';
import type { BackupPlan, UninstallAction, UninstallPlan } from '../model/actions.js';

export interface UninstallFacts {
  /** The backup plan for the same installation: uninstalling is safe only when it has nothing to do. */
  readonly backup: BackupPlan;
  readonly databaseName: string | undefined;
  readonly liveUsers: readonly { readonly pid: number; readonly command: string }[];
  readonly workingDirExists: boolean;
  /** Files and bytes of the working dir that the plan backs up. */
  readonly workingDirHolds: { readonly files: number; readonly bytes: number };
}

export interface UninstallOptions {
  readonly dropDatabase: boolean;
  readonly force: boolean;
}

/**
 * Removing an installation: the working dir itself (never its parent `pydio` folder or the
 * folders beside it, where the Cells Sync client keeps its data) and, when asked, the database.
 * Refused unless the latest snapshot is current, or with --force.
 */
export function planUninstall(plan: PlanFile, facts: UninstallFacts, options: UninstallOptions): UninstallPlan {
  const pending = facts.backup.actions.filter((action) => action.action !== 'prune-snapshot');
  const actions: UninstallAction[] = [];
  const service = plan.cells.service;
  if (facts.workingDirExists) {
    if (service)
      actions.push({ action: 'stop-service', address: 'workdir', argv: service.stop, reason: 'Cells must not run while its working dir is removed' });
    const { files, bytes } = facts.workingDirHolds;
    actions.push({
      action: 'remove-files',
      address: 'workdir',
      path: plan.cells.workingDir,
      holds: facts.workingDirHolds,
      reason: `remove ${plan.cells.workingDir} and everything in it (${plural(files, 'backed-up file')}, ${formatBytes(bytes)}), not its parent folder`,
    });
  }
  if (options.dropDatabase && facts.databaseName !== undefined) {
    actions.push({
      action: 'drop-database',
      address: `database.${facts.databaseName}`,
      database: facts.databaseName,
      reason: 'asked for with --drop-database',
    });
  }
  const warnings = [...facts.backup.warnings];
  const stores = Object.keys(plan.stores);
  if (stores.length > 0) warnings.push(`uninstall does not remove the plan's stores (${stores.join(', ')}): drop them with their own tools if they must go`);
  if (pending.length > 0 && options.force) warnings.push(`${staleness(facts.backup, pending.length)}; --force removes the installation anyway`);
  return {
    mode: 'uninstall',
    target: facts.backup.target,
    snapshot: facts.backup.snapshot,
    drift: facts.backup.drift,
    actions,
    patches: [],
    warnings,
    retention: [],
    blocked: blocked(plan, facts, pending.length, options),
    state: createHash('sha256')
      .update(JSON.stringify([facts.backup.state, facts.workingDirExists, options]))
      .digest('hex'),
  };
}

function blocked(plan: PlanFile, facts: UninstallFacts, pending: number, options: UninstallOptions): string | null {
  if (facts.backup.snapshot === null && !options.force) return 'there is no snapshot of this installation; run cellar apply first (or use --force)';
  if (pending > 0 && !options.force) return `${staleness(facts.backup, pending)}; run cellar apply first, or use --force`;
  if (facts.liveUsers.length > 0 && !plan.cells.service) {
    return `Cells is running in ${plan.cells.workingDir}; stop it first, or declare cells.service so that cellar stops it`;
  }
  return null;
}

/** What makes the last snapshot stale: the addresses that changed since, else the backup actions pending. */
function staleness(backup: BackupPlan, pending: number): string {
  const changed = [...new Set(backup.drift.map((drift) => drift.address))];
  const more = changed.length > 3 ? ` and ${changed.length - 3} more` : '';
  const what = changed.length > 0 ? `${changed.slice(0, 3).join(', ')}${more} changed since` : `${pending} backup actions are pending`;
  return `the last snapshot (${backup.snapshot ?? 'none'}) is not current: ${what}`;
}
