import { markdownTable } from './report.js';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that a summary needs. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

/** Time attributed to one function (or file), in microseconds. */
export interface Cost {
  readonly name: string;
  readonly where: string;
  readonly micros: number;
}

export interface ProfileSummary {
  readonly totalMicros: number;
  /** Time spent in the function's own code, highest first. */
  readonly selfByFunction: readonly Cost[];
  readonly selfByFile: readonly Cost[];
  /** Time with the function on the stack (callees included), for cellar's own functions only. */
  readonly totalByCellarFunction: readonly Cost[];
}

/** Aggregates the samples of a profile: each sample lasts until the next one (the last until endTime). */
export function summarizeProfile(profile: CpuProfile, repo: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfByFunction = new Map<string, Cost>();
  const selfByFile = new Map<string, Cost>();
  const totalByFunction = new Map<string, Cost>();
  const add = (map: Map<string, Cost>, key: string, name: string, where: string, micros: number): void => {
    map.set(key, { name, where, micros: (map.get(key)?.micros ?? 0) + micros });
  };

  let time = profile.startTime;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index] ?? 0;
    const next = index + 1 < profile.samples.length ? time + (profile.timeDeltas[index + 1] ?? 0) : profile.endTime;
    const micros = Math.max(0, next - time);
    const node = byId.get(id);
    if (!node) return;
    const frame = describeFrame(node, repo);
    add(selfByFunction, frame.key, frame.name, frame.where, micros);
    add(selfByFile, frame.file, frame.file, '', micros);
    const seen = new Set<string>();
    for (let current: ProfileNode | undefined = node; current; current = byId.get(parentOf.get(current.id) ?? -1)) {
      const stacked = describeFrame(current, repo);
      if (!stacked.file.startsWith('dist/src/') || seen.has(stacked.key)) continue;
      seen.add(stacked.key);
      add(totalByFunction, stacked.key, stacked.name, stacked.where, micros);
    }
  });
  const sorted = (map: Map<string, Cost>): Cost[] => [...map.values()].sort((a, b) => b.micros - a.micros);
  return {
    totalMicros: profile.endTime - profile.startTime,
    selfByFunction: sorted(selfByFunction),
    selfByFile: sorted(selfByFile),
    totalByCellarFunction: sorted(totalByFunction),
  };
}

/** Three tables: top functions by self time, top files by self time, cellar's functions by total time. */
export function renderProfile(title: string, summary: ProfileSummary, top: number): string {
  const share = (micros: number): string => `${((100 * micros) / summary.totalMicros).toFixed(1)}%`;
  const ms = (micros: number): string => (micros / 1000).toFixed(0);
  return [
    `### ${title} (${ms(summary.totalMicros)} ms profiled)`,
    '',
    'Self time by function:',
    '',
    markdownTable(
      ['self ms', 'share', 'function', 'where'],
      summary.selfByFunction.slice(0, top).map((cost) => [ms(cost.micros), share(cost.micros), `\`${cost.name}\``, cost.where]),
    ),
    '',
    'Self time by file:',
    '',
    markdownTable(
      ['self ms', 'share', 'file'],
      summary.selfByFile.slice(0, top).map((cost) => [ms(cost.micros), share(cost.micros), cost.name]),
    ),
    '',
    "cellar's own functions by total time (callees included):",
    '',
    markdownTable(
      ['total ms', 'share', 'function', 'where'],
      summary.totalByCellarFunction.slice(0, top).map((cost) => [ms(cost.micros), share(cost.micros), `\`${cost.name}\``, cost.where]),
    ),
  ].join('\n');
}

function describeFrame(node: ProfileNode, repo: string): { key: string; name: string; where: string; file: string } {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName === '' ? '(anonymous)' : functionName;
  const file = shortFile(url, repo);
  const where = file === '' ? '' : `${file}:${lineNumber + 1}`;
  return { key: `${name} ${where}`, name, where, file: file === '' ? name : file };
}

/** `file:///repo/dist/src/x.js` → `dist/src/x.js`; dependencies from their package folder on. */
function shortFile(url: string, repo: string): string {
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + 1);
  return path.startsWith(`${repo}/`) ? path.slice(repo.length + 1) : path;
}
