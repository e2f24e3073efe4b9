import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import type { ProgressAmount } from '../../src/apply/reporter.js';
import { progressParser } from '../../src/adapters/rsync/rsync.js';
import type { TransferProgress } from '../../src/model/ports.js';
import { createReporter, describeProgress, describeProgressBar, formatDuration } from '../../src/cli/reporter.js';
import { writeManifest } from '../plan/builders.js';
import { cellarBin } from '../helpers/cli.js';
import { commandExists, createPlannedInstall, runProcess, type PlannedInstall } from './support.js';

const redraw = '\r\u001b[2K';
const step = writeManifest('record the snapshot');

/** A reporter writing into a string, on a terminal or not. */
function capture(progressBars: boolean): { readonly io: Io; readonly text: () => string } {
  let text = '';
  const io: Io = {
    out: () => undefined,
    err: (chunk) => (text += chunk),
    interactive: progressBars,
    color: false,
    env: {},
    cwd: '/',
    ask: () => Promise.resolve(''),
  };
  return { io, text: () => text };
}

describe('progress lines', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const at = (ms: number): void => {
    vi.setSystemTime(ms);
  };

  it('on a terminal, redraws a bar in place, at most ten times a second, after the first second', () => {
    vi.useFakeTimers();
    const { io, text } = capture(true);
    const reporter = createReporter(io, { progressBars: true });
    const copied = (mib: number, files: number): ProgressAmount => ({ unit: 'bytes', done: mib << 20, total: 100 << 20, files: { done: files, total: 10 } });
    at(10_000);
    reporter.progress('copying workdir', copied(0, 0));
    at(10_500);
    reporter.progress('copying workdir', copied(10, 1));
    expect(text()).toBe('');
    at(11_000);
    reporter.progress('copying workdir', copied(20, 2));
    at(11_050);
    reporter.progress('copying workdir', copied(21, 2));
    at(12_000);
    reporter.progress('copying workdir', copied(40, 4));
    reporter.step(step, 2, 3);
    expect(text()).toBe(
      [
        `${redraw}copying workdir [====>               ]  20%  20.0 MiB of 100.0 MiB, 2 of 10 files, 20.0 MiB/s, 4 s left`,
        `${redraw}copying workdir [========>           ]  40%  40.0 MiB of 100.0 MiB, 4 of 10 files, 20.0 MiB/s, 3 s left`,
        `${redraw}[3/3] write-manifest target.local: record the snapshot\n`,
      ].join(''),
    );
  });

  it('elsewhere, prints whole lines, at most one every five seconds, and never a carriage return', () => {
    vi.useFakeTimers();
    const { io, text } = capture(false);
    const reporter = createReporter(io, { progressBars: false });
    at(100_000);
    reporter.progress('dumping the database', { unit: 'bytes', done: 0 });
    for (let ms = 1000; ms <= 12_000; ms += 250) {
      at(100_000 + ms);
      reporter.progress('dumping the database', { unit: 'bytes', done: ms * 1024 });
    }
    reporter.progressDone();
    expect(text()).toBe(
      [
        'dumping the database: 1000.0 KiB, 1000.0 KiB/s\n',
        'dumping the database: 5.9 MiB, 1000.0 KiB/s\n',
        'dumping the database: 10.7 MiB, 1000.0 KiB/s\n',
      ].join(''),
    );
  });

  it('says how much, how many files, how fast and how long is left', () => {
    expect(describeProgress('verifying', { unit: 'files', done: 3, total: 12 }, 1.5)).toBe('verifying: 3 of 12 files (25%), 2 files/s, 5 s left');
    expect(describeProgress('copying x', { unit: 'bytes', done: 0, total: 0 }, 0)).toBe('copying x: 0 B of 0 B (0%)');
    expect(describeProgress('copying x', { unit: 'bytes', done: 3 << 20, total: 600 << 20, files: { done: 1, total: 1 } }, 1)).toBe(
      'copying x: 3.0 MiB of 600.0 MiB (0%), 1 of 1 file, 3.0 MiB/s, 3 min 19 s left',
    );
    expect(describeProgress('copying x', { unit: 'bytes', done: 5 << 20, files: { done: 7 } }, 1)).toBe('copying x: 5.0 MiB, 7 files, 5.0 MiB/s');
  });

  it('never shows more than all: a tree that grew while it was copied stays at 100% with no time left', () => {
    const grown: ProgressAmount = { unit: 'bytes', done: 150 << 20, total: 100 << 20, files: { done: 12, total: 10 } };
    expect(describeProgressBar('copying x', grown, 10)).toBe('copying x [====================] 100%  150.0 MiB of 100.0 MiB, 10 of 10 files, 15.0 MiB/s');
  });

  it('shows a plain line on a terminal when the total is not known', () => {
    expect(describeProgressBar('dumping the database', { unit: 'bytes', done: 2 << 20 }, 2)).toBe('dumping the database: 2.0 MiB, 1.0 MiB/s');
  });

  it('counts time left in minutes and hours', () => {
    expect([formatDuration(8), formatDuration(125), formatDuration(4800)]).toEqual(['8 s', '2 min 5 s', '1 h 20 min']);
  });
});

