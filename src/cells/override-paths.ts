/** `restore.overrides.paths` and a moved working dir: absolute paths under an old folder move to the new one. */
import { overrideUnmatched, type ConfigRewrite } from './config-rewrite.js';
import type { JsonString } from './json-text.js';

/** An old folder and where it is now. */
export interface FolderMove {
  readonly from: string;
  readonly to: string;
}

/**
 * Rewrites every absolute path equal to or under a moved folder, the longest old folder winning.
 * Each entry of `paths` must match some path; the working dir need not.
 */
export function overridePaths(strings: readonly JsonString[], paths: Readonly<Record<string, string>>, workingDir: FolderMove | undefined): ConfigRewrite {
  for (const from of Object.keys(paths)) {
    if (!strings.some((entry) => isWithin(entry.value, trimSlashes(from)))) {
      throw overrideUnmatched(`restore.overrides.paths.${from} matches no path in pydio.json; check the folder or remove the override`);
    }
  }
  const moves = [...Object.entries(paths).map(([from, to]) => ({ from, to })), ...(workingDir === undefined ? [] : [workingDir])]
    .map((move) => ({ from: trimSlashes(move.from), to: trimSlashes(move.to) }))
    .sort((a, b) => b.from.length - a.from.length);
  return (current) => {
    const move = moves.find((candidate) => isWithin(current, candidate.from));
    if (move === undefined) return current;
    return current === move.from ? move.to : `${withSlash(move.to)}${current.slice(withSlash(move.from).length)}`;
  };
}

function isWithin(value: string, folder: string): boolean {
  return folder.startsWith('/') && (value === folder || value.startsWith(withSlash(folder)));
}

function trimSlashes(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' && path !== '' ? '/' : trimmed;
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
