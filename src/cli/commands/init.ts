import type { Io } from '../io.js';

export function runInit(_args: Record<string, unknown>, io: Io): Promise<number> {
  io.out('ok\n');
  return Promise.resolve(0);
}