describe('rsync progress', () => {
  it('reads bytes and finished files from --info=progress2 lines, however the chunks split them', () => {
    const seen: TransferProgress[] = [];
    const parse = progressParser((copied) => seen.push(copied));
    const output = '\r      1,048,576  10%    1.00MB/s    0:00:09\r      2,097,152  20%    1.00MB/s    0:00:08 (xfr#1, to-chk=8/10)\n\r      3,145,728  30%';
    for (const chunk of [output.slice(0, 20), output.slice(20, 70), output.slice(70)]) parse(Buffer.from(chunk));
    parse(Buffer.from('    1.00MB/s    0:00:07\r'));
    expect(seen).toEqual([
      { bytes: 1_048_576, files: 0 },
      { bytes: 2_097_152, files: 1 },
      { bytes: 3_145_728, files: 1 },
    ]);
  });
});

// rsync slowed to 2 MB/s through a wrapper, so that copying a 6 MB file takes long enough to show progress.
describe.runIf(await commandExists('script'))('progress of a real apply, in a terminal and in a pipe', () => {
  let planned: PlannedInstall;
  let path: string;

  beforeAll(async () => {
    planned = await createPlannedInstall('progress', 20);
    const first = await planned.cellar(['apply', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    const slow = join(planned.root, 'slow-bin');
    await mkdir(slow);
    await writeFile(join(slow, 'rsync'), '#!/bin/sh\nPATH="${PATH#*:}" exec rsync --bwlimit=2000 "$@"\n');
    await chmod(join(slow, 'rsync'), 0o755);
    path = `${slow}:${process.env.PATH ?? ''}`;
  }, 120_000);

  afterAll(async () => {
    await planned.dispose();
  });

  const addBigFile = (name: string): Promise<void> => writeFile(join(planned.install.datasources[0]!.folder, name), randomBytes(6 << 20));

  it('redraws a progress bar in place on a terminal', async () => {
    await addBigFile('big-terminal.bin');
    const command = [process.execPath, cellarBin, '-f', planned.planFile, 'apply', '--yes'].map((word) => `'${word}'`).join(' ');
    // script(1) gives the apply a pseudo-terminal and copies what it shows to stdout.
    const result = await runProcess(['script', '-qefc', command, '/dev/null'], {
      cwd: planned.root,
      env: { PATH: path, HOME: planned.root, TERM: 'xterm', ...planned.env },
    });
    expect(result.code, result.stdout).toBe(0);
    const redrawn = result.stdout.split(redraw).slice(1);
    const bars = redrawn.filter((line) =>
      /^copying datasource\.[\w.-]+ \[[=> ]{20}\] +\d+% {2}[\d.]+ [KM]iB of 6\.0 MiB, [01] of 1 file, [\d.]+ [KM]iB\/s, .+ left/.test(line),
    );
    expect(bars.length, result.stdout).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/Apply complete: snapshot \d{8}T\d{6}Z written/);
  }, 60_000);

  it('prints plain progress lines into a pipe', async () => {
    await addBigFile('big-pipe.bin');
    const result = await runProcess([process.execPath, cellarBin, '-f', planned.planFile, 'apply', '--yes'], {
      cwd: planned.root,
      env: { PATH: path, HOME: planned.root, ...planned.env },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).toMatch(/^copying datasource\.[\w.-]+: [\d.]+ [KM]iB of 6\.0 MiB \(\d+%\), [01] of 1 file, [\d.]+ [KM]iB\/s, .+ left$/m);
    expect(result.stdout).not.toContain('copying');
  }, 60_000);
});
