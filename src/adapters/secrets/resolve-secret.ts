import { readFileSync } from 'node:fs';
import type { SecretRef } from '../../model/secret.js';
import { CellarError } from '../../core/errors.js';
import { describeSystemError } from '../fs/errno.js';

/**
 * Reads a secret at the moment a connection needs it. A file's trailing newline is not part of
 * the secret. The value is never logged; errors name only where it was looked for.
 */
export function resolveSecret(ref: SecretRef, env: Readonly<Record<string, string | undefined>>, what: string): string {
  if ('env' in ref) {
    const value = env[ref.env];
    if (value === undefined) {
      throw new CellarError('SECRET_UNAVAILABLE', `${what} comes from the environment variable ${ref.env}, which is not set; export it before running cellar`);
    }
    return value;
  }
  try {
    return readFileSync(ref.file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new CellarError(
      'SECRET_UNAVAILABLE',
      `${what} comes from ${ref.file}, which cannot be read (${describeSystemError(error)}); create it or fix its permissions`,
      { cause: error },
    );
  }
}

/** Where a secret is read from, for messages: "the environment variable X" or "the file F". */
export function describeSecretSource(ref: SecretRef): string {
  return 'env' in ref ? `the environment variable ${ref.env}` : `the file ${ref.file}`;
}
