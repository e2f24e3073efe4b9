import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { isFolder, pathExists } from '../adapters/fs/exists.js';
import { walkTree } from '../adapters/fs/walk-tree.js';
import { readFileList } from '../adapters/target/file-list.js';
import { CellarError } from '../core/errors.js';
import { diffTree } from '../model/diff-tree.js';
import type { ManifestTree } from '../model/manifest.js';
import { relativeInside } from '../model/paths.js';
import type { RecordedEntry, TreeEntry } from '../model/tree.js';
import type { RestorePathDestination } from './observed.js';
import { tap } from './restore-destination.js';

/** `datasource.NAME:PATH` read into its address and its path (no leading or trailing slash), or undefined for a whole address. */
export function splitRestorePath(value: string): { readonly address: string; readonly path: string } | undefined {
  const colon = value.indexOf(':');
  if (colon < 0) return undefined;
  const path = value
    .slice(colon + 1)
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
  return { address: value.slice(0, colon), path };
}

/**
 * Compares a path of a datasource's snapshot copy with where the restore puts it: its own place in
 * `treeDestination`, or `to/<its name>`. Only the snapshot's entries below the path take part.
 */
export function observeRestorePath(
  value: string,
  tree: ManifestTree,
  folder: string,
  placement: { readonly treeDestination: string; readonly to: string | undefined },
): RestorePathDestination {
  const split = splitRestorePath(value);
  if (!split || split.path === '' || split.path.split('/').includes('..')) {
    throw new CellarError('USAGE', `--only ${value}: give a path inside the datasource, e.g. ${tree.address}:admin/projects`);
  }
  const { path } = split;
  const recorded = [...entriesBelow(readFileList(join(folder, tree.list)), path)];
  const top = recorded.find((entry) => entry.path === path);
  if (!top || (top.type !== 'dir' && top.type !== 'file')) {
    throw new CellarError(
      'USAGE',
      `--only ${value}: the snapshot holds no file or folder ${path} in ${tree.address}; check the path (it is relative to the datasource folder)`,
    );
  }
  const kind = top.type;
  const destination = placement.to === undefined ? join(placement.treeDestination, path) : join(placement.to, basename(path));
  const beside = placement.to !== undefined;
  if (beside && pathExists(destination)) {
    throw new CellarError('USAGE', `--to ${placement.to}: ${destination} exists already; --to never overwrites, choose another folder`);
  }
  // A folder is compared from its root; a file as the one name of its parent folder.
  const base = kind === 'dir' ? path : dirname(path) === '.' ? '' : dirname(path);
  const rerooted = recorded.map((entry) => ({ ...entry, path: relativeTo(entry.path, base) }));
  const liveRoot = kind === 'dir' ? destination : dirname(destination);
  const live: Iterable<TreeEntry> = !isFolder(liveRoot)
    ? []
    : kind === 'dir'
      ? walkTree(liveRoot, { exclude: [] })
      : walkTree(liveRoot, { exclude: [], only: [basename(destination)] });
  const hash = createHash('sha256');
  const spec = { ...tree, source: liveRoot, snapshotPath: join(tree.snapshotPath, base), only: kind === 'dir' ? undefined : [basename(path)] };
  // The snapshot's side is passed as the "live" one: its entries missing at the destination are gains.
  const { drift } = diffTree(spec, rerooted, tap(live, hash), { keep: 50 });
  return {
    address: `${tree.address}:${path}` as `datasource.${string}`,
    tree,
    path,
    kind,
    destination,
    beside,
    inDatasource: !beside || relativeInside(placement.treeDestination, destination) !== undefined,
    comparison: drift,
    digest: hash.digest('hex'),
    files: recorded.flatMap((entry) =>
      entry.type === 'file' && entry.sha256 !== undefined ? [{ path: relativeTo(entry.path, path), sha256: entry.sha256 }] : [],
    ),
  };
}

function* entriesBelow(entries: Iterable<RecordedEntry>, path: string): Generator<RecordedEntry> {
  const prefix = `${path}/`;
  for (const entry of entries) if (entry.path === path || entry.path.startsWith(prefix)) yield entry;
}

function relativeTo(path: string, base: string): string {
  if (base === '') return path;
  return path === base ? '' : path.slice(base.length + 1);
}
