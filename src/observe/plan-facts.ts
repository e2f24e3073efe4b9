import { join } from 'node:path';
import { entryKind, folderNames } from '../adapters/fs/entry-kind.js';
import { hasErrorCode } from '../adapters/fs/errno.js';
import { fileSystemTypeOf } from '../adapters/fs/mount-type.js';
import { readTextFile } from '../adapters/fs/read-file.js';
import { resolveRealPath } from '../adapters/fs/real-path.js';
import { parseCellsConfig } from '../cells/cells-config.js';
import type { PlanFile } from '../config/plan.js';
import { isMarkerDraft, targetMarkerName } from '../model/target.js';
import type { PlanFacts, TargetFolderFact, WorkingDirState } from '../config/plan-facts.js';
import { isCellarError } from '../core/errors.js';

/** Reads what the plan's safety rules need from the file system; it never writes. */
export async function gatherPlanFacts(plan: PlanFile): Promise<PlanFacts> {
  const workingDir = await readWorkingDir(plan.cells.workingDir);
  const targets = new Map<string, TargetFolderFact>();
  for (const target of Object.values(plan.targets)) targets.set(target.name, await readTargetFolder(target.path));
  const realPaths = new Map<string, string>();
  for (const path of comparedPaths(plan, workingDir)) realPaths.set(path, await resolveRealPath(path));
  const targetFileSystems = new Map<string, string>();
  for (const target of Object.values(plan.targets)) {
    const type = await fileSystemTypeOf(realPaths.get(target.path) ?? target.path);
    if (type !== undefined) targetFileSystems.set(target.name, type);
  }
  return { realPaths, targets, targetFileSystems, workingDir };
}

function comparedPaths(plan: PlanFile, workingDir: WorkingDirState): Set<string> {
  const paths = new Set([plan.cells.workingDir, ...Object.values(plan.targets).map((target) => target.path)]);
  for (const spec of Object.values(plan.datasources)) if (spec.backup === 'files' && spec.path !== undefined) paths.add(spec.path);
  if (plan.restore !== undefined) {
    paths.add(plan.restore.workingDir);
    for (const folder of Object.values(plan.restore.overrides.paths)) paths.add(folder);
  }
  if (workingDir.kind === 'cells') {
    for (const datasource of workingDir.config.datasources) {
      if (datasource.folder !== undefined) paths.add(datasource.folder);
      if (datasource.localFolder !== undefined) paths.add(datasource.localFolder);
    }
  }
  return paths;
}

async function readWorkingDir(path: string): Promise<WorkingDirState> {
  const kind = await entryKind(path);
  if (kind === 'missing') return { kind: 'missing' };
  if (kind === 'unreadable') return { kind: 'config-invalid', reason: 'the working dir cannot be read (permission denied?)' };
  if (kind === 'other') return { kind: 'not-a-folder' };
  let text: string;
  try {
    text = await readTextFile(join(path, 'pydio.json'));
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return { kind: 'no-config' };
    return { kind: 'config-invalid', reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    return { kind: 'cells', config: parseCellsConfig(text, { file: join(path, 'pydio.json'), remedy: 'fix it' }) };
  } catch (error) {
    if (!isCellarError(error)) throw error;
    return { kind: 'config-invalid', reason: error.message };
  }
}

async function readTargetFolder(path: string): Promise<TargetFolderFact> {
  const kind = await entryKind(path);
  if (kind === 'missing' || kind === 'unreadable') return kind;
  if (kind === 'other') return 'not-a-folder';
  const names = await folderNames(path);
  if (names === undefined) return 'unreadable';
  if (names.every(isMarkerDraft)) return 'empty';
  return names.includes(targetMarkerName) ? 'initialised' : 'not-empty';
}
