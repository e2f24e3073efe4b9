import type { CellsConfig } from '../cells/cells-config.js';
import type { PlanFile } from './plan.js';
import { literalPattern } from '../model/exclude.js';
import { configFiles, restoreMarkerName, vaultFiles } from '../model/installation.js';
import { relativeInside } from '../model/paths.js';
import type { TreeSpec } from '../model/tree.js';
import type { Address } from '../model/address.js';

export interface Exclusion {
  readonly address: Address;
  readonly what: string;
}

export interface Layout {
  readonly trees: readonly TreeSpec[];
  /** What is deliberately not saved, recorded in the manifest so a restore knows. */
  readonly excluded: readonly Exclusion[];
  /** `backup: files` datasources without a folder (none in pydio.json, no `path` in the plan). */
  readonly unplaced: readonly string[];
}

/**
 * The trees of one installation: the working dir (minus the config files and the datasource
 * folders inside it), the config files, and each `backup: files` datasource folder — stored
 * inside `workdir/` when it lies in the working dir, under `datasources/<name>/` otherwise, with
 * the `.minio.sys` of an outside objects folder beside it. Every file belongs to one address.
 */
export function layoutTrees(plan: PlanFile, cells: CellsConfig | undefined): Layout {
  const workingDir = plan.cells.workingDir;
  const userExclude = plan.cells.exclude.map((rule) => rule.pattern);
  const nested: string[] = [];
  const datasourceTrees: TreeSpec[] = [];
  const unplaced: string[] = [];
  const excluded: Exclusion[] = userExclude.map((pattern) => ({ address: 'workdir', what: `exclude ${pattern}` }));

  for (const [name, spec] of Object.entries(plan.datasources).sort(([a], [b]) => a.localeCompare(b))) {
    const address: Address = `datasource.${name}`;
    const info = cells?.datasources.find((datasource) => datasource.name === name);
    const declared = spec.backup === 'files' ? (spec.path ?? info?.folder) : info?.folder;
    const folder = declared === undefined ? undefined : withoutTrailingSlash(declared);
    const inside = folder === undefined ? undefined : relativeInside(workingDir, folder);
    if (inside !== undefined && inside !== '') nested.push(`/${literalPattern(inside)}/`);

    if (spec.backup !== 'files') {
      excluded.push({ address, what: spec.backup === 'skip' ? `skipped: ${spec.reason}` : 'backed up by its storage provider' });
      continue;
    }
    if (folder === undefined) {
      unplaced.push(name);
      continue;
    }
    if (inside !== undefined) {
      datasourceTrees.push({ id: address, address, source: folder, snapshotPath: joinSnapshot('workdir', inside), exclude: userExclude });
      continue;
    }
    datasourceTrees.push({ id: address, address, source: folder, snapshotPath: `datasources/${name}/folder`, exclude: userExclude });
    const localFolder = info?.localFolder === undefined ? undefined : withoutTrailingSlash(info.localFolder);
    if (localFolder !== undefined && relativeInside(workingDir, localFolder) === undefined && relativeInside(folder, localFolder) === undefined) {
      datasourceTrees.push({
        id: `${address}.minio-sys`,
        address,
        source: `${localFolder}/.minio.sys`,
        snapshotPath: `datasources/${name}/.minio.sys`,
        exclude: [],
        optional: true,
        label: '.minio.sys',
      });
    }
  }

  const configExclude = [...configFiles, restoreMarkerName].map((file) => `/${file}`);
  return {
    trees: [
      { id: 'workdir', address: 'workdir', source: workingDir, snapshotPath: 'workdir', exclude: [...userExclude, ...configExclude, ...nested] },
      { id: 'config', address: 'config', source: workingDir, snapshotPath: 'workdir', exclude: [], only: configFiles },
      ...datasourceTrees,
    ],
    excluded,
    unplaced,
  };
}

function joinSnapshot(base: string, relative: string): string {
  return relative === '' ? base : `${base}/${relative}`;
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * What a restore copies of a tree: the config tree without pydio.json, which is written patched;
 * never the working dir's restore marker (a snapshot older than the marker does not exclude it).
 */
export function restoredPart(tree: TreeSpec): TreeSpec {
  if (tree.id === 'config') return { ...tree, only: vaultFiles };
  return tree.id === 'workdir' ? { ...tree, exclude: [...new Set([...tree.exclude, `/${restoreMarkerName}`])] } : tree;
}
