import type { Action } from '../plan/types.js';

/** What apply tells the operator while it works; the CLI writes it to stderr, never stdout. */
export interface Reporter {
  step(action: Action, index: number, total: number): void;
  info(message: string): void;
  warn(message: string): void;
  /** Progress of a long step: work done so far and, when known, in all. */
  progress(label: string, done: number, total: number | undefined, unit: 'bytes' | 'files'): void;
  /** The long step ended. */
  progressDone(): void;
}

/** A reporter that says nothing, for tests and JSON runs that want silence. */
export const silentReporter: Reporter = {
  step: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  progress: () => undefined,
  progressDone: () => undefined,
};

/** The same reporter without progress lines, for work that runs beside a step showing its own. */
export function withoutProgress(reporter: Reporter): Reporter {
  return { ...reporter, progress: () => undefined, progressDone: () => undefined };
}
