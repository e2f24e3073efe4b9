import { describe, expect, it } from 'vitest';
import type { ServiceSpec } from '../../src/config/plan.js';
import { describeCounts, planBackup } from '../../src/plan/backup-plan.js';
import type { ObservedBackup } from '../../src/observe/observed.js';
import type { BackupAction, BackupPlan } from '../../src/model/actions.js';
import {
  cellsConfig,
  configPresent,
  configTree,
  counts,
  datasourceInfo,
  keepRules,
  lockRecord,
  makePlan,
  manifest,
  observedBackup,
  observedDatabase,
  observedTree,
  pydiods1Tree,
  service,
  target,
  targetPath,
  verdict,
  workdirTree,
} from './builders.js';

const now = new Date('2026-11-25T14:05:00Z');
const latestId = '20261124T140500Z';
const indexTable = 'data_index_pydiods1_idx_tree';

function plan(
  observed: ObservedBackup,
  options: Parameters<typeof makePlan>[0] = {},
  indexSnapshotArgv?: (datasource: string) => readonly string[],
): BackupPlan {
  return planBackup(makePlan(options), observed, { now, indexSnapshotArgv });
}

const steps = (result: BackupPlan): string[] => result.actions.map((action) => `${action.action} ${action.address}`);

function only<K extends BackupAction['action']>(result: BackupPlan, kind: K): Extract<BackupAction, { action: K }>[] {
  return result.actions.filter((action): action is Extract<BackupAction, { action: K }> => action.action === kind);
}

/** A first backup into an empty target: every tree added, the database and a flat datasource's index never saved. */
function firstBackup(): ObservedBackup {
  return observedBackup({
    target: target([], { state: 'empty' }),
    latest: undefined,
    cells: cellsConfig([datasourceInfo('pydiods1', { flat: true })]),
    trees: [
      observedTree(workdirTree, counts(120, 0, 0, 5000)),
      observedTree(configTree, counts(3, 0, 0, 300)),
      observedTree(pydiods1Tree, counts(40, 0, 0, 9000)),
    ].map((tree) => ({ ...tree, recorded: false })),
    database: observedDatabase(verdict(true, 'first snapshot', ['a', 'b']), { pydiods1: [indexTable] }),
  });
}

