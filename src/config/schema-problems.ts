/**
 * Turns ajv's errors into one plain sentence per problem, at the node it is about. The alternatives
 * of a `oneOf` (a secret, a datasource, an exclude pattern) are collapsed to the one the author meant.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { didYouMean } from './did-you-mean.js';
import { describePath, type Problem, type YamlPath } from './problem.js';

type SchemaNode = Readonly<Record<string, unknown>>;

/** What a whole titled definition looks like, for messages about it. */
const SHAPES: Readonly<Record<string, string>> = {
  Argv: 'an argv list such as [systemctl, stop, cells]',
  Secret: '{ env: NAME } or { file: /absolute/path }',
  ExcludePattern: 'a pattern string or { pattern: "...", force: true }',
  Datasource: '{ backup: files }, { backup: provider } or { backup: skip, reason: "..." }',
  Target: '{ path: /folder, keep: { ... } }',
};

/** Fixed wording for the patterns of the schema. */
const PATTERN_MESSAGES: Readonly<Record<string, (subject: string) => string>> = {
  '^[^~]': (subject) => `${subject} starts with "~", which cellar does not expand; write the full path`,
  '^/': (subject) => `${subject} must be an absolute path`,
  '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$': (subject) =>
    `${subject} must start with a letter or digit and hold only letters, digits, ".", "_" and "-" (at most 64): it becomes part of file names`,
  '^[A-Za-z_][A-Za-z0-9_]*$': (subject) => `${subject} must be an environment variable name (letters, digits and "_")`,
  '^https?://[^\\s/]+(/\\S*)?$': (subject) => `${subject} must be an http:// or https:// URL`,
  '^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$': (subject) =>
    `${subject} must be a host name or an IP address, without scheme, port or path`,
  '^(?=[0-9])([0-9]+y)?([0-9]+m)?([0-9]+d)?([0-9]+h)?$': (subject) =>
    `${subject} must be a duration as restic writes it: years, months, days and hours in that order, e.g. 30d, 1y6m, 2d12h`,
};

/** Plain-language problems for ajv's errors on `data`, one per node and cause. */
export function schemaProblems(errors: readonly ErrorObject[], data: unknown): Problem[] {
  const { kept, problems } = collapseAlternatives(errors, data);
  const byNode = new Map<string, ErrorObject[]>();
  for (const error of kept) {
    if (error.keyword === 'propertyNames') continue;
    const key = `${error.instancePath}\u0000${error.propertyName ?? ''}`;
    byNode.set(key, [...(byNode.get(key) ?? []), error]);
  }
  for (const group of byNode.values()) {
    // A value of the wrong type makes its other errors moot.
    const typeErrors = group.filter((error) => error.keyword === 'type');
    for (const error of typeErrors.length > 0 ? typeErrors.slice(0, 1) : group) problems.push(explain(error, data));
  }
  return problems;
}

function collapseAlternatives(errors: readonly ErrorObject[], data: unknown): { kept: ErrorObject[]; problems: Problem[] } {
  let kept = [...errors];
  const problems: Problem[] = [];
  for (;;) {
    // Outermost first, so that alternatives nested in a discarded branch go with it.
    const alternative = kept
      .filter((error) => error.keyword === 'oneOf' || error.keyword === 'anyOf')
      .sort((a, b) => a.instancePath.length - b.instancePath.length)[0];
    if (alternative === undefined) return { kept, problems };
    const inside = (error: ErrorObject): boolean =>
      error !== alternative &&
      error.schemaPath.startsWith(`${alternative.schemaPath}/`) &&
      (error.instancePath === alternative.instancePath || error.instancePath.startsWith(`${alternative.instancePath}/`));
    const choice = chooseBranch(alternative, kept.filter(inside), data);
    kept = [...kept.filter((error) => error !== alternative && !inside(error)), ...choice.errors];
    problems.push(...choice.problems);
  }
}

/**
 * The branch the author meant: not one whose type differs from the value, nor one whose `backup`
 * (or other constant) differs; among those left, what they all object to, else a description.
 */
