import { loadPlan, planFilePath } from '../../observe/load-plan.js';
import { observeTarget } from '../../observe/observe-backup.js';
import { targetStore } from '../../observe/target-store.js';
import { renderSnapshotsJson, toSnapshotsDocument } from '../../render/snapshots-json.js';
import { renderSnapshotsText } from '../../render/snapshots-text.js';
import type { Io } from '../io.js';

export interface SnapshotsCommandArgs {
  readonly file?: string | undefined;
  readonly target?: string | undefined;
  readonly json?: boolean | undefined;
}

/** `cellar snapshots`: the target's snapshots, newest last, and what an unfinished apply left. */
export async function runSnapshots(args: SnapshotsCommandArgs, io: Io): Promise<number> {
  const { plan } = await loadPlan(planFilePath(args.file, io.env, io.cwd), io.env, io.cwd);
  const target = observeTarget(targetStore(plan, args.target));
  io.out(args.json === true ? renderSnapshotsJson(target) : renderSnapshotsText(toSnapshotsDocument(target), { color: io.color }));
  return 0;
}
