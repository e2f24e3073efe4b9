/** Which layout of pydio.json a Cells version writes. */
import { invalidConfig } from './json-fields.js';

/** v1 and v2.0–2.1 keep `defaults.url`/`urlInternal`; from v2.2 (migration 2.1.99) `defaults.sites[]`. */
export type ConfigGeneration = 'pre-sites' | 'sites';

/** The numeric part of a Cells version. */
export interface CellsVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

const VERSION_PATTERN = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/s;
const FIRST_SITES_VERSION: CellsVersion = { major: 2, minor: 1, patch: 99 };

/** Reads the top-level `version`, e.g. `4.0.0-dev`; CELLS_CONFIG_INVALID when it is not one. */
export function parseCellsVersion(text: string): CellsVersion {
  const match = VERSION_PATTERN.exec(text);
  if (!match) throw invalidConfig(['version'], `is "${text}", which is not a Cells version such as 4.0.0`);
  const [, major = '', minor = '', patch = '0'] = match;
  return { major: Number(major), minor: Number(minor), patch: Number(patch) };
}

/** The layout from the version when there is one; otherwise `defaults.sites`, which only v2.2+ writes, decides. */
export function detectGeneration(version: CellsVersion | undefined, hasSites: boolean): ConfigGeneration {
  if (version === undefined) return hasSites ? 'sites' : 'pre-sites';
  return compareVersions(version, FIRST_SITES_VERSION) >= 0 ? 'sites' : 'pre-sites';
}

function compareVersions(a: CellsVersion, b: CellsVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** The newest Cells major version whose pydio.json cellar knows; later ones may have moved what it reads. */
const NEWEST_KNOWN_MAJOR = 4;

/** A warning when pydio.json names a Cells version newer than cellar knows, saying which rules apply instead. */
export function unknownVersionWarning(versionText: string | undefined, generation: ConfigGeneration): string | undefined {
  if (versionText === undefined) return undefined;
  const version = parseCellsVersion(versionText);
  if (version.major <= NEWEST_KNOWN_MAJOR) return undefined;
  return `pydio.json is from Cells ${versionText}, newer than this cellar knows (up to ${NEWEST_KNOWN_MAJOR}.x): it reads it by the rules of the ${generation} generation of 4.x; check the plan's datasources and database, or use a newer cellar`;
}
