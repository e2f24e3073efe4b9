import { markdownTable } from './report.js';

/** A line cellar printed on stderr, and when (seconds since it started). */
export interface TimedLine {
  readonly line: string;
  readonly seconds: number;
}

export interface TimedStep {
  readonly label: string;
  readonly seconds: number;
}

/** apply's step lines: `[3/13] sync-files datasource.cellsdata: 434 added`. */
const stepLine = /^\[\d+\/\d+\] (\S+ \S+?):/;

/**
 * Where an apply's wall time went: start-up, observation and planning until the first step line,
 * then each step until the next one (the last until the process ended, `total`).
 */
export function stepTimeline(lines: readonly TimedLine[], total: number): TimedStep[] {
  const marks = lines.flatMap((timed) => {
    const label = stepLine.exec(timed.line)?.[1];
    return label === undefined ? [] : [{ label, seconds: timed.seconds }];
  });
  const starts = [{ label: 'start-up, observe and plan', seconds: 0 }, ...marks];
  return starts.map((mark, index) => ({ label: mark.label, seconds: (starts[index + 1]?.seconds ?? total) - mark.seconds }));
}

export function renderTimeline(steps: readonly TimedStep[]): string {
  const total = steps.reduce((sum, step) => sum + step.seconds, 0);
  return markdownTable(
    ['step', 'seconds', 'share'],
    steps.map((step) => [step.label, step.seconds.toFixed(2), `${((100 * step.seconds) / total).toFixed(1)}%`]),
  );
}
