/** Checks parsed YAML against schemas/backup-plan.schema.json, with the validator ajv compiled from it. */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { validate } from './plan-validator.js';
import type { Problem } from './problem.js';
import type { RawPlan } from './raw-plan.js';
import { schemaProblems } from './schema-problems.js';

// The generated module is unchecked JavaScript; this is the type ajv gives the same function.
const validator = validate as unknown as ValidateFunction<RawPlan>;

/** The data as a RawPlan, or every way it departs from the schema. */
export function checkSchema(
  data: unknown,
): { readonly raw: RawPlan; readonly problems?: never } | { readonly problems: readonly Problem[]; readonly raw?: never } {
  if (validator(data)) return { raw: data };
  return { problems: schemaProblems(validator.errors ?? [], data) };
}
