/**
 * The one way commands get a plan: read the file, parse, check the schema, fill defaults, then
 * check every safety rule against the file system. Nothing else runs before this succeeds.
 */
import { unknownVersionWarning } from '../cells/cells-config.js';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { readFileIfExists } from '../adapters/fs/read-file.js';
import { parsePlan } from '../config/parse-plan.js';
import type { PlanFacts } from '../config/plan-facts.js';
import { checkPlanRules } from '../config/plan-rules.js';
import type { PlanFile } from '../config/plan.js';
import { formatProblem, sortProblems, type LocatedProblem } from '../config/problem.js';
import { resolvePlan } from '../config/resolve-plan.js';
import { CellarError } from '../core/errors.js';
import { gatherPlanFacts } from './plan-facts.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadedPlan {
  readonly plan: PlanFile;
  /** Checks that could not run here, e.g. a working dir that does not exist on this machine. */
  readonly warnings: readonly string[];
}

export interface PlanFileContext {
  /** Absolute path of the plan file. */
  readonly file: string;
  /** How the file is named in messages. */
  readonly label: string;
  readonly env: Env;
}

/** The plan file to use: the argument, else $CELLAR_PLAN, else ./backup-plan.yaml; absolute. */
export function planFilePath(argFile: string | undefined, env: Env, cwd: string): string {
  const chosen = argFile ?? (env.CELLAR_PLAN !== undefined && env.CELLAR_PLAN !== '' ? env.CELLAR_PLAN : 'backup-plan.yaml');
  return resolve(cwd, chosen);
}

/** The file's name for messages: relative to `cwd` when it lies below it. */
export function planFileLabel(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path === '' || path.startsWith('..') || isAbsolute(path) ? file : path;
}

/**
 * Reads and checks the plan file. Throws PLAN_NOT_FOUND, or PLAN_INVALID with one detail line per
 * problem (`file:line:col: message`), sorted by position.
 */
export async function loadPlan(file: string, env: Env, cwd: string = process.cwd()): Promise<LoadedPlan> {
  const path = resolve(cwd, file);
  const label = planFileLabel(path, cwd);
  const bytes = await readFileIfExists(path);
  if (bytes === undefined) {
    throw new CellarError('PLAN_NOT_FOUND', `${label} does not exist; create one with \`cellar init --working-dir DIR\``);
  }
  return checkPlanBytes(bytes, { file: path, label, env });
}

/** Checks a plan's bytes as if they were the file `context.file` (used by `init` before it writes). */
export async function checkPlanBytes(bytes: Uint8Array, context: PlanFileContext): Promise<LoadedPlan> {
  const parsed = parsePlan(bytes);
  if (!parsed.ok) throw planInvalid(context.label, parsed.problems);
  const plan = resolvePlan(parsed.raw, { file: context.file, env: context.env, homeDir: context.env.HOME ?? homedir() });
  const facts = await gatherPlanFacts(plan);
  const problems = sortProblems(checkPlanRules(plan, facts).map((problem) => parsed.source.locate(problem)));
  if (problems.length > 0) throw planInvalid(context.label, problems);
  return { plan, warnings: skippedChecks(plan, facts) };
}

function planInvalid(label: string, problems: readonly LocatedProblem[]): CellarError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new CellarError('PLAN_INVALID', `${label} has ${count}`, { details: problems.map((problem) => formatProblem(label, problem)) });
}

function skippedChecks(plan: PlanFile, facts: PlanFacts): string[] {
  const { workingDir } = facts;
  if (workingDir.kind === 'cells') {
    const unknown = unknownVersionWarning(workingDir.config.version, workingDir.config.generation);
    return unknown === undefined ? [] : [unknown];
  }
  if (workingDir.kind !== 'missing') return [];
  return [`the working dir ${plan.cells.workingDir} does not exist here, so the datasources were not checked against its pydio.json`];
}
