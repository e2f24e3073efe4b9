import type { ProgressAmount, Reporter } from '../apply/reporter.js';
import { painter } from '../render/format.js';
import { formatBytes, plural } from '../model/text.js';
import type { Io } from './io.js';

/**
 * Apply's running commentary on stderr: one line per step and warnings. For long steps, progress
 * with the rate and, when the total is known, the time left: a bar redrawn in place on a
 * terminal, a plain line at most every few seconds elsewhere.
 */
export function createReporter(io: Io, options: { readonly progressBars: boolean; readonly quiet?: boolean | undefined }): Reporter {
  const paint = painter(io.color);
  let barShown = false;
  let lastDrawn = 0;
  let started = 0;
  const clearBar = (): void => {
    if (barShown) io.err('\r\u001b[2K');
    barShown = false;
  };
  // --quiet: warnings and errors only.
  if (options.quiet === true)
    return {
      step: () => undefined,
      info: () => undefined,
      warn: (message) => {
        io.err(`${paint('warn', 'warning:')} ${message}\n`);
      },
      progress: () => undefined,
      progressDone: () => undefined,
    };
  return {
    step(action, index, total) {
      clearBar();
      io.err(`${paint('dim', `[${index + 1}/${total}]`)} ${action.action} ${action.address}: ${action.reason}\n`);
    },
    info(message) {
      clearBar();
      io.err(`${message}\n`);
    },
    warn(message) {
      clearBar();
      io.err(`${paint('warn', 'warning:')} ${message}\n`);
    },
    progress(label, amount) {
      const now = Date.now();
      if (started === 0) started = now;
      if (now - lastDrawn < (options.progressBars ? 100 : 5000) || now - started < 1000) return;
      lastDrawn = now;
      const seconds = (now - started) / 1000;
      if (options.progressBars) {
        io.err(`\r\u001b[2K${describeProgressBar(label, amount, seconds)}`);
        barShown = true;
      } else {
        io.err(`${describeProgress(label, amount, seconds)}\n`);
      }
    },
    progressDone() {
      clearBar();
      started = 0;
      lastDrawn = 0;
    },
  };
}

/** `copying workdir: 120.0 MiB of 300.0 MiB (40%), 12 of 30 files, 24.0 MiB/s, 8 s left`. */
export function describeProgress(label: string, amount: ProgressAmount, seconds: number): string {
  const { total } = amount;
  const head = total === undefined ? measure(amount, amount.done) : `${doneOf(amount, total)} (${percent(amount)}%)`;
  return `${label}: ${[head, ...details(amount, seconds)].join(', ')}`;
}

/** `copying workdir [========>           ]  40%  120.0 MiB of 300.0 MiB, 12 of 30 files, 24.0 MiB/s, 8 s left`. */
export function describeProgressBar(label: string, amount: ProgressAmount, seconds: number): string {
  const { total } = amount;
  if (total === undefined) return describeProgress(label, amount, seconds);
  const width = 20;
  const filled = Math.floor((percent(amount) * width) / 100);
  const bar = filled >= width ? '='.repeat(width) : `${'='.repeat(filled)}>${' '.repeat(width - filled - 1)}`;
  return `${label} [${bar}] ${String(percent(amount)).padStart(3)}%  ${[doneOf(amount, total), ...details(amount, seconds)].join(', ')}`;
}

function measure(amount: ProgressAmount, value: number): string {
  return amount.unit === 'bytes' ? formatBytes(value) : plural(value, 'file');
}

/** `120.0 MiB of 300.0 MiB`, `3 of 12 files`. */
function doneOf(amount: ProgressAmount, total: number): string {
  return `${amount.unit === 'bytes' ? formatBytes(amount.done) : String(amount.done)} of ${measure(amount, total)}`;
}

/** Whole percent done, never above 100 (a tree may grow while it is copied). */
function percent(amount: ProgressAmount): number {
  const total = amount.total ?? 0;
  return Math.min(100, Math.floor((100 * amount.done) / Math.max(total, 1)));
}

/** Files copied, rate and time left, as far as they are known. */
function details(amount: ProgressAmount, seconds: number): string[] {
  const parts: string[] = [];
  const { files, total, done } = amount;
  if (files) parts.push(files.total === undefined ? plural(files.done, 'file') : `${Math.min(files.done, files.total)} of ${plural(files.total, 'file')}`);
  const rate = seconds > 0 ? done / seconds : 0;
  if (rate > 0) parts.push(`${amount.unit === 'bytes' ? formatBytes(rate) : `${Math.round(rate)} files`}/s`);
  if (total !== undefined && rate > 0 && total > done) parts.push(`${formatDuration(Math.ceil((total - done) / rate))} left`);
  return parts;
}

/** `8 s`, `2 min 5 s`, `1 h 20 min`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