function chooseBranch(alternative: ErrorObject, branchErrors: readonly ErrorObject[], data: unknown): { errors: ErrorObject[]; problems: Problem[] } {
  const path = toPath(alternative.instancePath, data);
  const subject = describePath(path);
  const title = titleOf(alternative.parentSchema);
  const shape = SHAPES[title ?? ''] ?? 'one of the allowed forms';
  const value = alternative.data;
  if (title === 'Secret') {
    const secret = secretProblem(path, value);
    if (secret !== undefined) return { errors: [], problems: [secret] };
  }
  const count = Array.isArray(alternative.schema) ? alternative.schema.length : 0;
  const branches = Array.from({ length: count }, (_, index) =>
    branchErrors.filter((error) => error.schemaPath.startsWith(`${alternative.schemaPath}/${index}/`)),
  );
  if (branches.some((errors) => errors.length === 0)) {
    return { errors: [], problems: [{ path, at: 'value', message: `${subject} is ambiguous: it must be exactly one of ${shape}` }] };
  }
  const shapeProblem: Problem = { path, at: 'value', message: `${subject} must be ${shape}${isMapping(value) ? '' : found(value)}` };
  const scores = branches.map((errors) => relevance(errors, alternative.instancePath));
  const best = Math.max(...scores);
  if (best === 0) return { errors: [], problems: [shapeProblem] };
  const candidates = branches.filter((_, index) => scores[index] === best);
  const [first] = candidates;
  if (first !== undefined && candidates.length === 1) return { errors: first, problems: [] };
  const common = (first ?? []).filter((error) => candidates.every((errors) => errors.some((other) => sameError(error, other))));
  if (common.length > 0) {
    const unknown = common.filter((error) => error.keyword === 'additionalProperties');
    return { errors: common.filter((error) => !unknown.includes(error)), problems: unknownKeys(unknown, candidates, data) };
  }
  const constants = candidates.flatMap((errors) => errors.filter((error) => error.keyword === 'const'));
  const [constant] = constants;
  if (best === 1 && constant !== undefined) {
    const allowed = constants.map((error) => String(param(error, 'allowedValue')));
    const constantPath = toPath(constant.instancePath, data);
    const message = `${describePath(constantPath)} must be one of ${allowed.join(', ')}${didYouMean(String(constant.data), allowed)}`;
    return { errors: [], problems: [{ path: constantPath, at: 'value', message }] };
  }
  return { errors: [], problems: [shapeProblem] };
}

/**
 * 0: the value is not even of the branch's type; 1: a constant (such as `backup`) differs; 2: the
 * keys differ; 3: the keys match and only a value inside is wrong.
 */
function relevance(errors: readonly ErrorObject[], instancePath: string): number {
  const atRoot = (keyword: string): boolean => errors.some((error) => error.keyword === keyword && error.instancePath === instancePath);
  if (atRoot('type')) return 0;
  if (errors.some((error) => error.keyword === 'const' && error.instancePath.startsWith(`${instancePath}/`))) return 1;
  return atRoot('required') || atRoot('additionalProperties') ? 2 : 3;
}

function sameError(a: ErrorObject, b: ErrorObject): boolean {
  return a.keyword === b.keyword && a.instancePath === b.instancePath && JSON.stringify(a.params) === JSON.stringify(b.params);
}

// An unknown key common to all candidate branches is checked against the keys of all of them.
function unknownKeys(unknown: readonly ErrorObject[], candidates: readonly (readonly ErrorObject[])[], data: unknown): Problem[] {
  const allowed = new Set(candidates.flatMap((errors) => errors.flatMap((error) => propertyNames(error.parentSchema))));
  return unknown.map((error) => unknownKeyProblem(error, [...allowed], data));
}

const secretSources = ['env', 'file', 'command', 'credential'] as const;

function secretProblem(path: YamlPath, value: unknown): Problem | undefined {
  const subject = describePath(path);
  if (typeof value === 'string' || typeof value === 'number') {
    const [env, file] = secretSuggestion(path);
    return { path, at: 'value', message: `${subject} must not be written inline; use { env: ${env} } or { file: ${file} }` };
  }
  const sources = isMapping(value) ? secretSources.filter((source) => source in value) : [];
  if (sources.length > 1) {
    return { path, at: 'value', message: `${subject} must use one of env, file, command or credential, not ${sources.join(' and ')}` };
  }
  return undefined;
}

function secretSuggestion(path: YamlPath): [string, string] {
  const where = path.join('.');
  if (where === 'restore.database.admin.password') return ['CELLS_DB_ADMIN_PASSWORD', '/etc/cellar/db-admin.pass'];
  if (where.startsWith('restore.')) return ['NEW_DB_PASSWORD', '/etc/cellar/new-db.pass'];
  return ['CELLS_DB_PASSWORD', '/etc/cellar/db.pass'];
}

/** One error in words. */
function explain(error: ErrorObject, data: unknown): Problem {
  const path = toPath(error.instancePath, data);
  const subject = describePath(path);
  const parent = error.parentSchema;
  switch (error.keyword) {
    case 'type':
      return {
        path,
        at: 'value',
        message: `${subject} must be ${expectation(parent, error)}${found(error.data, { title: titleOf(parent), type: param(error, 'type') })}`,
      };
    case 'required': {
      const key = String(param(error, 'missingProperty'));
      const where = path.length === 0 ? 'at the top level' : `in ${subject}`;
      return { path, at: 'parent', message: `missing key ${JSON.stringify(key)} ${where}${purpose(parent, key)}` };
    }
    case 'additionalProperties':
      return unknownKeyProblem(error, propertyNames(parent), data);
    case 'const':
      if (path.length === 1 && path[0] === 'version') {
        return { path, at: 'value', message: 'version must be 1, the only plan format this cellar reads' };
      }
      return { path, at: 'value', message: `${subject} must be ${JSON.stringify(param(error, 'allowedValue'))}` };
    case 'enum': {
      const allowed = toStrings(param(error, 'allowedValues'));
      return { path, at: 'value', message: `${subject} must be one of ${allowed.join(', ')}${didYouMean(String(error.data), allowed)}` };
    }
    case 'minimum':
      return { path, at: 'value', message: `${subject} must be an integer ≥ ${String(param(error, 'limit'))}` };
    case 'maximum':
      return { path, at: 'value', message: `${subject} must be an integer ≤ ${String(param(error, 'limit'))}` };
    case 'minLength':
      return { path, at: 'value', message: `${subject} must not be empty` };
    case 'maxLength':
      return { path, at: 'value', message: `${subject} must be at most ${String(param(error, 'limit'))} characters long` };
    case 'minItems':
      return { path, at: 'value', message: `${subject} must not be empty${titleOf(parent) === 'Argv' ? `: write ${SHAPES.Argv ?? ''}` : ''}` };
    case 'minProperties': {
      const keys = propertyNames(parent);
      const needs = keys.length > 0 ? `must set at least one of ${keys.join(', ')}` : 'must have at least one entry';
      const hint = path.at(-1) === 'keep' ? ' (omit keep to keep every snapshot)' : '';
      return { path, at: 'value', message: `${subject} ${needs}${hint}` };
    }
    case 'pattern':
      return patternProblem(error, path);
    default:
      return { path, at: 'value', message: `${subject} ${error.message ?? 'is invalid'}` };
  }
}

