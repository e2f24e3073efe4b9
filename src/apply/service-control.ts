import type { PlanFile } from '../config/plan.js';
import type { HeldLock } from '../model/lock.js';
import type { Host } from '../model/ports.js';
import { runPlanCommand } from './plan-command.js';

/**
 * Stops and starts Cells for one apply with the plan's commands, and records in the target's lock
 * whether Cells is stopped, so that the next apply after a kill knows to start it again.
 */
export interface ServiceControl {
  /** This run stopped Cells and has not started it since. */
  readonly stopped: boolean;
  stop(argv: readonly string[]): Promise<void>;
  start(argv: readonly string[]): Promise<void>;
}

export function serviceControl(host: Host, plan: PlanFile, lock: HeldLock): ServiceControl {
  let stopped = false;
  return {
    get stopped() {
      return stopped;
    },
    async stop(argv) {
      await runPlanCommand(host, plan, argv, 'stopping Cells');
      stopped = true;
      lock.update({ serviceStopped: true });
    },
    async start(argv) {
      await runPlanCommand(host, plan, argv, 'starting Cells');
      stopped = false;
      lock.update({ serviceStopped: false });
    },
  };
}
