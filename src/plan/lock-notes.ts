import type { ObservedTarget } from '../model/target.js';

/** What a plan says about the target's lock: a run in progress, or one that was interrupted. */
export function lockWarnings(target: ObservedTarget): string[] {
  const lock = target.lock;
  switch (lock.state) {
    case 'free':
      return [];
    case 'held':
      return [
        `cellar ${lock.holder.command} is running on this target (pid ${lock.holder.pid} on ${lock.holder.host}, since ${lock.holder.started}); this plan compares with the last complete snapshot`,
      ];
    case 'stale': {
      const stopped = lock.holder.serviceStopped ? ' after stopping Cells' : '';
      return [
        `a previous cellar ${lock.holder.command} (pid ${lock.holder.pid}, started ${lock.holder.started}) was interrupted${stopped}; the next apply takes over its lock and cleans up`,
      ];
    }
  }
}

/** An interrupted run stopped Cells and never started it again: the next apply must. */
export function leftCellsStopped(target: ObservedTarget): boolean {
  return target.lock.state === 'stale' && target.lock.holder.serviceStopped;
}
