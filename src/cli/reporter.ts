import type { Reporter } from '../apply/reporter.js';
import { formatBytes, painter } from '../render/format.js';
import type { Io } from './io.js';

/**
 * Apply's running commentary on stderr: one line per step and warnings. For long steps, a
 * progress line with the rate and, when the total is known, the time left: redrawn in place on a
 * terminal, printed at most every few seconds elsewhere.
 */
export function createReporter(io: Io, options: { readonly progressBars: boolean }): Reporter {
  const paint = painter(io.color);
  let barShown = false;
  let lastDrawn = 0;
  let started = 0;
  const clearBar = (): void => {
    if (barShown) io.err('\r\u001b[2K');
    barShown = false;
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
    progress(label, done, total, unit) {
      const now = Date.now();
      if (started === 0) started = now;
      if (now - lastDrawn < (options.progressBars ? 100 : 5000) || now - started < 1000) return;
      lastDrawn = now;
      const text = describeProgress(label, done, total, unit, (now - started) / 1000);
      if (options.progressBars) {
        io.err(`\r\u001b[2K${text}`);
        barShown = true;
      } else {
        io.err(`${text}\n`);
      }
    },
    progressDone() {
      clearBar();
      started = 0;
      lastDrawn = 0;
    },
  };
}

/** `copying workdir: 120.0 MiB of 300.0 MiB (40%), 24.0 MiB/s, 8 s left`. */
export function describeProgress(label: string, done: number, total: number | undefined, unit: 'bytes' | 'files', seconds: number): string {
  const amount = (value: number): string => (unit === 'bytes' ? formatBytes(value) : `${value} files`);
  const rate = seconds > 0 ? done / seconds : 0;
  const parts = [total === undefined ? amount(done) : `${amount(done)} of ${amount(total)} (${Math.floor((100 * done) / Math.max(total, 1))}%)`];
  if (rate > 0) parts.push(`${unit === 'bytes' ? formatBytes(rate) : `${Math.round(rate)} files`}/s`);
  if (total !== undefined && rate > 0 && total > done) parts.push(`${Math.ceil((total - done) / rate)} s left`);
  return `${label}: ${parts.join(', ')}`;
}
