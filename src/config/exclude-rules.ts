/**
 * Exclude patterns may not drop what a restore needs (the datasources under data/, the stores
 * under services/, pydio.json and the vault files) unless the pattern says `force: true`.
 */
import { compileExclude } from '../model/exclude.js';
import type { PlanFile } from './plan.js';
import type { Problem } from './problem.js';

/**
 * Representative paths of a working dir, relative to its root (patterns apply to each tree the
 * same way): a pattern that matches one of them would leave a snapshot unable to restore Cells.
 */
const NEEDED_PATHS: readonly { readonly path: string; readonly isDirectory: boolean }[] = [
  { path: 'pydio.json', isDirectory: false },
  { path: 'pydio-vault.json', isDirectory: false },
  { path: 'cells-vault-key', isDirectory: false },
  { path: 'data', isDirectory: true },
  { path: 'data/pydiods1', isDirectory: true },
  { path: 'data/pydiods1/folder', isDirectory: true },
  { path: 'data/pydiods1/folder/file.txt', isDirectory: false },
  { path: 'data/pydiods1/folder/.pydio', isDirectory: false },
  { path: 'data/.minio.sys', isDirectory: true },
  { path: 'data/.minio.sys/format.json', isDirectory: false },
  { path: 'services', isDirectory: true },
  { path: 'services/pydio.grpc.activity', isDirectory: true },
  { path: 'services/pydio.grpc.activity/activities.db', isDirectory: false },
  { path: 'services/pydio.grpc.search/searchengine.bleve', isDirectory: true },
  { path: 'services/pydio.grpc.search/searchengine.bleve/store/root.bolt', isDirectory: false },
];

/** A problem for each pattern without `force` that would exclude something a restore needs. */
export function checkExcludes(plan: PlanFile): Problem[] {
  return plan.cells.exclude.flatMap((rule, index) => {
    if (rule.force) return [];
    const matcher = compileExclude(rule.pattern);
    const hit = NEEDED_PATHS.find((needed) => matcher.matches(needed.path, needed.isDirectory));
    if (hit === undefined) return [];
    const pattern = JSON.stringify(rule.pattern);
    return [
      {
        path: ['cells', 'exclude', index],
        at: 'value' as const,
        message: `cells.exclude[${index}] ${pattern} would exclude ${hit.path}${hit.isDirectory ? '/' : ''}, which a restore needs; if that is intended, write { pattern: ${pattern}, force: true }`,
      },
    ];
  });
}
