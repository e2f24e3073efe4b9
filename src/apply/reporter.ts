import type { TransferProgress } from '../model/ports.js';
import type { AnyAction, CopySize } from '../model/actions.js';

/** How far a long step is: work done so far and, when known beforehand, in all. */
export interface ProgressAmount {
  readonly unit: 'bytes' | 'files';
  readonly done: number;
  readonly total?: number | undefined;
  /** Files copied so far (and in all), beside a byte count: rsync's transfers. */
  readonly files?: { readonly done: number; readonly total?: number | undefined } | undefined;
}

/** rsync's progress against what the plan expects it to transfer. */
export function copyProgress(copied: TransferProgress, expected: CopySize | undefined): ProgressAmount {
  return { unit: 'bytes', done: copied.bytes, total: expected?.bytes, files: { done: copied.files, total: expected?.files } };
}

/** What apply tells the operator while it works; the CLI writes it to stderr, never stdout. */
export interface Reporter {
  step(action: AnyAction, index: number, total: number): void;
  info(message: string): void;
  warn(message: string): void;
  /** Progress of a long step. */
  progress(label: string, amount: ProgressAmount): void;
  /** The long step ended. */
  progressDone(): void;
}

/** The same reporter without progress lines, for work that runs beside a step showing its own. */
export function withoutProgress(reporter: Reporter): Reporter {
  return { ...reporter, progress: () => undefined, progressDone: () => undefined };
}
