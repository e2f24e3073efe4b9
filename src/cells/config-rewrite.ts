/** The shape shared by the restore overrides of pydio.json. */
import { CellarError } from '../core/errors.js';
import type { JsonString } from './json-text.js';

/** One override's effect on a string value: the value it should have, given its current one. */
export type ConfigRewrite = (current: string, entry: JsonString) => string;

/** The error for an override that finds nothing to change, or cannot tell what to change. */
export function overrideUnmatched(message: string): CellarError {
  return new CellarError('OVERRIDE_UNMATCHED', message);
}
