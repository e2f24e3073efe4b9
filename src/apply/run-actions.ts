import type { AnyAction } from '../model/actions.js';
import type { Reporter } from './reporter.js';
import { toError } from './settle.js';

/** What a handler knows of the run so far: whether an earlier action failed. */
export interface RunState {
  readonly failed: boolean;
}

/** One handler per action of a mode's closed set: a plan with an action no handler takes does not compile. */
export type Handlers<A extends AnyAction> = {
  readonly [K in A['action']]: (action: Extract<A, { readonly action: K }>, state: RunState) => Promise<void> | void;
};

export interface RunOptions<A extends AnyAction> {
  readonly reporter: Reporter;
  /** Actions that still run after a failure (starting Cells again), told that one happened. */
  readonly always: readonly A['action'][];
  /** Turns a thrown error into the one the run reports (a full disk, named by its folder). */
  readonly explain: (error: unknown, action: A) => unknown;
}

/**
 * Runs a plan's actions in order, each by its handler, exactly as planned. After the first failure
 * only the `always` actions run; the first failure is returned, not thrown, so that the caller
 * cleans up before it reports it.
 */
export async function runActions<A extends AnyAction>(actions: readonly A[], handlers: Handlers<A>, options: RunOptions<A>): Promise<Error | undefined> {
  let failure: Error | undefined;
  for (const [index, action] of actions.entries()) {
    if (failure !== undefined && !options.always.includes(action.action)) continue;
    options.reporter.step(action, index, actions.length);
    try {
      await handlerOf(handlers, action)(action, { failed: failure !== undefined });
    } catch (error) {
      failure ??= toError(options.explain(error, action));
    }
  }
  return failure;
}

/** The handler of an action; the mapped type guarantees there is one, which TypeScript cannot see through the index. */
function handlerOf<A extends AnyAction>(handlers: Handlers<A>, action: A): (action: A, state: RunState) => Promise<void> | void {
  return (handlers as unknown as Record<string, (action: A, state: RunState) => Promise<void> | void>)[action.action] as (
    action: A,
    state: RunState,
  ) => Promise<void> | void;
}
