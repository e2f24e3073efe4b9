import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretRef } from '../../model/secret.js';
import { CellarError } from '../../core/errors.js';
import { describeSystemError } from '../fs/errno.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A command's secret is asked for once per run: a password manager or a vault is not asked twice. */
const fromCommands = new Map<string, string>();

/**
 * Reads a secret at the moment a connection needs it: an environment variable, a private file, a
 * command's output, or a systemd credential. A file's trailing newline is not part of the secret;
 * a command's output is trimmed. The value is never logged; errors name only where it was looked for.
 */
export function resolveSecret(ref: SecretRef, env: Env, what: string): string {
  if (!('command' in ref)) return readSecret(ref, env, what);
  const key = JSON.stringify(ref);
  const known = fromCommands.get(key) ?? readSecret(ref, env, what);
  fromCommands.set(key, known);
  return known;
}

function readSecret(ref: SecretRef, env: Env, what: string): string {
  if ('env' in ref) {
    const value = env[ref.env];
    if (value === undefined) {
      throw new CellarError('SECRET_UNAVAILABLE', `${what} comes from the environment variable ${ref.env}, which is not set; export it before running cellar`);
    }
    return value;
  }
  if ('file' in ref) return readPrivateFile(ref.file, what);
  if ('command' in ref) return runSecretCommand(ref.command, ref.timeoutSeconds, what);
  const folder = env.CREDENTIALS_DIRECTORY;
  if (folder === undefined || folder === '') {
    throw new CellarError(
      'SECRET_UNAVAILABLE',
      `${what} comes from the systemd credential ${ref.credential}, but CREDENTIALS_DIRECTORY is not set; run cellar from a unit with LoadCredential=${ref.credential}:/path/to/file`,
    );
  }
  return readFile(
    join(folder, ref.credential),
    `the systemd credential ${ref.credential}`,
    what,
    `add LoadCredential=${ref.credential}:/path/to/file to the unit`,
  );
}

/** A file secret: owned by the user running cellar and readable by nobody else (0600 or 0400). */
function readPrivateFile(file: string, what: string): string {
  let mode: number;
  let owner: number;
  try {
    ({ mode, uid: owner } = statSync(file));
  } catch (error) {
    throw new CellarError(
      'SECRET_UNAVAILABLE',
      `${what} comes from ${file}, which cannot be read (${describeSystemError(error)}); create it or fix its permissions`,
      { cause: error },
    );
  }
  const permissions = mode & 0o777;
  const user = process.getuid?.();
  if (user !== undefined && owner !== user) {
    throw new CellarError(
      'SECRET_UNAVAILABLE',
      `${what} comes from ${file}, which is owned by uid ${owner}, not by the user running cellar (uid ${user}); chown it`,
    );
  }
  if (permissions !== 0o600 && permissions !== 0o400) {
    throw new CellarError(
      'SECRET_UNAVAILABLE',
      `${what} comes from ${file}, whose mode ${permissions.toString(8).padStart(4, '0')} lets others read or run it; chmod 600 ${file}`,
    );
  }
  return readFile(file, file, what, 'create it or fix its permissions');
}

function readFile(file: string, where: string, what: string, remedy: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new CellarError('SECRET_UNAVAILABLE', `${what} comes from ${where}, which cannot be read (${describeSystemError(error)}); ${remedy}`, {
      cause: error,
    });
  }
}

/** Runs the command without a shell; its stdout, trimmed, is the secret, and never appears in a message. */
function runSecretCommand(argv: readonly string[], timeoutSeconds: number, what: string): string {
  const [program = '', ...args] = argv;
  const command = `the command ${argv.join(' ')}`;
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: timeoutSeconds * 1000, stdio: ['ignore', 'pipe', 'pipe'], killSignal: 'SIGKILL' });
  if (result.error && 'code' in result.error && result.error.code === 'ETIMEDOUT') {
    throw new CellarError(
      'SECRET_UNAVAILABLE',
      `${what} comes from ${command}, which did not finish within ${timeoutSeconds} s; make it answer without a prompt`,
    );
  }
  if (result.error) {
    throw new CellarError('SECRET_UNAVAILABLE', `${what} comes from ${command}, which cannot run (${describeSystemError(result.error)}); check the path`, {
      cause: result.error,
    });
  }
  const secret = result.stdout.trim();
  const stderr = firstLine(secret === '' ? result.stderr : result.stderr.replaceAll(secret, '***'));
  if (result.status !== 0) {
    const how = result.status === null ? `was killed by ${result.signal ?? 'a signal'}` : `exited with code ${result.status}`;
    throw new CellarError('SECRET_UNAVAILABLE', `${what} comes from ${command}, which ${how}${stderr === '' ? '' : `: ${stderr}`}; run it by hand to see why`);
  }
  if (secret === '') throw new CellarError('SECRET_UNAVAILABLE', `${what} comes from ${command}, which printed nothing; it must print the secret`);
  return secret;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}

/** Where a secret is read from, for messages. */
export function describeSecretSource(ref: SecretRef): string {
  if ('env' in ref) return `the environment variable ${ref.env}`;
  if ('file' in ref) return `the file ${ref.file}`;
  if ('command' in ref) return `the command ${ref.command.join(' ')}`;
  return `the systemd credential ${ref.credential}`;
}