describe('planBackup', () => {
  it('no drift and nothing to prune: no actions, no drift, no warnings', () => {
    const result = plan(observedBackup());
    expect(result).toMatchObject({ mode: 'backup', snapshot: latestId, drift: [], actions: [], patches: [], warnings: [], blocked: null });
    expect(result.target).toEqual({ name: 'local', path: targetPath });
  });

  it('no drift even with a service to stop: Cells is left alone', () => {
    expect(plan(observedBackup(), { service: service('always') }).actions).toEqual([]);
  });

  describe('first snapshot', () => {
    it('copies every tree, dumps the database and the flat index, initialises the target', () => {
      const result = plan(firstBackup(), { service: service('changes') });
      expect(result.snapshot).toBeNull();
      expect(steps(result)).toEqual([
        'stop-service workdir',
        'sync-files workdir',
        'sync-files config',
        'sync-files datasource.pydiods1',
        'dump-database database.cells',
        'dump-index datasource.pydiods1',
        'write-manifest target.local',
        'start-service workdir',
      ]);
      const [manifestAction] = only(result, 'write-manifest');
      expect(manifestAction?.reason).toContain(`initialise the target ${targetPath}`);
      expect(manifestAction).toMatchObject({ reuse: [], reuseDatabase: false });
      expect(only(result, 'sync-files').map((action) => action.copies.map((copy) => copy.tree))).toEqual([[workdirTree], [configTree], [pydiods1Tree]]);
      expect(only(result, 'dump-database')[0]).toMatchObject({ database: 'cells', reason: 'first dump' });
      expect(only(result, 'dump-index')[0]).toMatchObject({ datasource: 'pydiods1', tables: [indexTable], cellsArgv: undefined });
      expect(only(result, 'stop-service')[0]?.argv).toEqual(['systemctl', 'stop', 'cells']);
      expect(only(result, 'start-service')[0]?.argv).toEqual(['systemctl', 'start', 'cells']);
    });

    it('reports every address as added', () => {
      const result = plan(firstBackup());
      expect(result.drift.map((drift) => [drift.kind, drift.address, drift.change])).toEqual([
        ['files', 'workdir', 'added'],
        ['files', 'config', 'added'],
        ['files', 'datasource.pydiods1', 'added'],
        ['database', 'database.cells', 'added'],
      ]);
      expect(result.drift[0]).toMatchObject({ files: counts(120, 0, 0, 5000) });
    });

    it('a target that is ready but holds no backup yet records the first snapshot without initialising', () => {
      const result = plan({ ...firstBackup(), target: target([], { state: 'ready' }) });
      expect(only(result, 'write-manifest')[0]?.reason).not.toContain('initialise');
    });
  });

  describe('files', () => {
    it('one drifted address: exactly one sync-files, the other trees reused', () => {
      const observed = observedBackup({ trees: [observedTree(workdirTree), observedTree(configTree), observedTree(pydiods1Tree, counts(2, 1, 0, 30))] });
      const result = plan(observed);
      expect(steps(result)).toEqual(['sync-files datasource.pydiods1', 'write-manifest target.local']);
      expect(only(result, 'sync-files')[0]).toMatchObject({
        copies: [{ tree: pydiods1Tree, expected: { bytes: 30, files: 3 } }],
        reason: '2 added, 1 modified',
      });
      expect(only(result, 'write-manifest')[0]).toMatchObject({ reuse: [workdirTree, configTree], reuseDatabase: true });
      expect(only(result, 'write-manifest')[0]?.reason).toContain(`since ${latestId}`);
      expect(result.drift).toEqual([
        {
          kind: 'files',
          address: 'datasource.pydiods1',
          change: 'modified',
          files: counts(2, 1, 0, 30),
          trees: [],
          paths: observed.trees[2]!.drift.changes,
          truncated: false,
        },
      ]);
    });

    it('trees of one address make one sync-files with summed counts', () => {
      const minio = { ...pydiods1Tree, id: 'datasource.pydiods1.minio-sys', snapshotPath: 'datasources/pydiods1/.minio.sys' };
      const observed = observedBackup({
        trees: [observedTree(workdirTree), observedTree(pydiods1Tree, counts(1, 0, 0, 5)), observedTree(minio, counts(0, 2, 1, 7))],
      });
      const result = plan(observed);
      expect(only(result, 'sync-files')).toEqual([
        {
          action: 'sync-files',
          address: 'datasource.pydiods1',
          copies: [
            { tree: pydiods1Tree, expected: { bytes: 5, files: 1 } },
            { tree: minio, expected: { bytes: 7, files: 2 } },
          ],
          reason: '1 added, 2 modified, 1 deleted',
        },
      ]);
      expect(result.drift[0]).toMatchObject({ files: counts(1, 2, 1, 12) });
    });

    describe('an optional tree', () => {
      const minio = {
        ...pydiods1Tree,
        id: 'datasource.pydiods1.minio-sys',
        source: '/mnt/archive/.minio.sys',
        snapshotPath: 'datasources/pydiods1/.minio.sys',
        optional: true,
        label: '.minio.sys',
      };
      const absent = { ...observedTree(minio), present: false };

      it('absent live and unchanged: recorded as absent, never reused', () => {
        const observed = observedBackup({ trees: [observedTree(workdirTree, counts(1)), observedTree(pydiods1Tree), absent] });
        expect(only(plan(observed), 'write-manifest')[0]).toMatchObject({ reuse: [pydiods1Tree], absent: [minio] });
      });

      it('absent live and unchanged, with nothing else changed: no snapshot at all', () => {
        const observed = observedBackup({ trees: [observedTree(workdirTree), observedTree(pydiods1Tree), absent] });
        expect(plan(observed).actions).toEqual([]);
      });

      it.each(['appeared', 'vanished'] as const)('that %s is reported as a whole, without its paths', (presence) => {
        const tree = observedTree(minio, counts(presence === 'appeared' ? 3 : 0, 0, presence === 'vanished' ? 3 : 0, 9));
        const observed = observedBackup({
          trees: [observedTree(workdirTree), observedTree(pydiods1Tree), { ...tree, drift: { ...tree.drift, presence }, present: presence === 'appeared' }],
        });
        expect(plan(observed).drift).toEqual([
          expect.objectContaining({ address: 'datasource.pydiods1', trees: [{ label: '.minio.sys', change: presence }], paths: [] }),
        ]);
      });

      it('lists its changed paths below its label', () => {
        const observed = observedBackup({ trees: [observedTree(workdirTree), observedTree(pydiods1Tree), observedTree(minio, counts(1))] });
        expect(plan(observed).drift[0]).toMatchObject({ trees: [], paths: [{ path: '.minio.sys/added-0', change: 'added' }] });
      });
    });

    it('deletions alone are drift', () => {
      const result = plan(observedBackup({ trees: [observedTree(workdirTree, counts(0, 0, 4))] }));
      expect(steps(result)).toEqual(['sync-files workdir', 'write-manifest target.local']);
    });

    it('keeps the truncated flag of any tree of the address', () => {
      const tree = observedTree(pydiods1Tree, counts(3));
      const truncated = { ...tree, drift: { ...tree.drift, changes: tree.drift.changes.slice(0, 1), truncated: true } };
      expect(plan(observedBackup({ trees: [truncated] })).drift[0]).toMatchObject({ truncated: true, paths: truncated.drift.changes });
    });
  });

  describe('database', () => {
    it('unchanged: no dump, the previous dump is reused', () => {
      const result = plan(observedBackup({ trees: [observedTree(workdirTree, counts(1))] }));
      expect(only(result, 'dump-database')).toEqual([]);
      expect(only(result, 'write-manifest')[0]?.reuseDatabase).toBe(true);
    });

    it('unchanged but the last snapshot has no dump: nothing to reuse', () => {
      const observed = observedBackup({ latest: manifest(latestId, { database: false }), trees: [observedTree(workdirTree, counts(1))] });
      expect(only(plan(observed), 'write-manifest')[0]?.reuseDatabase).toBe(false);
    });

    it('no database observed: nothing dumped, nothing reused', () => {
      const result = plan(observedBackup({ database: undefined, trees: [observedTree(workdirTree, counts(1))] }));
      expect(steps(result)).toEqual(['sync-files workdir', 'write-manifest target.local']);
      expect(only(result, 'write-manifest')[0]?.reuseDatabase).toBe(false);
    });

    it('changed alone: a dump and a manifest, the trees reused, the tables named', () => {
      const tables = ['idm_user', 'idm_user_attributes', 'data_meta', 'activity'];
      const result = plan(observedBackup({ database: observedDatabase(verdict(true, 'table metadata', tables)) }));
      expect(steps(result)).toEqual(['dump-database database.cells', 'write-manifest target.local']);
      expect(only(result, 'dump-database')[0]?.reason).toBe('changed (table metadata): idm_user, idm_user_attributes, data_meta and 1 more');
      expect(only(result, 'write-manifest')[0]).toMatchObject({ reuse: [workdirTree, configTree, pydiods1Tree], reuseDatabase: false });
      expect(result.drift).toEqual([{ kind: 'database', address: 'database.cells', change: 'modified', signal: 'table metadata', tables }]);
    });
  });

  describe('dump-index (flat datasources)', () => {
    const flat = cellsConfig([datasourceInfo('pydiods1', { flat: true }), datasourceInfo('structured')]);
    const indexes = { pydiods1: [indexTable], structured: ['data_index_structured_idx_tree'] };
    const withIndexes = (overrides: Partial<ObservedBackup>): ObservedBackup =>
      observedBackup({
        cells: flat,
        latest: manifest(latestId, { indexes: ['pydiods1'] }),
        database: observedDatabase(verdict(false, 'binary log'), indexes),
        ...overrides,
      });
    const datasources = { pydiods1: { backup: 'files', path: undefined }, structured: { backup: 'files', path: undefined } } as const;

    it.each<[string, Partial<ObservedBackup>, string | undefined]>([
      ['only its files changed (the unchanged index is hard-linked)', { trees: [observedTree(pydiods1Tree, counts(1))] }, undefined],
      ['its index table changed', { database: observedDatabase(verdict(true, 'checksums', [indexTable]), indexes) }, 'its index changed'],
      [
        'the last snapshot has no dump of it',
        { latest: manifest(latestId), trees: [observedTree(workdirTree, counts(1))] },
        'flat datasource: its file names live in the index',
      ],
      ['another tree changed (not when its own files and index did not)', { trees: [observedTree(workdirTree, counts(1))] }, undefined],
      ['another table changed', { database: observedDatabase(verdict(true, 'checksums', ['idm_user']), indexes) }, undefined],
    ])('when %s', (_name, overrides, reason) => {
      const result = plan(withIndexes(overrides), { datasources });
      const dumps = only(result, 'dump-index');
      expect(dumps.map((action) => action.reason)).toEqual(reason === undefined ? [] : [reason]);
      expect(dumps.every((action) => action.datasource === 'pydiods1')).toBe(true);
    });

    it('not when nothing else needs a snapshot', () => {
      expect(plan(withIndexes({ latest: manifest(latestId) }), { datasources }).actions).toEqual([]);
    });

    it('not for a flat datasource backed up by its provider, or one without index tables', () => {
      const provider = plan(withIndexes({ trees: [observedTree(pydiods1Tree, counts(1))] }), {
        datasources: { ...datasources, pydiods1: { backup: 'provider' } },
      });
      expect(only(provider, 'dump-index')).toEqual([]);
      const noTables = plan(withIndexes({ trees: [observedTree(pydiods1Tree, counts(1))], database: observedDatabase(verdict(false, 'binary log'), {}) }), {
        datasources,
      });
      expect(only(noTables, 'dump-index')).toEqual([]);
    });

    it("runs Cells' own index snapshot first, while Cells still runs", () => {
      const changed = { trees: [observedTree(pydiods1Tree, counts(1))], database: observedDatabase(verdict(true, 'checksums', [indexTable]), indexes) };
      const result = plan(withIndexes(changed), { datasources, service: service('changes') }, (name) => [
        'cells',
        'admin',
        'datasource',
        'snapshot',
        '-d',
        name,
        '-o',
        'dump',
      ]);
      expect(steps(result)).toEqual([
        'dump-index datasource.pydiods1',
        'stop-service workdir',
        'sync-files datasource.pydiods1',
        'dump-database database.cells',
        'dump-index datasource.pydiods1',
        'write-manifest target.local',
        'start-service workdir',
      ]);
      const [cellsSnapshot, tableDump] = only(result, 'dump-index');
      expect(cellsSnapshot).toMatchObject({ tables: [], cellsArgv: ['cells', 'admin', 'datasource', 'snapshot', '-d', 'pydiods1', '-o', 'dump'] });
      expect(tableDump).toMatchObject({ tables: [indexTable], cellsArgv: undefined });
    });
  });

  describe('stopping Cells', () => {
    const filesChanged = (): ObservedBackup => observedBackup({ trees: [observedTree(workdirTree, counts(1))] });
    const databaseChanged = (): ObservedBackup => observedBackup({ database: observedDatabase(verdict(true, 'checksums', ['t'])) });
    const onlyPrune = (): ObservedBackup => observedBackup({ target: target([manifest(latestId)], { leftovers: ['20261120T000000Z'] }) });

    it.each<[string, () => ObservedBackup, ServiceSpec | undefined, boolean]>([
      ['files copied, stopFor changes: stop', filesChanged, service('changes'), true],
      ['files copied, stopFor always: stop', filesChanged, service('always'), true],
      ['files copied, stopFor never: no stop', filesChanged, service('never'), false],
      ['files copied, no service declared: no stop', filesChanged, undefined, false],
      ['database only, stopFor changes: no stop', databaseChanged, service('changes'), false],
      ['database only, stopFor always: stop', databaseChanged, service('always'), true],
      ['database only, stopFor never: no stop', databaseChanged, service('never'), false],
      ['only pruning, stopFor always: no stop', onlyPrune, service('always'), false],
    ])('%s', (_name, observed, spec, stops) => {
      const result = plan(observed(), { service: spec });
      const stepList = steps(result);
      expect(stepList.includes('stop-service workdir')).toBe(stops);
      expect(stepList.includes('start-service workdir')).toBe(stops);
      if (stops) {
        expect(stepList[0]).toBe('stop-service workdir');
        expect(stepList.indexOf('start-service workdir')).toBe(stepList.indexOf('write-manifest target.local') + 1);
      }
    });

    it('a stale lock whose holder stopped Cells: start it again, even with nothing to copy', () => {
      const observed = observedBackup({ target: target([manifest(latestId)], { lock: { state: 'stale', holder: lockRecord(true) } }) });
      const result = plan(observed, { service: service('never') });
      expect(result.actions).toEqual([
        { action: 'start-service', address: 'workdir', argv: ['systemctl', 'start', 'cells'], reason: 'an interrupted apply left Cells stopped' },
      ]);
      expect(result.warnings).toEqual([expect.stringContaining('was interrupted after stopping Cells')]);
    });

    it('a stale lock whose holder stopped Cells, with changes: one stop, one start', () => {
      const observed = observedBackup({
        target: target([manifest(latestId)], { lock: { state: 'stale', holder: lockRecord(true) } }),
        trees: [observedTree(workdirTree, counts(1))],
      });
      expect(steps(plan(observed, { service: service('changes') }))).toEqual([
        'stop-service workdir',
        'sync-files workdir',
        'write-manifest target.local',
        'start-service workdir',
      ]);
    });

    it('a stale lock whose holder left Cells running: nothing to start, a warning', () => {
      const observed = observedBackup({ target: target([manifest(latestId)], { lock: { state: 'stale', holder: lockRecord(false) } }) });
      const result = plan(observed, { service: service('changes') });
      expect(result.actions).toEqual([]);
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).not.toContain('after stopping Cells');
    });
  });

  describe('file-system snapshots (consistency: btrfs)', () => {
    const frozen = (trees: string[], leftovers: string[] = []): ObservedBackup['frozen'][number] => ({
      method: 'btrfs',
      subvolume: '/srv/data',
      address: 'workdir',
      trees,
      leftovers,
    });
    const changed = (frozenTrees: string[], leftovers?: string[]): ObservedBackup =>
      observedBackup({
        trees: [observedTree(workdirTree, counts(1)), observedTree(configTree), observedTree(pydiods1Tree, counts(2))],
        database: observedDatabase(verdict(false, 'binary log')),
        frozen: [frozen(frozenTrees, leftovers)],
      });

    it('stops Cells only around the snapshot when every copy reads it, and always removes it after the manifest', () => {
      const result = plan(changed(['workdir', 'config', 'datasource.pydiods1']), { service: service('changes') });
      expect(steps(result)).toEqual([
        'stop-service workdir',
        'freeze-trees workdir',
        'start-service workdir',
        'sync-files workdir',
        'sync-files datasource.pydiods1',
        'write-manifest target.local',
        'thaw-trees workdir',
      ]);
      expect(only(result, 'freeze-trees')[0]).toMatchObject({ subvolume: '/srv/data', trees: ['workdir', 'datasource.pydiods1'] });
      expect(only(result, 'stop-service')[0]?.reason).toBe('Cells stops for the instant of the file-system snapshots');
    });

    it('keeps Cells stopped across the copies when one of them does not read a snapshot', () => {
      const result = plan(changed(['workdir', 'config']), { service: service('changes') });
      expect(steps(result)).toEqual([
        'stop-service workdir',
        'freeze-trees workdir',
        'sync-files workdir',
        'sync-files datasource.pydiods1',
        'write-manifest target.local',
        'thaw-trees workdir',
        'start-service workdir',
      ]);
    });

    it('takes no snapshot when nothing it holds is copied, and removes what an interrupted run left', () => {
      const result = plan(observedBackup({ frozen: [frozen(['workdir'], ['/srv/.cellar-data-20261124T140500Z-77'])] }), { service: service('changes') });
      expect(steps(result)).toEqual(['thaw-trees workdir']);
      expect(only(result, 'thaw-trees')[0]).toMatchObject({ leftover: '/srv/.cellar-data-20261124T140500Z-77' });
      const held = observedBackup({
        target: target([manifest(latestId)], { lock: { state: 'held', holder: lockRecord(false) } }),
        frozen: [frozen(['workdir'], ['/srv/.cellar-data-20261124T140500Z-77'])],
      });
      // Another run holds the lock: the snapshot is its own.
      expect(only(plan(held), 'thaw-trees')).toEqual([]);
    });
  });

  describe('pruning', () => {
    const day = (n: number): string => `202611${String(n).padStart(2, '0')}T120000Z`;

    it('removes leftovers of an interrupted apply, even with nothing else to do', () => {
      const result = plan(observedBackup({ target: target([manifest(latestId)], { leftovers: ['20261123T000000Z', '.deleting-20261101T000000Z'] }) }));
      expect(result.actions).toEqual([
        {
          action: 'prune-snapshot',
          address: 'snapshot.20261123T000000Z',
          snapshot: '20261123T000000Z',
          leftover: true,
          reason: 'incomplete: left by an interrupted apply',
        },
        {
          action: 'prune-snapshot',
          address: 'snapshot..deleting-20261101T000000Z',
          snapshot: '.deleting-20261101T000000Z',
          leftover: true,
          reason: 'incomplete: left by an interrupted apply',
        },
      ]);
    });

    it('counts the new snapshot against the keep rules when one is made', () => {
      const snapshots = [manifest(day(20)), manifest(day(21)), manifest(day(22))];
      const observed = observedBackup({ target: target(snapshots), latest: snapshots[2], trees: [observedTree(workdirTree, counts(1))] });
      const result = plan(observed, { keep: keepRules({ last: 2 }) });
      expect(steps(result)).toEqual([
        'sync-files workdir',
        'write-manifest target.local',
        `prune-snapshot snapshot.${day(20)}`,
        `prune-snapshot snapshot.${day(21)}`,
      ]);
      expect(only(result, 'prune-snapshot')[0]?.reason).toBe('no rule of targets.local.keep (last 2) keeps it');
      expect(result.retention).toEqual([{ snapshot: day(22), kind: 'backup', rules: ['last snapshot'] }]);
    });

    it('keeps the snapshot an unfinished restore uses, whatever the keep rules say', () => {
      const snapshots = [manifest(day(20)), manifest(day(21)), manifest(day(22))];
      const observed = observedBackup({
        target: target(snapshots),
        latest: snapshots[2],
        incompleteRestore: { snapshot: day(20), started: '2026-11-25T10:00:00.000Z' },
      });
      const result = plan(observed, { keep: keepRules({ last: 1 }) });
      expect(only(result, 'prune-snapshot').map((action) => action.snapshot)).toEqual([day(21)]);
      expect(result.retention).toEqual([
        { snapshot: day(22), kind: 'backup', rules: ['last snapshot'] },
        { snapshot: day(20), kind: 'backup', rules: ['an unfinished restore uses it'] },
      ]);
    });

    it('prunes by the keep rules without a new snapshot when nothing changed', () => {
      const snapshots = [manifest(day(20)), manifest(day(21)), manifest(day(22))];
      const result = plan(observedBackup({ target: target(snapshots), latest: snapshots[2] }), { keep: keepRules({ last: 2 }) });
      expect(steps(result)).toEqual([`prune-snapshot snapshot.${day(20)}`]);
    });

    it('applies the rules to backups and safety snapshots apart', () => {
      const snapshots = [manifest(day(18), { kind: 'safety' }), manifest(day(19), { kind: 'safety' }), manifest(day(20)), manifest(day(21))];
      const result = plan(observedBackup({ target: target(snapshots), latest: snapshots[3] }), { keep: keepRules({ last: 1 }) });
      expect(steps(result)).toEqual([`prune-snapshot snapshot.${day(20)}`, `prune-snapshot snapshot.${day(18)}`]);
    });

    it('keeps everything without keep rules', () => {
      const snapshots = [manifest(day(20)), manifest(day(21)), manifest(day(22))];
      expect(
        plan(observedBackup({ target: target(snapshots), latest: snapshots[2], trees: [observedTree(workdirTree, counts(1))] })).actions.map(
          (action) => action.action,
        ),
      ).not.toContain('prune-snapshot');
    });
  });

  describe('warnings', () => {
    it('names a Cells version newer than cellar knows', () => {
      const newer = plan(observedBackup({ cells: { ...cellsConfig([datasourceInfo('pydiods1')]), version: '7.2.0' } }));
      expect(newer.warnings.some((warning) => warning.startsWith('pydio.json is from Cells 7.2.0, newer than this cellar knows'))).toBe(true);
      expect(plan(observedBackup()).warnings.join('\n')).not.toContain('newer than this cellar knows');
    });

    it.each([['pydio-vault.json'], ['cells-vault-key']])('a missing %s', (missing) => {
      const config = configPresent.map((entry) => (entry.name === missing ? { ...entry, sha256: null } : entry));
      const result = plan(observedBackup({ config }));
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).toContain(`${missing} is missing from the working dir`);
      expect(result.actions).toEqual([]);
    });

    it('both vault files missing: two warnings, on every plan', () => {
      const config = configPresent.map((entry) => (entry.name === 'pydio.json' ? entry : { ...entry, sha256: null }));
      expect(plan(observedBackup({ config })).warnings).toHaveLength(2);
      expect(plan(firstBackup()).warnings).toEqual([]);
      expect(plan({ ...firstBackup(), config }).warnings).toHaveLength(2);
    });

    it('a damaged snapshot, on every plan', () => {
      const observed = observedBackup({ target: target([manifest(latestId)], { damaged: [{ id: '20261120T000000Z', reason: 'bad trees' }] }) });
      expect(plan(observed).warnings).toEqual(['snapshot 20261120T000000Z is damaged and ignored (bad trees)']);
    });

    it('an apply running on the target (lock held)', () => {
      const observed = observedBackup({ target: target([manifest(latestId)], { lock: { state: 'held', holder: lockRecord(false) } }) });
      const result = plan(observed, { service: service('changes') });
      expect(result.warnings).toEqual([expect.stringMatching(/cellar apply is running on this target \(pid 4242 on cells1, since 2026-11-25T14:00:00.000Z\)/)]);
      expect(result.actions).toEqual([]);
    });

    it('the running apply’s draft is its work in progress, not a leftover to prune', () => {
      const lock = { state: 'held', holder: lockRecord(false) } as const;
      const observed = observedBackup({ target: target([manifest(latestId)], { lock, leftovers: ['20261125T150000Z'] }) });
      expect(plan(observed).actions).toEqual([]);
    });
  });

  describe('state digest', () => {
    const state = (observed: ObservedBackup): string => plan(observed).state;

    it('is stable for the same observations, whatever the time', () => {
      expect(state(observedBackup())).toBe(state(observedBackup()));
      expect(state(observedBackup())).toMatch(/^[0-9a-f]{64}$/);
      expect(planBackup(makePlan(), observedBackup(), { now: new Date(0) }).state).toBe(state(observedBackup()));
    });

    it.each<[string, Partial<ObservedBackup>]>([
      ['a tree digest', { trees: [observedTree(workdirTree, counts(), 'other'), observedTree(configTree), observedTree(pydiods1Tree)] }],
      ['the latest snapshot', { latest: manifest('20261124T150000Z') }],
      ['a leftover', { target: target([manifest(latestId)], { leftovers: ['20261124T160000Z'] }) }],
      ['a config file hash', { config: configPresent.map((entry) => ({ ...entry, sha256: entry.name === 'pydio.json' ? '0'.repeat(64) : entry.sha256 })) }],
      ['a vault file going missing', { config: configPresent.map((entry) => ({ ...entry, sha256: entry.name === 'cells-vault-key' ? null : entry.sha256 })) }],
      ['the database verdict', { database: observedDatabase(verdict(true, 'checksums', ['t'])) }],
    ])('moves with %s', (_name, overrides) => {
      expect(state(observedBackup(overrides))).not.toBe(state(observedBackup()));
    });

    it('moves when an interrupted apply left Cells stopped', () => {
      const stale = target([manifest(latestId)], { lock: { state: 'stale', holder: lockRecord(true) } });
      expect(state(observedBackup({ target: stale }))).not.toBe(state(observedBackup()));
    });

    it('moves with the tables that changed', () => {
      const changed = (table: string): ObservedBackup => observedBackup({ database: observedDatabase(verdict(true, 'checksums', [table])) });
      expect(state(changed('t'))).not.toBe(state(changed('u')));
    });
  });
});

