import { describe, expect, it } from 'vitest';
import { CellarError } from '../../src/core/errors.js';
import { checkFreshness, parseSavedPlan, savedPlanFormat, sealSavedPlan, type SavedPlan } from '../../src/plan/saved-plan.js';
import type { BackupPlan } from '../../src/model/actions.js';

const plan: BackupPlan = {
  mode: 'backup',
  target: { name: 'local', path: '/backups/cells' },
  snapshot: '20261207T010000Z',
  drift: [],
  actions: [
    { action: 'prune-snapshot', address: 'snapshot.20261101T010000Z', snapshot: '20261101T010000Z', leftover: false, reason: 'no longer kept' },
    { action: 'dump-database', address: 'database.cells', database: 'cells', reason: 'changed (checksums): a' },
  ],
  patches: [],
  retention: [],
  warnings: [],
  blocked: null,
  state: 's'.repeat(64),
};

const saved = (changes: Partial<BackupPlan> = {}, planSha256 = 'p'.repeat(64)): SavedPlan => ({
  format_version: savedPlanFormat,
  kind: 'cellar-saved-plan',
  tool: { name: 'cellar', version: '0.1.0' },
  created: '2026-12-07T01:00:00.000Z',
  planFile: '/etc/cellar/backup-plan.yaml',
  planSha256,
  options: { mode: 'backup', target: undefined, snapshot: undefined, dropDatabase: false, force: false, safetySnapshot: true, only: [] },
  plan: { ...plan, ...changes },
});

function staleReason(savedPlan: SavedPlan): string {
  try {
    checkFreshness(savedPlan, { planSha256: 'p'.repeat(64), plan });
  } catch (error) {
    expect(error).toBeInstanceOf(CellarError);
    expect((error as CellarError).code).toBe('SAVED_PLAN_STALE');
    return (error as CellarError).message;
  }
  return 'fresh';
}

describe('checkFreshness', () => {
  it('accepts a saved plan that is, field for field, what cellar plans now', () => {
    expect(staleReason(saved())).toBe('fresh');
  });

  it.each<[string, SavedPlan, string]>([
    ['the plan file changed', saved({}, 'q'.repeat(64)), 'saved plan is stale: /etc/cellar/backup-plan.yaml changed since it was made; run cellar plan again'],
    [
      'the observed state moved',
      saved({ state: 't'.repeat(64) }),
      'saved plan is stale: the installation or the target changed since it was made; run cellar plan again',
    ],
    [
      'its snapshot was edited',
      saved({ snapshot: '20261206T010000Z' }),
      'saved plan is stale: it names snapshot 20261206T010000Z, but cellar now plans with 20261207T010000Z; run cellar plan again',
    ],
    [
      'retention moved with the date',
      saved({ actions: plan.actions.slice(1) }),
      'saved plan is stale: it prunes other snapshots than cellar prunes now (retention counts from the current date); run cellar plan again',
    ],
    [
      'another action',
      saved({ actions: [plan.actions[0]!, { ...plan.actions[1]!, reason: 'edited' }] }),
      'saved plan is stale: its actions are not what cellar plans now; run cellar plan again',
    ],
    [
      'its target',
      saved({ target: { name: 'local', path: '/elsewhere' } }),
      'saved plan is stale: its target is not what cellar plans now; run cellar plan again',
    ],
    ['its warnings', saved({ warnings: ['added'] }), 'saved plan is stale: its warnings are not what cellar plans now; run cellar plan again'],
    ['its refusal', saved({ blocked: 'no' }), 'saved plan is stale: its refusal is not what cellar plans now; run cellar plan again'],
  ])('refuses one whose %s, naming it', (_name, savedPlan, reason) => {
    expect(staleReason(savedPlan)).toBe(reason);
  });
});

describe('parseSavedPlan', () => {
  it('reads back what sealSavedPlan wrote', () => {
    const sealed = sealSavedPlan(saved());
    expect(parseSavedPlan(JSON.parse(JSON.stringify(sealed)), 'plan.json')).toEqual(sealed);
  });

  it('refuses an edit that left the digest as it was', () => {
    const sealed = JSON.parse(JSON.stringify(sealSavedPlan(saved()))) as { plan: { snapshot: string } };
    sealed.plan.snapshot = '20261206T010000Z';
    expect(() => parseSavedPlan(sealed, 'plan.json')).toThrow(/plan\.json is damaged/);
  });
});
