import type { Machine } from './machine.js';
import { median, type Summary } from './pairs.js';
import type { CaseResult } from './suite.js';
import { cases, describeTarget, judge, planMemoryTarget, type Verdict } from './targets.js';

/** Everything one suite run reports. */
export interface SuiteReport {
  readonly date: string;
  readonly pairs: number;
  readonly machine: Machine;
  readonly load: { readonly start: string; readonly end: string };
  readonly install: { readonly files: number; readonly bytes: number; readonly databaseBytes: number };
  readonly results: readonly CaseResult[];
}

/** The suite's section of docs/benchmarks.md: conditions, the ratio table, and every run. */
export function renderSuite(report: SuiteReport): string {
  const { install } = report;
  return [
    `Measured ${report.date}: ${count(install.files)} files (${gib(install.bytes)} GiB) in the working dir, ` +
      `${mib(install.databaseBytes)} MiB of rows in the database; medians of ${report.pairs} runs per side. ` +
      `Load average ${report.load.start} at the start, ${report.load.end} at the end.`,
    '',
    renderMachine(report.machine),
    '',
    renderTable(report.results),
    '',
    'Every run, in seconds, in the order taken (cellar | plain):',
    '',
    ...report.results.map((result) => `- ${result.id}: ${runs(result.cellar)} | ${runs(result.plain)}`),
  ].join('\n');
}

export function renderMachine(machine: Machine): string {
  return [
    `- cellar at ${machine.commit}`,
    `- CPU: ${machine.cpu}, ${machine.cores} cores; RAM ${machine.ramGib.toFixed(1)} GiB`,
    `- Disk: ${machine.disk}; kernel ${machine.kernel}`,
    `- Node ${machine.node}; ${machine.rsync}; ${machine.mariadbClient}; server ${machine.server}`,
  ].join('\n');
}

/** The ratio table, with the target and PASS/MISS of each row, and the peak memory of both sides. */
export function renderTable(results: readonly CaseResult[]): string {
  const rows = cases.flatMap((spec) => {
    const result = results.find((candidate) => candidate.id === spec.id);
    if (!result) return [];
    const { cellar, plain } = result;
    const ratio = `${(cellar.seconds / plain.seconds).toFixed(2)}×${spec.target.kind === 'extra-ms' ? ` (${signedMs(cellar.seconds - plain.seconds)})` : ''}`;
    const verdict = judge(spec.target, cellar.seconds, plain.seconds);
    return [
      [
        spec.label,
        `\`${spec.cellar}\``,
        `\`${spec.plain}\``,
        seconds(cellar),
        seconds(plain),
        ratio,
        `${pairRatio(cellar, plain).toFixed(2)}×`,
        describeTarget(spec.target),
        verdict,
        mib(cellar.peakKib * 1024),
        mib(plain.peakKib * 1024),
      ],
    ];
  });
  const plan = results.find((result) => result.id === 'plan');
  if (plan) {
    const peak = plan.cellar.peakKib / 1024;
    const verdict: Verdict = peak <= planMemoryTarget.maxMib ? 'PASS' : 'MISS';
    rows.push([
      'no-change plan, peak memory',
      '`cellar plan`',
      '',
      '',
      '',
      `${peak.toFixed(0)} MiB`,
      '',
      `≤ ${planMemoryTarget.maxMib} MiB`,
      verdict,
      mib(plan.cellar.peakKib * 1024),
      mib(plan.plain.peakKib * 1024),
    ]);
  }
  const head = [
    'case',
    'cellar',
    'plain tool',
    'cellar s',
    'plain s',
    'cellar ÷ plain',
    'median pair ratio',
    'target',
    'result',
    'cellar peak MiB',
    'plain peak MiB',
  ];
  return markdownTable(head, rows);
}

/**
 * The median of each pair's own ratio: the two runs of a pair ran back to back, under the same
 * load, so this ratio is the steadier one on a busy machine. The verdict stays on the medians.
 */
function pairRatio(cellar: Summary, plain: Summary): number {
  return median(cellar.runs.map((value, index) => value / (plain.runs[index] ?? Number.NaN)));
}

export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  // A pipe inside a cell (even in code) would end the cell.
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export function mib(bytes: number): string {
  return (bytes / 1024 ** 2).toFixed(0);
}

function gib(bytes: number): string {
  return (bytes / 1024 ** 3).toFixed(2);
}

function seconds(summary: Summary): string {
  return summary.seconds < 1 ? summary.seconds.toFixed(3) : summary.seconds.toFixed(2);
}

function runs(summary: Summary): string {
  return summary.runs.map((value) => value.toFixed(3)).join(', ');
}

function signedMs(difference: number): string {
  const ms = Math.round(difference * 1000);
  return `${ms >= 0 ? '+' : ''}${ms} ms`;
}
