import type { Reporter } from '../apply/reporter.js';
import { formatBytes, painter } from '../render/format.js';
import type { Io } from './io.js';

/**
 * Apply's running commentary on stderr: one line per step, warnings, and for long steps a
 * progress bar redrawn in place on a terminal (plain lines, at most one every few seconds, elsewhere).
 */
export function createReporter(io: Io, options: { readonly progressBars: boolean }): Reporter {
  const paint = painter(io.color);
  let barShown = false;
  let lastLine = 0;
  const clearBar = (): void => {
    if (barShown) io.err('\r\u001b[2K');
    barShown = false;
  };
  return {
    step(action, index, total) {
      clearBar();
      lastLine = Date.now();
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
      const amount = (value: number): string => (unit === 'bytes' ? formatBytes(value) : String(value));
      const text = total === undefined ? `${label}: ${amount(done)}` : `${label}: ${amount(done)} of ${amount(total)} (${Math.floor((100 * done) / Math.max(total, 1))}%)`;
      const now = Date.now();
      if (options.progressBars) {
        if (now - lastLine < 100) return;
        io.err(`\r\u001b[2K${text}`);
        barShown = true;
      } else {
        if (now - lastLine < 5000) return;
        io.err(`${text}\n`);
      }
      lastLine = now;
    },
    progressDone() {
      clearBar();
    },
  };
}
