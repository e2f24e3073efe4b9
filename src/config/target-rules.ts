/**
 * Where snapshots may go. A target that equals, lies inside or contains live Cells data is the
 * inverted `rsync --delete` accident the Cells docs warn about; cellar makes it impossible by
 * comparing real paths (symlinks and `..` resolved) before anything runs.
 */
import { targetMarkerName } from '../model/target.js';
import type { PlanFacts } from './plan-facts.js';
import type { PlanFile, TargetSpec } from './plan.js';
import type { Problem, YamlPath } from './problem.js';

type Relation = 'same' | 'inside' | 'contains';

/** A folder that holds live data, described for messages. */
interface LiveFolder {
  readonly label: string;
  readonly path: string;
}

/** Targets that overlap live data or each other, targets that are not cellar's to write, restores that would write into their own source. */
export function checkTargets(plan: PlanFile, facts: PlanFacts): Problem[] {
  const real = (path: string): string => facts.realPaths.get(path) ?? path;
  const live = liveFolders(plan, facts);
  const suggestion = `${parentOf(real(plan.cells.workingDir))}/cellar-backups`;
  const problems: Problem[] = [];
  for (const target of Object.values(plan.targets)) {
    const path: YamlPath = ['targets', target.name, 'path'];
    const subject = `targets.${target.name}.path`;
    const overlap = live
      .map((folder) => ({ folder, relation: relationOf(real(target.path), real(folder.path)) }))
      .filter((found): found is { folder: LiveFolder; relation: Relation } => found.relation !== undefined)
      .sort((a, b) => rank(a.relation) - rank(b.relation))[0];
    if (overlap !== undefined) {
      const { folder, relation } = overlap;
      const where = `${subject} (${shown(target.path, real)})`;
      const message =
        relation === 'same'
          ? `${where} is ${folder.label} itself`
          : relation === 'inside'
            ? `${where} is inside ${folder.label} (${shown(folder.path, real)}): each backup would copy the ones before it, and a restore would delete them`
            : `${where} contains ${folder.label} (${shown(folder.path, real)}): a backup or a prune could write over live data`;
      problems.push({ path, at: 'value', message: `${message}; keep snapshots in a folder of their own, e.g. ${suggestion}` });
    } else {
      problems.push(...targetState(target, facts, path, `${subject} (${shown(target.path, real)})`));
    }
  }
  problems.push(...targetOverlaps(plan, real));
  problems.push(...restoreOverlaps(plan, real));
  return problems;
}

// Two targets in one folder would mix their snapshots, and one's retention would prune the other's.
function targetOverlaps(plan: PlanFile, real: (path: string) => string): Problem[] {
  const targets = Object.values(plan.targets);
  const problems: Problem[] = [];
  targets.forEach((target, index) => {
    for (const earlier of targets.slice(0, index)) {
      const relation = relationOf(real(target.path), real(earlier.path));
      if (relation === undefined) continue;
      const where = `targets.${target.name}.path (${shown(target.path, real)})`;
      const other = `target "${earlier.name}" (${shown(earlier.path, real)})`;
      const message =
        relation === 'same'
          ? `${where} is the folder of ${other} too`
          : relation === 'inside'
            ? `${where} is inside the folder of ${other}`
            : `${where} contains the folder of ${other}`;
      problems.push({
        path: ['targets', target.name, 'path'],
        at: 'value',
        message: `${message}; each target needs a folder of its own, or their snapshots and retention mix`,
      });
      break;
    }
  });
  return problems;
}

function liveFolders(plan: PlanFile, facts: PlanFacts): LiveFolder[] {
  const folders: LiveFolder[] = [{ label: 'the Cells working dir', path: plan.cells.workingDir }];
  for (const [name, spec] of Object.entries(plan.datasources)) {
    if (spec.backup === 'files' && spec.path !== undefined) folders.push({ label: `the folder of datasource "${name}"`, path: spec.path });
  }
  if (facts.workingDir.kind === 'cells') {
    for (const datasource of facts.workingDir.config.datasources) {
      if (datasource.storage !== 'local') continue;
      if (datasource.folder !== undefined) folders.push({ label: `the folder of datasource "${datasource.name}"`, path: datasource.folder });
      if (datasource.localFolder !== undefined) {
        folders.push({ label: `the storage folder of objects service "${datasource.objectsService ?? datasource.name}"`, path: datasource.localFolder });
      }
    }
  }
  return folders;
}

