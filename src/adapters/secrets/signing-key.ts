import { CellarError } from '../../core/errors.js';
import type { TargetSpec } from '../../config/plan.js';
import type { SigningKey } from '../../model/manifest.js';
import { resolveSecret } from './resolve-secret.js';

/** The key a target's manifests are signed and checked with, read from the plan's secret; undefined without `signing`. */
export function signingKeyOf(spec: TargetSpec): SigningKey | undefined {
  if (spec.signingKey === undefined) return undefined;
  const key = resolveSecret(spec.signingKey, process.env, 'signing.key');
  if (key === '') throw new CellarError('SECRET_UNAVAILABLE', 'signing.key is empty; put the key (any long random text) where the plan says');
  return key;
}
