/** Plan file bytes → RawPlan: UTF-8, YAML, schema. Every problem is reported, located and sorted. */
import { checkSchema } from './check-schema.js';
import { decodeUtf8 } from './decode-text.js';
import { checkNulBytes } from './nul-bytes.js';
import { sortProblems, type LocatedProblem } from './problem.js';
import type { RawPlan } from './raw-plan.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export type ParsedPlan =
  { readonly ok: true; readonly raw: RawPlan; readonly source: YamlSource } | { readonly ok: false; readonly problems: readonly LocatedProblem[] };

/** Parses and checks a plan file's bytes against the schema. */
export function parsePlan(bytes: Uint8Array): ParsedPlan {
  const decoded = decodeUtf8(bytes);
  if ('problem' in decoded) return { ok: false, problems: [decoded.problem] };
  const { source, problems } = parseYamlSource(decoded.text);
  if (source === undefined) return { ok: false, problems: sortProblems(problems) };
  if (source.data === null || source.data === undefined) {
    const message = 'the plan is empty; write one with `cellar init --working-dir DIR`, or start from examples/minimal.yaml';
    return { ok: false, problems: [{ line: 1, col: 1, message }] };
  }
  const checked = checkSchema(source.data);
  const all = [...problems, ...[...checkNulBytes(source.data), ...(checked.problems ?? [])].map((problem) => source.locate(problem))];
  if (checked.raw === undefined || all.length > 0) return { ok: false, problems: sortProblems(all) };
  return { ok: true, raw: checked.raw, source };
}