/** File systems the kernel makes up, which hold no files of their own: snapshots written there are lost, or never written. */
const pseudoFileSystems = new Set([
  'proc',
  'sysfs',
  'devtmpfs',
  'devpts',
  'cgroup',
  'cgroup2',
  'debugfs',
  'tracefs',
  'securityfs',
  'pstore',
  'bpf',
  'configfs',
  'efivarfs',
  'fusectl',
  'mqueue',
  'binfmt_misc',
  'hugetlbfs',
  'rpc_pipefs',
  'nsfs',
]);

function targetState(target: TargetSpec, facts: PlanFacts, path: YamlPath, subject: string): Problem[] {
  const fileSystem = facts.targetFileSystems.get(target.name);
  if (fileSystem !== undefined && pseudoFileSystems.has(fileSystem)) {
    return [
      {
        path,
        at: 'value',
        message: `${subject} is on a ${fileSystem} file system, which the kernel makes up and which holds no files; choose a folder on a disk`,
      },
    ];
  }
  const state = facts.targets.get(target.name) ?? 'missing';
  switch (state) {
    case 'missing':
    case 'empty':
    case 'initialised':
      return [];
    case 'not-empty':
      return [
        {
          path,
          at: 'value',
          message: `${subject} already holds files but no ${targetMarkerName}: cellar only writes into a new or empty folder, or one it initialised; choose another folder`,
        },
      ];
    case 'not-a-folder':
      return [{ path, at: 'value', message: `${subject} is not a folder; choose a folder for the snapshots` }];
    case 'unreadable':
      return [{ path, at: 'value', message: `${subject} cannot be read; check its permissions` }];
  }
}

// A restore writes the working dir and the moved datasource folders; none of them may overlap the target it reads.
function restoreOverlaps(plan: PlanFile, real: (path: string) => string): Problem[] {
  const restore = plan.restore;
  const source = restore === undefined ? undefined : plan.targets[restore.from];
  if (restore === undefined || source === undefined) return [];
  const destinations: { path: YamlPath; subject: string; folder: string }[] = Object.entries(restore.overrides.paths).map(([from, to]) => ({
    path: ['restore', 'overrides', 'paths', from],
    subject: `restore.overrides.paths[${JSON.stringify(from)}]`,
    folder: to,
  }));
  // Restoring in place (the default) is checked above, as the target against the working dir.
  if (real(restore.workingDir) !== real(plan.cells.workingDir)) {
    destinations.unshift({ path: ['restore', 'workingDir'], subject: 'restore.workingDir', folder: restore.workingDir });
  }
  const problems: Problem[] = [];
  for (const destination of destinations) {
    const relation = relationOf(real(destination.folder), real(source.path));
    if (relation === undefined) continue;
    const targetText = `target "${source.name}" (${shown(source.path, real)}) that it restores from`;
    const where = `${destination.subject} (${shown(destination.folder, real)})`;
    const message =
      relation === 'same'
        ? `${where} is the folder of ${targetText}`
        : relation === 'inside'
          ? `${where} is inside ${targetText}`
          : `${where} contains ${targetText}`;
    problems.push({
      path: destination.path,
      at: 'value',
      message: `${message}; a restore would overwrite the snapshots it reads: restore into another folder`,
    });
  }
  return problems;
}

function relationOf(path: string, other: string): Relation | undefined {
  if (path === other) return 'same';
  if (path.startsWith(other === '/' ? '/' : `${other}/`)) return 'inside';
  if (other.startsWith(path === '/' ? '/' : `${path}/`)) return 'contains';
  return undefined;
}

function rank(relation: Relation): number {
  return relation === 'same' ? 0 : relation === 'inside' ? 1 : 2;
}

/** The path as written, and where it really leads when links or `..` change it. */
function shown(path: string, real: (path: string) => string): string {
  const resolved = real(path);
  return resolved === path ? path : `${path} → ${resolved}`;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '' : path.slice(0, slash);
}
