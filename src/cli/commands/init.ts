import { dirname, join, resolve } from 'node:path';
import { readFileIfExists } from '../../adapters/fs/read-file.js';
import { writeTextFile } from '../../adapters/fs/write-file.js';
import { parseCellsConfig } from '../../cells/cells-config.js';
import { renderInitialPlan } from '../../config/initial-plan.js';
import { checkPlanBytes, planFileLabel } from '../../observe/load-plan.js';
import type { PlanFile } from '../../config/plan.js';
import { summarizePlan } from '../../config/plan-summary.js';
import { schemaFile } from '../../config/schema-file.js';
import { CellarError, isCellarError } from '../../core/errors.js';
import type { Io } from '../io.js';

/**
 * `cellar init`: writes a commented plan for the installation in --working-dir, after checking it
 * exactly as `validate` will. An existing file is replaced only with --force.
 */
export async function runInit(args: Record<string, unknown>, io: Io): Promise<number> {
  const workingDir = resolve(io.cwd, stringArg(args, 'working-dir') ?? '.');
  const targetDir = resolve(io.cwd, stringArg(args, 'target') ?? join(dirname(workingDir), 'cellar-backups'));
  const output = resolve(io.cwd, stringArg(args, 'output') ?? 'backup-plan.yaml');
  const label = planFileLabel(output, io.cwd);
  const force = args.force === true;
  if (!force && (await readFileIfExists(output)) !== undefined) throw exists(label);

  const configBytes = await readFileIfExists(join(workingDir, 'pydio.json'));
  if (configBytes === undefined) {
    throw new CellarError('USAGE', `${workingDir} holds no pydio.json, so it is not a Cells working dir; pass the folder that holds pydio.json`);
  }
  const config = parseCellsConfig(new TextDecoder().decode(configBytes));
  const text = renderInitialPlan({ workingDir, targetDir, config, schemaRef: schemaFile });

  let plan: PlanFile;
  try {
    ({ plan } = await checkPlanBytes(new TextEncoder().encode(text), { file: output, label, env: io.env }));
  } catch (error) {
    if (!isCellarError(error) || error.code !== 'PLAN_INVALID') throw error;
    throw new CellarError('PLAN_INVALID', `${label} was not written: the plan for ${workingDir} would not be valid`, { details: error.details });
  }
  if ((await writeTextFile(output, text, { overwrite: force })) === 'exists') throw exists(label);

  const password = plan.database?.password;
  const exportStep = password !== undefined && 'env' in password ? `, export ${password.env}` : '';
  const fileOption = label === 'backup-plan.yaml' ? '' : ` -f ${label}`;
  io.out(`wrote ${label}: ${summarizePlan(plan)}\n`);
  io.out(`next: read it (uncomment cells.service so that cellar can stop Cells)${exportStep}, then run \`cellar plan${fileOption}\`\n`);
  return 0;
}

function exists(label: string): CellarError {
  return new CellarError('USAGE', `${label} already exists; pass --force to overwrite it, or -o to write elsewhere`);
}

function stringArg(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}
