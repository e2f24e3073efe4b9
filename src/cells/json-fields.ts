/** Typed reads of pydio.json fields: a field of the wrong type is CELLS_CONFIG_INVALID naming its path. */
import { CellarError } from '../core/errors.js';
import { describePath, type JsonPath } from './json-text.js';

/** A JSON object as JSON.parse returns it. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `parent[key]`, undefined when absent. */
export function objectField(parent: JsonObject | undefined, key: string, path: JsonPath): JsonObject | undefined {
  const value = own(parent, key);
  if (value === undefined || isJsonObject(value)) return value;
  throw invalidConfig([...path, key], 'must be an object');
}

/** The string at `parent[key]`, undefined when absent or empty. */
export function stringField(parent: JsonObject | undefined, key: string, path: JsonPath): string | undefined {
  const value = own(parent, key);
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  throw invalidConfig([...path, key], 'must be a string');
}

/** The boolean at `parent[key]`, undefined when absent. */
export function booleanField(parent: JsonObject | undefined, key: string, path: JsonPath): boolean | undefined {
  const value = own(parent, key);
  if (value === undefined || typeof value === 'boolean') return value;
  throw invalidConfig([...path, key], 'must be true or false');
}

/** The error for a field that is not what Cells writes there. */
export function invalidConfig(path: JsonPath, problem: string): CellarError {
  return new CellarError('CELLS_CONFIG_INVALID', `pydio.json is invalid: ${path.length === 0 ? 'the file' : describePath(path)} ${problem}`);
}

function own(parent: JsonObject | undefined, key: string): unknown {
  return parent !== undefined && Object.hasOwn(parent, key) ? parent[key] : undefined;
}