describe('planBackup on datasources', () => {
  it('reports a datasource declared since the last snapshot as added', () => {
    const fresh = { ...observedTree(pydiods1Tree, counts(4, 0, 0, 400)), recorded: false };
    const result = planBackup(makePlan(), observedBackup({ trees: [observedTree(workdirTree), observedTree(configTree), fresh] }), {
      now: new Date('2026-11-25T14:05:00Z'),
    });
    expect(result.drift.map((drift) => [drift.address, drift.change])).toEqual([['datasource.pydiods1', 'added']]);
  });

  it('warns about a files datasource that has no folder to copy', () => {
    const result = planBackup(makePlan(), observedBackup({ unplaced: ['archive'] }), { now: new Date('2026-11-25T14:05:00Z') });
    expect(result.warnings).toEqual([expect.stringContaining('datasource archive is declared backup: files but has no folder')]);
  });
});

describe('describeCounts', () => {
  it.each([
    [counts(3, 1, 0, 10240), '3 added, 1 modified'],
    [counts(0, 0, 2), '2 deleted'],
    [counts(1, 1, 1), '1 added, 1 modified, 1 deleted'],
    [counts(), 'no changes'],
  ])('%j → %s', (fileCounts, expected) => {
    expect(describeCounts(fileCounts)).toBe(expected);
  });
});
