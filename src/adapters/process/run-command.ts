import { basename } from 'node:path';
import { CellarError } from '../../core/errors.js';
import { isNotFound, lastLine } from './run-tool.js';
import type { CommandOptions } from '../../model/ports.js';

/**
 * Runs an argv from the plan (service stop/start, a hook, a Cells admin command), never through a
 * shell. Its output is kept, and its last line explains a failure; the message names the program
 * only, since arguments may carry tokens.
 */
export async function runCommand(argv: readonly string[], what: string, options: CommandOptions = {}): Promise<string> {
  const [program, ...args] = argv;
  if (program === undefined) throw new CellarError('SERVICE_FAILED', `${what}: the command is empty; fix it in the plan`);
  const { execa } = await import('execa');
  const hidden = new Set(options.hide ?? []);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !hidden.has(name)));
  const result = await execa(program, args, {
    reject: false,
    stdin: 'ignore',
    all: true,
    env: { ...inherited, ...options.env },
    extendEnv: false,
    timeout: 15 * 60_000,
  });
  const output = typeof result.all === 'string' ? result.all : '';
  if (result.failed && isNotFound(result.cause)) {
    throw new CellarError('SERVICE_FAILED', `${what}: ${program} was not found; fix the command in the plan`, { cause: result.cause });
  }
  if (result.exitCode !== 0) {
    const how = result.timedOut ? 'timed out' : result.signal ? `was killed by ${result.signal}` : `exited with ${String(result.exitCode)}`;
    throw new CellarError('SERVICE_FAILED', `${what}: ${basename(program)} ${how}: ${lastLine(output)}`);
  }
  return output;
}
