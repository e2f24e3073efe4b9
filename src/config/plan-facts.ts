/** What the safety rules need to know about the file system, gathered by src/observe/plan-facts.ts. */
import type { CellsConfig } from '../cells/cells-config.js';

/** What a target path holds now. */
export type TargetFolderFact = 'missing' | 'empty' | 'initialised' | 'not-empty' | 'not-a-folder' | 'unreadable';

/** What the working dir holds now; pydio.json is read only when it is there. */
export type WorkingDirState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-a-folder' }
  | { readonly kind: 'no-config' }
  | { readonly kind: 'config-invalid'; readonly reason: string }
  | { readonly kind: 'cells'; readonly config: CellsConfig };

export interface PlanFacts {
  /**
   * Each path the rules compare, with symlinks and `..` resolved; a path that does not exist yet
   * through its longest existing ancestor. A path missing from the map is compared as written.
   */
  readonly realPaths: ReadonlyMap<string, string>;
  /** By target name. */
  readonly targets: ReadonlyMap<string, TargetFolderFact>;
  /** By target name: the type of the file system that holds (or would hold) the target, where known. */
  readonly targetFileSystems: ReadonlyMap<string, string>;
  readonly workingDir: WorkingDirState;
}
