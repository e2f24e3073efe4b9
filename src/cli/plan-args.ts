import { resolve } from 'node:path';
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
  readonly only?: readonly string[] | undefined;
  readonly to?: string | undefined;
}

export function planOptionsFrom(args: PlanArgs): PlanOptions {
  if (args.restore === true && args.uninstall === true) {
    throw new CellarError('USAGE', '--restore and --uninstall cannot be combined; choose one');
  }
  const mode = args.restore === true ? 'restore' : args.uninstall === true ? 'uninstall' : 'backup';
  if (args.snapshot !== undefined && mode !== 'restore') throw new CellarError('USAGE', '--snapshot only applies to --restore');
  if (args.dropDatabase === true && mode !== 'uninstall') throw new CellarError('USAGE', '--drop-database only applies to --uninstall');
  // --only a --only b, or --only a,b.
  const only = (args.only ?? []).flatMap((value) => value.split(',')).filter((value) => value !== '');
  if (only.length > 0 && mode !== 'restore') throw new CellarError('USAGE', '--only only applies to --restore');
  if (args.to !== undefined && !only.some((value) => value.includes(':'))) {
    throw new CellarError('USAGE', '--to goes with --restore --only datasource.NAME:PATH; name the path to restore beside its original');
  }
  return {
    mode,
    target: args.target,
    snapshot: args.snapshot,
    dropDatabase: args.dropDatabase === true,
    force: args.force === true,
    safetySnapshot: args.safetySnapshot !== false,
    only,
    to: args.to === undefined ? undefined : resolve(args.to),
  };
}
