import { describe, expect, it } from 'vitest';
import type { PlanFile } from '../../src/config/plan.js';
import type { ObservedBackup } from '../../src/observe/observed.js';
import { planBackup } from '../../src/plan/backup-plan.js';
import { makePlan, manifest, observedBackup, target } from './builders.js';

const now = new Date('2026-11-25T14:05:00Z');
const commands = {
  backup: 'command',
  dump: ['mongodump', '--archive'],
  restore: ['mongorestore', '--archive'],
  fingerprint: ['mongosh', '--eval', 'dbHash'],
} as const;
const recorded = {
  id: 'documents',
  driver: 'mongodb',
  dump: 'stores/documents.dump',
  sha256: 'd'.repeat(64),
  size: 10,
  fingerprint: 'f'.repeat(64),
  dumped: true,
};
const latest = manifest('20261124T140500Z', { stores: [recorded] });
const plan: PlanFile = makePlan({ stores: { documents: commands } });
const observed = (fingerprint: string, snapshot = latest): ObservedBackup =>
  observedBackup({ latest: snapshot, target: target([snapshot]), stores: [{ id: 'documents', driver: 'mongodb', fingerprint }] });
const steps = (observation: ObservedBackup, backupPlan = plan): string[] =>
  planBackup(backupPlan, observation, { now }).actions.map((action) => `${action.action} ${action.address}`);

describe('planBackup: stores backed up by the plan’s commands', () => {
  it('plans nothing while the store’s fingerprint is the one recorded with its dump', () => {
    const result = planBackup(plan, observed(recorded.fingerprint), { now });
    expect(result.actions).toEqual([]);
    expect(result.drift).toEqual([]);
  });

  it('dumps a store whose fingerprint moved, and shows it as drift', () => {
    const result = planBackup(plan, observed('0'.repeat(64)), { now });
    expect(steps(observed('0'.repeat(64)))).toEqual(['dump-store store.documents', 'write-manifest target.local']);
    expect(result.actions[0]).toMatchObject({ store: 'documents', argv: commands.dump, fingerprint: '0'.repeat(64), reason: 'its fingerprint changed' });
    expect(result.drift).toEqual([{ kind: 'store', address: 'store.documents', change: 'modified', driver: 'mongodb' }]);
  });

  it('dumps a store the latest snapshot lacks', () => {
    const without = manifest('20261124T140500Z');
    const result = planBackup(plan, observed('0'.repeat(64), without), { now });
    expect(result.actions[0]).toMatchObject({ action: 'dump-store', reason: 'first dump, with mongodump' });
    expect(result.drift).toEqual([{ kind: 'store', address: 'store.documents', change: 'added', driver: 'mongodb' }]);
  });

  it('hard-links an unchanged store’s dump when something else makes a snapshot', () => {
    const files = observedBackup({
      ...observed(recorded.fingerprint),
      database: { ...observed(recorded.fingerprint).database!, verdict: { ...observed(recorded.fingerprint).database!.verdict, changed: true } },
    });
    const write = planBackup(plan, files, { now }).actions.find((action) => action.action === 'write-manifest');
    expect(write).toMatchObject({ reuseStores: [{ store: 'documents', argv: commands.dump, fingerprint: recorded.fingerprint }] });
  });

  it('repeats the reason of a skipped store as a warning, and never runs a command for it', () => {
    const skipping = makePlan({ stores: { documents: { backup: 'skip', reason: 'a replica set keeps it' } } });
    const result = planBackup(skipping, observedBackup({ stores: [{ id: 'documents', driver: 'mongodb', fingerprint: undefined }] }), { now });
    expect(result.actions).toEqual([]);
    expect(result.warnings).toContain('store documents (mongodb) is not backed up by cellar: a replica set keeps it');
  });

  it('makes a saved plan stale when a store’s fingerprint moves', () => {
    expect(planBackup(plan, observed('1'.repeat(64)), { now }).state).not.toBe(planBackup(plan, observed('2'.repeat(64)), { now }).state);
  });
});
