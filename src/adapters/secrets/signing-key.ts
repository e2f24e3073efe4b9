import { CellarError } from '../../core/errors.js';
import type { SigningKey } from '../../model/manifest.js';
import type { SecretRef } from '../../model/secret.js';
import { resolveSecret } from './resolve-secret.js';

/** The key a target's manifests are signed and checked with, read from the plan's secret; undefined without `signing`. */
export function signingKeyOf(secret: SecretRef | undefined): SigningKey | undefined {
  if (secret === undefined) return undefined;
  const key = resolveSecret(secret, process.env, 'signing.key');
  if (key === '') throw new CellarError('SECRET_UNAVAILABLE', 'signing.key is empty; put the key (any long random text) where the plan says');
  return key;
}
