import { describe, expect, it } from 'vitest';
import type { BackupPlan } from '../../src/model/actions.js';
import { planUninstall, type UninstallFacts } from '../../src/plan/uninstall-plan.js';
import { makePlan, service, targetPath, workingDir } from './builders.js';

const current: BackupPlan = {
  mode: 'backup',
  target: { name: 'local', path: targetPath },
  snapshot: '20261124T140500Z',
  drift: [],
  actions: [],
  patches: [],
  retention: [],
  warnings: [],
  blocked: null,
  state: 's'.repeat(64),
};

const stale: BackupPlan = {
  ...current,
  drift: [{ kind: 'database', address: 'database.cells', change: 'modified', signal: 'checksums', tables: ['a'] }],
  actions: [{ action: 'dump-database', address: 'database.cells', database: 'cells', reason: 'changed' }],
};

const facts = (backup: BackupPlan, overrides: Partial<UninstallFacts> = {}): UninstallFacts => ({
  backup,
  databaseName: 'cells',
  liveUsers: [],
  workingDirExists: true,
  workingDirHolds: { files: 3167, bytes: 52_428_800 },
  ...overrides,
});
const keep = { dropDatabase: false, force: false };

describe('planUninstall', () => {
  it('removes the working dir, and only it, behind a current snapshot', () => {
    const result = planUninstall(makePlan(), facts(current), keep);
    expect(result.actions).toEqual([
      {
        action: 'remove-files',
        address: 'workdir',
        path: workingDir,
        holds: { files: 3167, bytes: 52_428_800 },
        reason: `remove ${workingDir} and everything in it (3167 backed-up files, 50.0 MiB), not its parent folder`,
      },
    ]);
    expect(result.blocked).toBeNull();
  });

  it('stops a declared service first, and drops the database only when asked', () => {
    const result = planUninstall(makePlan({ service: service('changes') }), facts(current), { dropDatabase: true, force: false });
    expect(result.actions.map((action) => action.action)).toEqual(['stop-service', 'remove-files', 'drop-database']);
  });

  it('plans nothing for a working dir that is gone', () => {
    expect(planUninstall(makePlan(), facts(current, { workingDirExists: false }), keep).actions).toEqual([]);
  });

  it.each<[string, UninstallFacts, string]>([
    ['no snapshot', facts({ ...current, snapshot: null }), 'there is no snapshot of this installation; run cellar apply first (or use --force)'],
    [
      'a stale snapshot',
      facts(stale),
      'the last snapshot (20261124T140500Z) is not current: database.cells changed since; run cellar apply first, or use --force',
    ],
    [
      'a running Cells it cannot stop',
      facts(current, { liveUsers: [{ pid: 7, command: 'cells' }] }),
      `Cells is running in ${workingDir}; stop it first, or declare cells.service so that cellar stops it`,
    ],
  ])('refuses with %s', (_name, given, reason) => {
    expect(planUninstall(makePlan(), given, keep).blocked).toBe(reason);
  });

  it('goes ahead on a stale snapshot with --force, saying what is lost', () => {
    const result = planUninstall(makePlan(), facts(stale), { dropDatabase: false, force: true });
    expect(result.blocked).toBeNull();
    expect(result.warnings).toEqual([
      'the last snapshot (20261124T140500Z) is not current: database.cells changed since; --force removes the installation anyway',
    ]);
  });

  it('does not count pruning as pending work', () => {
    const pruning: BackupPlan = { ...current, actions: [{ action: 'prune-snapshot', address: 'snapshot.x', snapshot: 'x', leftover: false, reason: 'old' }] };
    expect(planUninstall(makePlan(), facts(pruning), keep).blocked).toBeNull();
  });
});
