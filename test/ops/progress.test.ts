import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { createReporter, describeProgress } from '../../src/cli/reporter.js';
import type { Action } from '../../src/plan/types.js';
import { cellarBin } from '../helpers/cli.js';
import { commandExists, createPlannedInstall, runProcess, type PlannedInstall } from './support.js';

const redraw = '\r\u001b[2K';
const step: Action = { action: 'write-manifest', address: 'target.local', reuse: [], reuseDatabase: false, reason: 'record the snapshot' };

/** A reporter writing into a string, on a terminal or not. */
function capture(progressBars: boolean): { readonly io: Io; readonly text: () => string } {
  let text = '';
  const io: Io = { out: () => undefined, err: (chunk) => (text += chunk), interactive: progressBars, color: false, env: {}, cwd: '/', ask: () => Promise.resolve('') };
  return { io, text: () => text };
}

describe('progress lines', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const at = (ms: number): void => {
    vi.setSystemTime(ms);
  };

  it('on a terminal, redraws one line in place, at most ten times a second, after the first second', () => {
    vi.useFakeTimers();
    const { io, text } = capture(true);
    const reporter = createReporter(io, { progressBars: true });
    at(10_000);
    reporter.progress('copying workdir', 0, 100 << 20, 'bytes');
    at(10_500);
    reporter.progress('copying workdir', 10 << 20, 100 << 20, 'bytes');
    expect(text()).toBe('');
    at(11_000);
    reporter.progress('copying workdir', 20 << 20, 100 << 20, 'bytes');
    at(11_050);
    reporter.progress('copying workdir', 21 << 20, 100 << 20, 'bytes');
    at(12_000);
    reporter.progress('copying workdir', 40 << 20, 100 << 20, 'bytes');
    reporter.step(step, 2, 3);
    expect(text()).toBe([
      `${redraw}copying workdir: 20.0 MiB of 100.0 MiB (20%), 20.0 MiB/s, 4 s left`,
      `${redraw}copying workdir: 40.0 MiB of 100.0 MiB (40%), 20.0 MiB/s, 3 s left`,
      `${redraw}[3/3] write-manifest target.local: record the snapshot\n`,
    ].join(''));
  });

  it('elsewhere, prints whole lines, at most one every five seconds, and never a carriage return', () => {
    vi.useFakeTimers();
    const { io, text } = capture(false);
    const reporter = createReporter(io, { progressBars: false });
    at(100_000);
    reporter.progress('dumping the database', 0, undefined, 'bytes');
    for (let ms = 1000; ms <= 12_000; ms += 250) {
      at(100_000 + ms);
      reporter.progress('dumping the database', ms * 1024, undefined, 'bytes');
    }
    reporter.progressDone();
    expect(text()).toBe([
      'dumping the database: 1000.0 KiB, 1000.0 KiB/s\n',
      'dumping the database: 5.9 MiB, 1000.0 KiB/s\n',
      'dumping the database: 10.7 MiB, 1000.0 KiB/s\n',
    ].join(''));
  });

  it('says how much, how fast and how long is left', () => {
    expect(describeProgress('verifying', 3, 12, 'files', 1.5)).toBe('verifying: 3 files of 12 files (25%), 2 files/s, 5 s left');
    expect(describeProgress('copying x', 0, 0, 'bytes', 0)).toBe('copying x: 0 B of 0 B (0%)');
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
    const result = await runProcess(['script', '-qefc', command, '/dev/null'], { cwd: planned.root, env: { PATH: path, HOME: planned.root, TERM: 'xterm', ...planned.env } });
    expect(result.code, result.stdout).toBe(0);
    const redrawn = result.stdout.split(redraw).slice(1);
    expect(redrawn.some((line) => /^copying datasource\.[\w.-]+: [\d.]+ [KM]iB, [\d.]+ [KM]iB\/s/.test(line))).toBe(true);
    expect(result.stdout).toMatch(/Apply complete: snapshot \d{8}T\d{6}Z written/);
  }, 60_000);

  it('prints plain progress lines into a pipe', async () => {
    await addBigFile('big-pipe.bin');
    const result = await runProcess([process.execPath, cellarBin, '-f', planned.planFile, 'apply', '--yes'], { cwd: planned.root, env: { PATH: path, HOME: planned.root, ...planned.env } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).toMatch(/^copying datasource\.[\w.-]+: [\d.]+ [KM]iB, [\d.]+ [KM]iB\/s$/m);
    expect(result.stdout).not.toContain('copying');
  }, 60_000);
});
