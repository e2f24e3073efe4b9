/**
 * No string of a plan may hold a NUL byte: no path, command, pattern or login can, and the system
 * calls that would receive one fail with an error that names neither the plan nor the line.
 */
import { describePath, type Problem, type YamlPath } from './problem.js';

/** A problem for each key and each string value that holds a NUL byte. */
export function checkNulBytes(data: unknown): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<object>();
  const pending: { readonly value: unknown; readonly path: YamlPath }[] = [{ value: data, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.includes('\0'))
        problems.push({ path, at: 'value', message: `${describePath(path)} holds a NUL byte (\\0), which no path, command or login can hold; remove it` });
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      // Aliases may make the data a graph: each object is looked at once.
      seen.add(value);
      for (const [key, item] of Object.entries(value)) {
        const itemPath = [...path, Array.isArray(value) ? Number(key) : key];
        if (key.includes('\0'))
          problems.push({ path: itemPath, at: 'key', message: `the key ${JSON.stringify(key)} in ${describePath(path)} holds a NUL byte (\\0); remove it` });
        pending.push({ value: item, path: itemPath });
      }
    }
  }
  return problems;
}
