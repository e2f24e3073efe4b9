import { takeBaseline } from './baseline.js';
import { cleanUpOnInterrupt } from './interrupt.js';
import { measureCommand } from './measure.js';
import { alternate, summarize, type Summary } from './pairs.js';
import { rsyncDryRun } from './plain-tools.js';
import { count, markdownTable, mib } from './report.js';
import { scaledMemoryTarget } from './targets.js';
import { createWorkspace } from './workspace.js';

/** The no-change plan at one size. */
export interface ScalePoint {
  readonly files: number;
  readonly cellar: Summary;
  readonly plain: Summary;
}

/** Per-file cost may grow this much from one size to the next and still count as linear. */
const linearSlack = 1.1;

/**
 * Measures the no-change plan against rsync's dry run at each size, each on a fresh installation
 * (files only matter here: the database is not padded). `largeFiles` stays the same at every size
 * so that ten times the files is not ten times the gigabytes of large files.
 */
export async function runScale(sizes: readonly number[], largeFiles: number, pairs: number, log: (line: string) => void): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const files of sizes) {
    log(`  ${count(files)} files: creating the installation, a first backup and a real copy (not timed)`);
    const ws = await createWorkspace({ files, largeFiles, dbMb: undefined });
    const stopListening = cleanUpOnInterrupt(() => ws.dispose());
    try {
      const copy = await takeBaseline(ws);
      const runs = await alternate(
        pairs,
        {
          run: async () => {
            const result = await measureCommand(ws.cellar(['plan', '-f', ws.planFile]), { env: ws.env });
            if (!result.stdout.includes('No changes.')) throw new Error(`cellar plan found changes:\n${result.stdout.slice(-2000)}`);
            return result;
          },
        },
        { run: () => measureCommand(rsyncDryRun(ws.install.workingDir, copy)) },
        log,
      );
      points.push({ files: ws.install.files, cellar: summarize(runs.cellar), plain: summarize(runs.plain) });
    } finally {
      await ws.dispose();
      stopListening();
    }
  }
  return points;
}

/** Each size's times and peaks, then the growth between the first and last size with its verdicts. */
export function renderScale(points: readonly ScalePoint[], date: string, load: string): string {
  const rows = points.map((point) => [
    count(point.files),
    point.cellar.seconds.toFixed(2),
    mib(point.cellar.peakKib * 1024),
    point.plain.seconds.toFixed(2),
    mib(point.plain.peakKib * 1024),
    `${(point.cellar.seconds / point.plain.seconds).toFixed(2)}×`,
    `${((point.cellar.seconds / point.files) * 1e6).toFixed(1)} µs`,
  ]);
  const lines = [
    `Measured ${date}; load average at the end ${load}.`,
    '',
    markdownTable(['files', 'cellar plan s', 'cellar peak MiB', 'rsync dry run s', 'rsync peak MiB', 'cellar ÷ rsync', 'cellar per file'], rows),
  ];
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last && last !== first) {
    const size = last.files / first.files;
    const time = last.cellar.seconds / first.cellar.seconds;
    const memory = last.cellar.peakKib / first.cellar.peakKib;
    const peakMib = last.cellar.peakKib / 1024;
    const memoryOk = memory <= size * linearSlack && (last.files < scaledMemoryTarget.files || peakMib <= scaledMemoryTarget.maxMib);
    lines.push(
      '',
      `From ${count(first.files)} to ${count(last.files)} files (${size.toFixed(1)}×): ` +
        `cellar's time grew ${time.toFixed(1)}× (rsync's ${(last.plain.seconds / first.plain.seconds).toFixed(1)}×), ` +
        `its peak memory ${memory.toFixed(1)}× to ${peakMib.toFixed(0)} MiB.`,
      '',
      `- time linear (grows ≤ ${linearSlack}× the files' growth): ${time <= size * linearSlack ? 'PASS' : 'MISS'}`,
      `- memory linear, and ≤ ${scaledMemoryTarget.maxMib} MiB at ${count(scaledMemoryTarget.files)} files: ${memoryOk ? 'PASS' : 'MISS'}`,
    );
  }
  return lines.join('\n');
}
