import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One timed run: wall-clock seconds and the peak resident set of the process tree's largest process. */
export interface Sample {
  readonly seconds: number;
  readonly peakKib: number;
}

/** What a measured command printed, for checking that it did what the case claims. */
export interface Measured extends Sample {
  readonly stdout: string;
}

export interface CommandOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Called with each line of stderr as it arrives, and the seconds since the command started. */
  readonly onStderrLine?: (line: string, seconds: number) => void;
}

const gnuTime = '/usr/bin/time';

/**
 * Runs `argv` under GNU time, which reports the peak RSS (`%M`, KiB) of the process and of the
 * children it waited for. Wall time is taken here, around the whole run, the same way for every
 * command. A non-zero exit fails the measurement with the end of its stderr.
 */
export async function measureCommand(argv: readonly string[], options: CommandOptions = {}): Promise<Measured> {
  const scratch = await mkdtemp(join(tmpdir(), 'cellar-bench-time-'));
  const report = join(scratch, 'rusage');
  try {
    const started = performance.now();
    const { stdout } = await run([gnuTime, '-f', '%M', '-o', report, '--', ...argv], options);
    const seconds = (performance.now() - started) / 1000;
    const peakKib = Number((await readFile(report, 'utf8')).trim().split('\n').pop());
    return { seconds, peakKib, stdout };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Runs a command to completion (not measured); fails on a non-zero exit. */
export async function runCommand(argv: readonly string[], options: CommandOptions = {}): Promise<string> {
  return (await run(argv, options)).stdout;
}

function run(argv: readonly string[], options: CommandOptions): Promise<{ readonly stdout: string }> {
  const [program, ...args] = argv;
  if (program === undefined) throw new Error('no command to run');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const seconds = (performance.now() - started) / 1000;
      const unfinished = stderr.lastIndexOf('\n') + 1;
      stderr += chunk;
      const lines = stderr.slice(unfinished).split('\n');
      lines.pop();
      for (const line of lines) options.onStderrLine?.(line, seconds);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ stdout });
      else reject(new Error(`${argv.join(' ')} exited with ${code ?? signal ?? '?'}: ${stderr.trim().slice(-2000)}`));
    });
  });
}
