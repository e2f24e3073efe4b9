/**
 * The plan against the installation's pydio.json: the working dir must be a Cells working dir, and
 * every datasource must be accounted for, since an undeclared one would silently not be backed up.
 */
import type { DatasourceInfo, StorageKind } from '../cells/cells-config.js';
import { assertNever } from '../core/assert-never.js';
import { didYouMean } from './did-you-mean.js';
import type { PlanFacts } from './plan-facts.js';
import type { PlanFile } from './plan.js';
import type { Problem } from './problem.js';

/** Problems with the working dir and the datasources; none when the working dir does not exist here. */
export function checkDatasources(plan: PlanFile, facts: PlanFacts): Problem[] {
  const workingDir = plan.cells.workingDir;
  const state = facts.workingDir;
  const at = { path: ['cells', 'workingDir'], at: 'value' } as const;
  switch (state.kind) {
    case 'missing':
      return [];
    case 'not-a-folder':
      return [{ ...at, message: `cells.workingDir (${workingDir}) is not a folder; point it at the folder that holds pydio.json` }];
    case 'no-config':
      return [
        {
          ...at,
          message: `cells.workingDir (${workingDir}) holds no pydio.json, so it is not a Cells working dir; point it at the folder that holds pydio.json`,
        },
      ];
    case 'config-invalid': {
      // Only a target that holds snapshots can give pydio.json back.
      const fromSnapshot = [...facts.targets.values()].includes('initialised') ? ', or restore it from a snapshot (cellar plan --restore)' : '';
      return [{ ...at, message: `cells.workingDir (${workingDir}): ${state.reason}${fromSnapshot}` }];
    }
    case 'cells':
      return compareDatasources(plan, state.config.datasources);
    default:
      return assertNever(state);
  }
}

function compareDatasources(plan: PlanFile, live: readonly DatasourceInfo[]): Problem[] {
  const problems: Problem[] = [];
  const liveNames = live.map((datasource) => datasource.name);
  for (const datasource of live) {
    if (plan.datasources[datasource.name] !== undefined) continue;
    problems.push({
      path: ['datasources'],
      at: 'parent',
      message: `datasource "${datasource.name}" (${describe(datasource)}) is in pydio.json but not in the plan, so it would not be backed up; declare it under datasources with backup: ${suggestedBackup(datasource.storage)} (or provider, or skip with a reason)`,
    });
  }
  for (const [name, spec] of Object.entries(plan.datasources)) {
    const datasource = live.find((candidate) => candidate.name === name);
    if (datasource === undefined) {
      const listed = liveNames.length === 0 ? 'pydio.json lists no datasources' : `pydio.json lists ${liveNames.join(', ')}`;
      const hint = didYouMean(name, liveNames);
      problems.push({
        path: ['datasources', name],
        at: 'key',
        message: `datasources.${name} is not a datasource of this Cells installation${hint === '' ? ` (${listed})` : hint}`,
      });
      continue;
    }
    const remote = datasource.storage === 's3' || datasource.storage === 'azure' || datasource.storage === 'gcs';
    if (spec.backup === 'files' && remote && spec.path === undefined) {
      problems.push({
        path: ['datasources', name, 'backup'],
        at: 'value',
        message: `datasources.${name} is stored in ${storageName(datasource.storage)}: there is no folder for cellar to copy; use backup: provider (the provider's versioning keeps the objects) or skip`,
      });
    }
    if (spec.backup === 'provider' && datasource.storage === 'local') {
      problems.push({
        path: ['datasources', name, 'backup'],
        at: 'value',
        message: `datasources.${name} is stored in a local folder${datasource.folder === undefined ? '' : ` (${datasource.folder})`}, which no provider protects; use backup: files`,
      });
    }
  }
  return problems;
}

function suggestedBackup(storage: StorageKind): 'files' | 'provider' {
  return storage === 'local' ? 'files' : 'provider';
}

function describe(datasource: DatasourceInfo): string {
  const where = datasource.storage === 'local' ? (datasource.folder ?? 'local') : storageName(datasource.storage);
  return `${where}, ${datasource.flat ? 'flat' : 'structured'}`;
}

/** How a storage kind is named in messages and comments. */
export function storageName(storage: StorageKind): string {
  switch (storage) {
    case 'local':
      return 'a local folder';
    case 's3':
      return 'S3';
    case 'azure':
      return 'Azure Blob Storage';
    case 'gcs':
      return 'Google Cloud Storage';
    case 'other':
      return 'an unrecognised storage';
    default:
      return assertNever(storage);
  }
}
