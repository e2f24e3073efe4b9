import { CellarError } from '../core/errors.js';
import type { PlanOptions } from '../plan/saved-plan.js';

/** The options `plan` and `apply` share. */
export interface PlanArgs {
  readonly file?: string | undefined;
  readonly restore?: boolean | undefined;
  readonly uninstall?: boolean | undefined;
  readonly snapshot?: string | undefined;
  readonly target?: string | undefined;
  readonly dropDatabase?: boolean | undefined;
  readonly force?: boolean | undefined;
  readonly safetySnapshot?: boolean | undefined;
}

export function planOptionsFrom(args: PlanArgs): PlanOptions {
  if (args.restore === true && args.uninstall === true) {
    throw new CellarError('USAGE', '--restore and --uninstall cannot be combined; choose one');
  }
  const mode = args.restore === true ? 'restore' : args.uninstall === true ? 'uninstall' : 'backup';
  if (args.snapshot !== undefined && mode !== 'restore') throw new CellarError('USAGE', '--snapshot only applies to --restore');
  if (args.dropDatabase === true && mode !== 'uninstall') throw new CellarError('USAGE', '--drop-database only applies to --uninstall');
  return {
    mode,
    target: args.target,
    snapshot: args.snapshot,
    dropDatabase: args.dropDatabase === true,
    force: args.force === true,
    safetySnapshot: args.safetySnapshot !== false,
  };
}
