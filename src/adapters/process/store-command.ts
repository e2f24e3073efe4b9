/*
 * The operator's commands for a store cellar cannot dump itself (stores.<id> in the plan): a
 * fingerprint whose output changes with the store, a dump written to standard output, a restore
 * read from standard input. Never through a shell; the plan's own secrets are kept from them.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CellarError } from '../../core/errors.js';
import { isNotFound, lastLine } from './run-tool.js';

export interface StoreCommand {
  readonly argv: readonly string[];
  /** What the command is, for messages: `the dump command of stores.versions`. */
  readonly what: string;
  /** Variables removed from the inherited environment. */
  readonly hide: readonly string[];
}

/** The fingerprint command's output, hashed: equal digests mean an unchanged store. */
export async function storeFingerprint(command: StoreCommand): Promise<string> {
  const [program, args, env] = spawnArgs(command);
  const { execa } = await import('execa');
  const result = await execa(program, args, { stdin: 'ignore', stderr: 'pipe', reject: false, env, extendEnv: false, timeout: 10 * 60_000 });
  refuseFailure(command, result);
  return createHash('sha256').update(result.stdout).digest('hex');
}

/** Runs the dump command with its standard output written to `file`; the dump's sha256 and size. */
export async function dumpStore(command: StoreCommand, file: string): Promise<{ readonly sha256: string; readonly size: number }> {
  const [program, args, env] = spawnArgs(command);
  const { execa } = await import('execa');
  const subprocess = execa(program, args, { stdin: 'ignore', buffer: { stdout: false, stderr: true }, reject: false, env, extendEnv: false });
  const hash = createHash('sha256');
  let size = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const [written, result] = await Promise.allSettled([pipeline(subprocess.stdout, counted, createWriteStream(file, { flags: 'wx', mode: 0o600 })), subprocess]);
  if (result.status === 'rejected') throw result.reason;
  refuseFailure(command, result.value);
  if (written.status === 'rejected') throw written.reason;
  return { sha256: hash.digest('hex'), size };
}

/** Runs the restore command with `file` on its standard input. */
export async function loadStore(command: StoreCommand, file: string): Promise<void> {
  const [program, args, env] = spawnArgs(command);
  const { execa } = await import('execa');
  const subprocess = execa(program, args, { stdout: 'ignore', reject: false, env, extendEnv: false });
  const [fed, result] = await Promise.allSettled([pipeline(createReadStream(file), subprocess.stdin), subprocess]);
  if (result.status === 'rejected') throw result.reason;
  refuseFailure(command, result.value);
  if (fed.status === 'rejected') throw fed.reason;
}

/** Program, arguments and environment of a store command. */
function spawnArgs(command: StoreCommand): [string, string[], Record<string, string | undefined>] {
  const [program, ...args] = command.argv;
  if (program === undefined) throw new CellarError('TOOL_FAILED', `${command.what} is empty; fix it in the plan`);
  const hidden = new Set(command.hide);
  return [program, args, Object.fromEntries(Object.entries(process.env).filter(([name]) => !hidden.has(name)))];
}

interface Finished {
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly timedOut: boolean;
  readonly failed: boolean;
  readonly cause?: unknown;
  readonly stderr: unknown;
}

// The message names the program only: its arguments may carry credentials.
function refuseFailure(command: StoreCommand, result: Finished): void {
  const program = command.argv[0] ?? '';
  if (result.failed && isNotFound(result.cause)) {
    throw new CellarError('TOOL_MISSING', `${command.what}: ${program} was not found; install it or fix the command in the plan`, { cause: result.cause });
  }
  if (!result.failed) return;
  const how = result.timedOut ? 'timed out' : result.signal ? `was killed by ${result.signal}` : `exited with ${String(result.exitCode)}`;
  const said = lastLine(typeof result.stderr === 'string' ? result.stderr : '');
  throw new CellarError('TOOL_FAILED', `${command.what}: ${basename(program)} ${how}: ${said}; run it by hand to see why, then fix it in the plan`);
}