/** `: why it is not backed up`, the first sentence of the key's description. */
function purpose(schema: unknown, key: string): string {
  const description = asNode(asNode(asNode(schema).properties)[key]).description;
  if (typeof description !== 'string') return '';
  const sentence = description.split(/\.(\s|$)/)[0] ?? description;
  return `: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

function unknownKeyProblem(error: ErrorObject, allowed: readonly string[], data: unknown): Problem {
  const parentPath = toPath(error.instancePath, data);
  const key = String(param(error, 'additionalProperty'));
  const where = `${parentPath.length === 0 ? 'at the top level' : `in ${describePath(parentPath)}`}${variant(error.parentSchema)}`;
  const suggestion = didYouMean(key, allowed);
  const hint = suggestion !== '' || allowed.length === 0 ? suggestion : ` (allowed: ${allowed.join(', ')})`;
  return { path: [...parentPath, key], at: 'key', message: `unknown key ${JSON.stringify(key)} ${where}${hint}` };
}

/** ` for backup: provider` when the mapping is one variant of several, told apart by a constant. */
function variant(schema: unknown): string {
  for (const [key, property] of Object.entries(asNode(asNode(schema).properties))) {
    const constant = asNode(property).const;
    if (typeof constant === 'string') return ` for ${key}: ${constant}`;
  }
  return '';
}

function patternProblem(error: ErrorObject, path: YamlPath): Problem {
  const pattern = String(param(error, 'pattern'));
  const describe = PATTERN_MESSAGES[pattern] ?? ((subject: string) => `${subject} must match ${pattern}`);
  if (error.propertyName === undefined) return { path, at: 'value', message: describe(describePath(path)) };
  const kind = path.at(-1) === 'targets' ? 'target name' : path.at(-1) === 'datasources' ? 'datasource name' : `${describePath(path)} key`;
  return { path: [...path, error.propertyName], at: 'key', message: describe(`${kind} ${JSON.stringify(error.propertyName)}`) };
}

function expectation(schema: unknown, error: ErrorObject): string {
  const shape = SHAPES[titleOf(schema) ?? ''];
  if (shape !== undefined) return shape;
  const node = asNode(schema);
  switch (param(error, 'type')) {
    case 'integer':
      return typeof node.minimum === 'number' ? `an integer ≥ ${node.minimum}` : 'an integer';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping (key: value lines)';
    default:
      return String(param(error, 'type'));
  }
}

/** `, not a string`, with advice where YAML's typing surprises people (`name: 2024` is a number). */
function found(value: unknown, expected?: { readonly title?: string | undefined; readonly type?: unknown }): string {
  if (value === null || value === undefined) return '; it is empty';
  if (Array.isArray(value)) return ', not a list';
  if (typeof value === 'string' && expected?.type === 'integer' && /^\d+$/.test(value)) return `, not a string (write ${value} without quotes)`;
  if (typeof value === 'string') return expected?.title === 'Argv' ? ', not a shell string' : ', not a string';
  if (typeof value === 'number' || typeof value === 'boolean') {
    return expected?.type === 'string' ? `, not ${String(value)} (write "${String(value)}" in quotes)` : `, not ${String(value)}`;
  }
  return ', not a mapping';
}

/** A JSON pointer as a path; numbers only where the data holds a list. */
function toPath(pointer: string, data: unknown): YamlPath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) {
      path.push(Number(segment));
      node = node[Number(segment)] as unknown;
    } else {
      path.push(segment);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

function isMapping(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNode(schema: unknown): SchemaNode {
  return typeof schema === 'object' && schema !== null ? (schema as SchemaNode) : {};
}

function titleOf(schema: unknown): string | undefined {
  const title = asNode(schema).title;
  return typeof title === 'string' ? title : undefined;
}

function propertyNames(schema: unknown): string[] {
  return Object.keys(asNode(asNode(schema).properties));
}

function param(error: ErrorObject, name: string): unknown {
  return (error.params as Record<string, unknown>)[name];
}

function toStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
