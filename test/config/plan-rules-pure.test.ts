import { describe, expect, it } from 'vitest';
import type { PlanFacts } from '../../src/config/plan-facts.js';
import { checkPlanRules } from '../../src/config/plan-rules.js';
import type { PlanFile, TargetSpec } from '../../src/config/plan.js';
import { keepRules } from '../plan/builders.js';

// The rules are pure: facts are built in memory, no disk involved.
function buildPlan(overrides: Partial<PlanFile> = {}): PlanFile {
  return {
    file: '/etc/cellar/backup-plan.yaml',
    cells: { workingDir: '/srv/cells', service: undefined, exclude: [], binary: undefined },
    database: undefined,
    datasources: { pydiods1: { backup: 'files', path: undefined } },
    stores: {},
    targets: { local: target('local', '/backups') },
    restore: undefined,
    hooks: { before: undefined, after: undefined, onSuccess: undefined, onFailure: undefined },
    spot: { countTolerance: 10, sample: 1, dataTolerance: 0 },
    ...overrides,
  };
}

function target(name: string, path: string, keep?: TargetSpec['keep']): TargetSpec {
  return { name, path, keep, signingKey: undefined };
}

function facts(realPaths: Record<string, string> = {}): PlanFacts {
  return { realPaths: new Map(Object.entries(realPaths)), targets: new Map(), targetFileSystems: new Map(), workingDir: { kind: 'missing' } };
}

describe('checkPlanRules', () => {
  it('finds nothing wrong with a plain plan', () => {
    expect(checkPlanRules(buildPlan(), facts())).toEqual([]);
  });

  it.each(['proc', 'sysfs', 'devtmpfs', 'cgroup2'])('refuses a target on a %s file system, which holds no files', (type) => {
    const problems = checkPlanRules(buildPlan(), { ...facts(), targetFileSystems: new Map([['local', type]]) });
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      [
        ['targets', 'local', 'path'],
        `targets.local.path (/backups) is on a ${type} file system, which the kernel makes up and which holds no files; choose a folder on a disk`,
      ],
    ]);
  });

  it('lets a target on a disk, tmpfs or network file system be', () => {
    for (const type of ['ext4', 'btrfs', 'xfs', 'tmpfs', 'nfs4', 'fuse.sshfs']) {
      expect(checkPlanRules(buildPlan(), { ...facts(), targetFileSystems: new Map([['local', type]]) })).toEqual([]);
    }
  });

  it('compares the real paths it is given, not the written ones', () => {
    const problems = checkPlanRules(buildPlan(), facts({ '/backups': '/srv/cells/backups' }));
    expect(problems.map((problem) => [problem.path, problem.at])).toEqual([[['targets', 'local', 'path'], 'value']]);
    expect(problems[0]?.message).toContain('(/backups → /srv/cells/backups) is inside the Cells working dir (/srv/cells)');
  });

  it.each([
    [keepRules({ last: 0, daily: 0 }), 1],
    [keepRules({ last: 0, daily: 1 }), 0],
    [keepRules({ last: 0, within: { text: '30d', years: 0, months: 0, days: 30, hours: 0 } }), 0],
    [undefined, 0],
  ])('refuses retention that keeps nothing: %j', (keep, count) => {
    const plan = buildPlan({ targets: { local: target('local', '/backups', keep) } });
    expect(checkPlanRules(plan, facts())).toHaveLength(count);
  });

  it('requires restore.from to name a target', () => {
    const restore = {
      from: 'offsite',
      workingDir: '/srv/cells',
      overrides: { hostname: undefined, publicUrl: undefined, database: undefined, paths: {} },
      admin: undefined,
    };
    expect(checkPlanRules(buildPlan({ restore }), facts())).toEqual([
      { path: ['restore', 'from'], at: 'value', message: 'restore.from names "offsite", which is not a target; the targets are local' },
    ]);
  });

  it.each([
    ['logs/', false, 0],
    ['*.tmp', false, 0],
    ['services/', false, 1],
    ['services/', true, 0],
    ['/cells-vault-key', false, 1],
    ['.minio.sys/', false, 1],
    ['*.json', false, 1],
  ])('checks exclude %s (force %s)', (pattern, force, count) => {
    const plan = buildPlan({ cells: { workingDir: '/srv/cells', service: undefined, binary: undefined, exclude: [{ pattern, force }] } });
    expect(checkPlanRules(plan, facts())).toHaveLength(count);
  });
});
