/** A problem found in a plan, before it is given a line and column. */

/** Keys and list indexes from the document root to a node, e.g. ['targets', 'local', 'keep', 'daily']. */
export type YamlPath = readonly (string | number)[];

export interface Problem {
  readonly path: YamlPath;
  /** `key`: point at the key itself (an unknown or duplicate key); `value`: at the value; `parent`: at the key that holds the node. */
  readonly at: 'key' | 'value' | 'parent';
  readonly message: string;
}

/** A problem with its 1-based position in the plan file. */
export interface LocatedProblem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** `targets.local.keep.daily`, `cells.exclude[2]`, `datasources["my ds"]`; the root is "the plan". */
export function describePath(path: YamlPath): string {
  if (path.length === 0) return 'the plan';
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z0-9_-]+$/.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** `file:line:col: message`, the form editors and CI logs link to. */
export function formatProblem(file: string, problem: LocatedProblem): string {
  return `${file}:${problem.line}:${problem.col}: ${problem.message}`;
}

/** Sorted by position, each distinct line once. */
export function sortProblems(problems: readonly LocatedProblem[]): LocatedProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.line - b.line || a.col - b.col || a.message.localeCompare(b.message))
    .filter((problem) => {
      const key = `${problem.line}:${problem.col}:${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
