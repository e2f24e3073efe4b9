import type { Sample } from './measure.js';

/** One side of a comparison: an untimed preparation, then the timed run. */
export interface Side {
  readonly prepare?: () => Promise<void>;
  readonly run: () => Promise<Sample>;
}

/** The runs of both sides, in the order they were taken. */
export interface PairRuns {
  readonly cellar: readonly Sample[];
  readonly plain: readonly Sample[];
}

/** Medians of a side's runs; memory is the highest peak seen, not a median. */
export interface Summary {
  readonly seconds: number;
  readonly peakKib: number;
  readonly runs: readonly number[];
}

/**
 * Runs cellar, then the plain tool, `pairs` times (A B A B …). Nothing is dropped from the caches:
 * alternating is what gives both sides the same cache state.
 */
export async function alternate(pairs: number, cellar: Side, plain: Side, log: (line: string) => void): Promise<PairRuns> {
  const runs = { cellar: [] as Sample[], plain: [] as Sample[] };
  for (let pair = 1; pair <= pairs; pair++) {
    for (const [name, side] of [
      ['cellar', cellar],
      ['plain', plain],
    ] as const) {
      await side.prepare?.();
      const sample = await side.run();
      runs[name].push(sample);
      log(`    pair ${pair}/${pairs} ${name.padEnd(6)} ${sample.seconds.toFixed(3)} s  ${mebibytes(sample.peakKib)} MiB`);
    }
  }
  return runs;
}

export function summarize(samples: readonly Sample[]): Summary {
  return {
    seconds: median(samples.map((sample) => sample.seconds)),
    peakKib: Math.max(...samples.map((sample) => sample.peakKib)),
    runs: samples.map((sample) => sample.seconds),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) throw new RangeError('no runs to take a median of');
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mebibytes(kib: number): string {
  return (kib / 1024).toFixed(0);
}
