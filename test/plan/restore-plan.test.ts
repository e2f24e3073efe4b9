import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlanFile } from '../../src/config/plan.js';
import type { RestoreAction, RestorePlan } from '../../src/model/actions.js';
import type { ManifestTree } from '../../src/model/manifest.js';
import type { ObservedRestore, ObservedRestoreDatabase, RestoreDestination, RestorePathDestination } from '../../src/observe/observed.js';
import { planRestore } from '../../src/plan/restore-plan.js';
import { cellsConfig, configTree, counts, datasourceInfo, makePlan, manifest, pydiods1Tree, service, target, workdirTree, workingDir } from './builders.js';

const snapshotId = '20261124T140500Z';
const indexTable = 'data_index_pydiods1_idx_tree';
const snapshot = manifest(snapshotId);
const configText = readFileSync(new URL('../fixtures/pydio/v4.0.0-dev.json', import.meta.url), 'utf8');
const configSha = createHash('sha256').update(configText).digest('hex');
const treeOf = (id: string): ManifestTree => snapshot.trees.find((tree) => tree.id === id)!;

function restorePlan(overrides: Partial<PlanFile> = {}): PlanFile {
  return {
    ...makePlan(),
    restore: { from: 'local', workingDir, overrides: { hostname: undefined, publicUrl: undefined, database: undefined, paths: {} }, admin: undefined },
    ...overrides,
  };
}

/** A destination compared with the snapshot: `gained` entries the restore brings. */
function destination(tree: ManifestTree, gained = counts(), fields: Partial<RestoreDestination> = {}): RestoreDestination {
  return {
    tree,
    destination: tree.source,
    exists: true,
    comparison: { tree, presence: 'same', counts: gained, changes: [], truncated: false, files: 0, bytes: 0 },
    digest: `digest-of-${tree.id}`,
    trusted: true,
    mismatched: [],
    ...fields,
  };
}

const sameDatabase: ObservedRestoreDatabase = { name: 'cells', exists: true, tables: 40, matchesSnapshot: true };

/** A destination that already holds the snapshot, in every part. */
function observedRestore(overrides: Partial<ObservedRestore> = {}): ObservedRestore {
  return {
    target: target([snapshot]),
    snapshot,
    verification: { problems: [], problemCount: 0, foreign: [], foreignCount: 0 },
    incompleteRestore: null,
    owners: [],
    destinations: [destination(treeOf('workdir')), destination(treeOf('config')), destination(treeOf('datasource.pydiods1'))],
    paths: [],
    indexes: [],
    workingDir,
    snapshotConfig: { text: configText, entry: { path: 'pydio.json', type: 'file', size: 10, mtimeMs: 1_700_000_000_000, mode: 0o640, uid: 1001, gid: 1002 } },
    cells: cellsConfig([datasourceInfo('pydiods1', { flat: true })]),
    destinationConfig: configSha,
    database: sameDatabase,
    stores: [],
    databaseOverride: undefined,
    liveUsers: [],
    minioSysSaved: [],
    ...overrides,
  };
}

const plan = (observed: ObservedRestore, options: { plan?: PlanFile; safetySnapshot?: boolean; only?: string[] } = {}): RestorePlan =>
  planRestore(options.plan ?? restorePlan(), observed, { safetySnapshot: options.safetySnapshot ?? true, only: options.only }).plan;

const steps = (result: RestorePlan): string[] => result.actions.map((action) => `${action.action} ${action.address}`);

function only<K extends RestoreAction['action']>(result: RestorePlan, kind: K): Extract<RestoreAction, { action: K }>[] {
  return result.actions.filter((action): action is Extract<RestoreAction, { action: K }> => action.action === kind);
}

describe('planRestore', () => {
  it('plans nothing where the destination holds the snapshot', () => {
    const result = plan(observedRestore());
    expect(result.actions).toEqual([]);
    expect(result.drift).toEqual([]);
    expect(result.patches).toEqual([]);
    expect(result.blocked).toBeNull();
  });

  it('restores one changed tree: a safety snapshot first, then the copy, then the check', () => {
    const changed = destination(treeOf('datasource.pydiods1'), counts(2, 1, 1, 300), { mismatched: ['same-size-and-time.bin'] });
    const result = plan(observedRestore({ destinations: [destination(treeOf('workdir')), destination(treeOf('config')), changed] }));
    expect(steps(result)).toEqual(['safety-snapshot target.local', 'restore-files datasource.pydiods1', 'check-restore workdir']);
    expect(only(result, 'restore-files')[0]).toMatchObject({
      absent: false,
      replace: ['same-size-and-time.bin'],
      leaveOut: [],
      expected: { bytes: 300, files: 3 },
    });
    expect(only(result, 'safety-snapshot')[0]?.trees.map(({ tree, linkFromSnapshot }) => [tree.id, linkFromSnapshot])).toEqual([
      ['config', true],
      ['datasource.pydiods1', true],
    ]);
    expect(result.drift).toMatchObject([{ kind: 'files', address: 'datasource.pydiods1', change: 'modified', files: counts(2, 1, 1, 300) }]);
  });

  it('checks every present tree, with the owners this host numbers otherwise', () => {
    const changed = destination(treeOf('workdir'), counts(1));
    const owners = [
      { kind: 'user' as const, name: 'pydio', from: 1001, to: 2001 },
      { kind: 'group' as const, name: 'ghost', from: 1003, to: null },
    ];
    const result = plan(observedRestore({ destinations: [changed, destination(treeOf('config')), destination(treeOf('datasource.pydiods1'))], owners }));
    const [check] = only(result, 'check-restore');
    expect(check?.trees.map((tree) => [tree.tree.id, tree.destination])).toEqual([
      ['workdir', workdirTree.source],
      ['config', configTree.source],
      ['datasource.pydiods1', pydiods1Tree.source],
    ]);
    expect(check?.owners).toEqual({ uids: [[1001, 2001]], gids: [] });
    expect(result.warnings).toContain("the snapshot's user pydio is id 1001 there and 2001 here: its files are given 2001");
    expect(result.warnings).toContain("the snapshot's group ghost (id 1003) does not exist on this host: its files keep id 1003");
  });

  it('removes a destination the snapshot recorded as absent', () => {
    const absentTree: ManifestTree = { ...treeOf('datasource.pydiods1'), entries: 0, optional: true };
    const result = plan(observedRestore({ destinations: [destination(absentTree, counts(0, 0, 3))] }));
    expect(only(result, 'restore-files')[0]).toMatchObject({ absent: true });
  });

  it('leaves foreign entries out of the tree that holds them', () => {
    const foreign = [{ tree: 'datasource.pydiods1', path: `${pydiods1Tree.snapshotPath}/planted.sh` }];
    const result = plan(
      observedRestore({
        verification: { problems: [], problemCount: 0, foreign, foreignCount: 1 },
        destinations: [destination(treeOf('datasource.pydiods1'), counts(1))],
      }),
    );
    expect(only(result, 'restore-files')[0]?.leaveOut).toEqual(['planted.sh']);
    expect(result.warnings.join('\n')).toContain('holds 1 entries its file lists do not (workdir/data/pydiods1/planted.sh)');
    expect(result.blocked).toBeNull();
  });

  describe('pydio.json', () => {
    it('is written as the snapshot holds it, with its mode, owner and time, when the destination differs', () => {
      const result = plan(observedRestore({ destinationConfig: null }));
      expect(only(result, 'patch-config')).toEqual([
        {
          action: 'patch-config',
          address: 'config',
          file: `${workingDir}/pydio.json`,
          sha256: configSha,
          mode: 0o640,
          owner: { uid: 1001, gid: 1002 },
          mtimeMs: 1_700_000_000_000,
          reason: 'write pydio.json as the snapshot holds it',
        },
      ]);
      expect(result.patches).toEqual([]);
    });

    it("is patched for another working dir, without the snapshot's time, and the patch is shown", () => {
      const elsewhere = restorePlan({
        restore: {
          from: 'local',
          workingDir: '/srv/restored',
          overrides: { hostname: undefined, publicUrl: undefined, database: undefined, paths: {} },
          admin: undefined,
        },
      });
      // The fixture's own working dir, as the snapshot recorded it.
      const taken = { ...snapshot, cells: { ...snapshot.cells, workingDir: '/home/user/.config/pydio/cells' } };
      const planned = planRestore(elsewhere, observedRestore({ snapshot: taken, workingDir: '/srv/restored', destinationConfig: null }), {
        safetySnapshot: true,
      });
      const [patch] = only(planned.plan, 'patch-config');
      expect(patch?.mtimeMs).toBeUndefined();
      expect(patch?.sha256).toBe(createHash('sha256').update(planned.patchedText).digest('hex'));
      expect(planned.patchedText).not.toBe(configText);
      expect(planned.plan.patches[0]?.changes).toContainEqual(
        expect.objectContaining({
          pointer: '/databases/pydio.grpc.chat/dsn',
          before: '/home/user/.config/pydio/cells/services/pydio.grpc.chat/chat.db',
          after: '/srv/restored/services/pydio.grpc.chat/chat.db',
        }),
      );
    });
  });

  describe('the database', () => {
    it("is created with the snapshot's defaults when missing, then loaded", () => {
      const result = plan(observedRestore({ database: { name: 'cells', exists: false, tables: 0, matchesSnapshot: false } }));
      expect(only(result, 'create-database')).toMatchObject([{ database: 'cells', charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' }]);
      expect(only(result, 'load-database')).toMatchObject([{ database: 'cells', dump: 'database/cells.sql.gz' }]);
      expect(only(result, 'safety-snapshot')[0]?.database, 'nothing to keep of an empty database').toBeUndefined();
    });

    it('is kept in the safety snapshot before its tables are replaced', () => {
      const result = plan(observedRestore({ database: { name: 'cells', exists: true, tables: 40, matchesSnapshot: false } }));
      expect(steps(result)).toEqual(['safety-snapshot target.local', 'load-database database.cells', 'check-restore workdir']);
      expect(only(result, 'safety-snapshot')[0]?.database).toBe('cells');
      expect(result.warnings).toContain("the database cells already has 40 tables; they will be replaced by the snapshot's");
    });
  });

  describe('Cells', () => {
    const running = [{ pid: 77, command: 'cells start' }];
    const changed = [destination(treeOf('workdir'), counts(1))];

    it('blocks a restore into a running Cells it cannot stop', () => {
      const result = plan(observedRestore({ destinations: changed, liveUsers: running }));
      expect(result.blocked).toBe(`Cells is running in ${workingDir}; stop it first, or declare cells.service so that cellar stops it`);
    });

    it('stops and starts a declared service around the work', () => {
      const withService = restorePlan({ cells: { ...makePlan().cells, service: service('changes') } });
      const result = plan(observedRestore({ destinations: changed, liveUsers: running }), { plan: withService, safetySnapshot: false });
      expect(steps(result)).toEqual(['stop-service workdir', 'restore-files workdir', 'check-restore workdir', 'start-service workdir']);
      expect(result.blocked).toBeNull();
      expect(result.warnings).toContain('--no-safety-snapshot: what the restore overwrites is not kept, and the restore cannot be undone');
    });

    it('leaves a running Cells be when there is nothing to restore', () => {
      expect(plan(observedRestore({ liveUsers: running })).blocked).toBeNull();
    });

    it('resyncs a structured datasource restored without its .minio.sys, run by cellar only when it starts Cells with its binary', () => {
      const structured = observedRestore({ destinations: changed, cells: cellsConfig([datasourceInfo('pydiods1')]) });
      expect(only(plan(structured), 'resync-datasource')).toEqual([
        {
          action: 'resync-datasource',
          address: 'datasource.pydiods1',
          datasource: 'pydiods1',
          argv: ['cells', 'admin', 'datasource', 'resync', '-d', 'pydiods1'],
          run: false,
          reason: 'structured datasource restored without its .minio.sys',
        },
      ]);
      const runs = restorePlan({ cells: { ...makePlan().cells, service: service('changes'), binary: '/opt/cells' } });
      expect(only(plan(structured, { plan: runs }), 'resync-datasource')[0]).toMatchObject({
        argv: ['/opt/cells', 'admin', 'datasource', 'resync', '-d', 'pydiods1'],
        run: true,
      });
      expect(only(plan({ ...structured, minioSysSaved: ['pydiods1'] }), 'resync-datasource')).toEqual([]);
    });
  });

  describe('refuses', () => {
    it('a damaged snapshot, naming its first problem', () => {
      const result = plan(observedRestore({ verification: { problems: ['workdir/a: missing'], problemCount: 3, foreign: [], foreignCount: 0 } }));
      expect(result.blocked).toBe(`snapshot ${snapshotId} is damaged (workdir/a: missing and 2 more problems); run cellar verify and restore another snapshot`);
    });

    it('a snapshot with more foreign entries than it can leave out', () => {
      const foreign = [{ tree: 'workdir', path: 'workdir/x' }];
      const result = plan(observedRestore({ verification: { problems: [], problemCount: 0, foreign, foreignCount: 5000 } }));
      expect(result.blocked).toBe(
        `snapshot ${snapshotId} holds 5000 entries that its file lists do not: too many to leave out; run cellar verify and restore another snapshot`,
      );
    });
  });

  it('compares every destination by content after a restore that did not complete, and says so', () => {
    const result = plan(observedRestore({ incompleteRestore: { snapshot: snapshotId, started: '2026-11-25T10:00:00.000Z' } }));
    expect(result.warnings[0]).toBe(
      `a restore of snapshot ${snapshotId} into ${workingDir} did not complete (started 2026-11-25T10:00:00.000Z): every file there is compared by content`,
    );
  });

  it('moves its state digest with anything it is decided from', () => {
    const base = plan(observedRestore()).state;
    expect(plan(observedRestore({ destinationConfig: null })).state).not.toBe(base);
    expect(plan(observedRestore({ database: { ...sameDatabase, tables: 41 } })).state).not.toBe(base);
    expect(plan(observedRestore()).state).toBe(base);
  });
});

describe('planRestore --only', () => {
  // Everything differs: files in every tree, the database, and pydio.json (a patch and another file).
  const everythingDiffers = (): ObservedRestore =>
    observedRestore({
      destinations: [
        destination(treeOf('workdir'), counts(1, 0, 0, 10)),
        destination(treeOf('config'), counts(0, 1, 0, 20)),
        destination(treeOf('datasource.pydiods1'), counts(3, 0, 0, 30)),
      ],
      cells: cellsConfig([datasourceInfo('pydiods1')]),
      database: { name: 'cells', exists: true, tables: 40, matchesSnapshot: false },
      destinationConfig: 'another pydio.json',
    });
  const restoreWithService = restorePlan({ cells: { ...makePlan().cells, service: service('changes'), binary: '/usr/bin/cells' } });

  it('restores only the datasource: its files, its check and its resync; no database, no pydio.json', () => {
    const result = plan(everythingDiffers(), { plan: restoreWithService, only: ['datasource.pydiods1'] });
    expect(steps(result)).toEqual([
      'stop-service workdir',
      'safety-snapshot target.local',
      'restore-files datasource.pydiods1',
      'check-restore workdir',
      'start-service workdir',
      'resync-datasource datasource.pydiods1',
    ]);
    expect(only(result, 'check-restore')[0]?.trees.map((tree) => tree.tree.id)).toEqual(['datasource.pydiods1']);
    // The safety snapshot keeps what is overwritten, and pydio.json, from which it is itself restored.
    const safety = only(result, 'safety-snapshot')[0];
    expect(safety?.trees.map(({ tree }) => tree.id)).toEqual(['config', 'datasource.pydiods1']);
    expect(safety?.database).toBeUndefined();
    expect(result.drift.map((drift) => drift.address)).toEqual(['datasource.pydiods1']);
    expect(result.patches).toEqual([]);
  });

  it('restores only the database, keeping the database it replaces', () => {
    const result = plan(everythingDiffers(), { only: ['database'] });
    expect(steps(result)).toEqual(['safety-snapshot target.local', 'load-database database.cells', 'check-restore workdir']);
    expect(only(result, 'safety-snapshot')[0]).toMatchObject({ trees: [{ tree: { id: 'config' } }], database: 'cells' });
    expect(only(result, 'check-restore')[0]?.trees).toEqual([]);
    expect(plan(everythingDiffers(), { only: ['database.cells'] }).actions).toEqual(result.actions);
  });

  it('restores only pydio.json and the vault files, with the patches', () => {
    const result = plan(everythingDiffers(), { only: ['config'] });
    expect(steps(result)).toEqual(['safety-snapshot target.local', 'restore-files config', 'patch-config config', 'check-restore workdir']);
  });

  it('takes several addresses', () => {
    const result = plan(everythingDiffers(), { only: ['workdir', 'database'] });
    expect(steps(result)).toEqual(['safety-snapshot target.local', 'restore-files workdir', 'load-database database.cells', 'check-restore workdir']);
  });

  it('refuses an address the snapshot does not hold, naming those it does', () => {
    expect(() => plan(everythingDiffers(), { only: ['datasource.personal'] })).toThrow(
      `--only datasource.personal: snapshot ${snapshotId} has no such address; choose among config, database, datasource.pydiods1, workdir`,
    );
  });

  const index = { datasource: 'pydiods1', dump: 'datasources/pydiods1/index.sql.gz', sha256: 'i'.repeat(64), size: 10, tables: [indexTable] };
  const flatDiffers = (indexes: ObservedRestore['indexes']): ObservedRestore => ({
    ...everythingDiffers(),
    cells: cellsConfig([datasourceInfo('pydiods1', { flat: true })]),
    indexes,
  });

  it('restores a flat datasource with its index tables from their own dump, keeping the database in the safety snapshot', () => {
    const result = plan(flatDiffers([{ datasource: 'pydiods1', index, matchesSnapshot: false }]), { only: ['datasource.pydiods1'] });
    expect(steps(result)).toEqual([
      'safety-snapshot target.local',
      'restore-files datasource.pydiods1',
      'load-index datasource.pydiods1',
      'check-restore workdir',
    ]);
    expect(only(result, 'load-index')[0]).toMatchObject({ datasource: 'pydiods1', database: 'cells', dump: index.dump, tables: [indexTable] });
    expect(only(result, 'safety-snapshot')[0]?.database).toBe('cells');
    // Index tables that provably hold the dump are not loaded again.
    expect(steps(plan(flatDiffers([{ datasource: 'pydiods1', index, matchesSnapshot: true }]), { only: ['datasource.pydiods1'] }))).not.toContain(
      'load-index datasource.pydiods1',
    );
  });

  it('refuses a flat datasource whose index the snapshot holds no dump of, or whose database is missing', () => {
    expect(() => plan(flatDiffers([{ datasource: 'pydiods1', index: undefined, matchesSnapshot: false }]), { only: ['datasource.pydiods1'] })).toThrow(
      `--only datasource.pydiods1: a flat datasource's file names live in its index, and snapshot ${snapshotId} holds no dump of its index tables alone; restore both: --only datasource.pydiods1 --only database`,
    );
    const noDatabase = {
      ...flatDiffers([{ datasource: 'pydiods1', index, matchesSnapshot: false }]),
      database: { name: 'cells', exists: false, tables: 0, matchesSnapshot: false },
    };
    expect(() => plan(noDatabase, { only: ['datasource.pydiods1'] })).toThrow(
      '--only datasource.pydiods1: its index goes into the database, which does not exist yet; add --only database',
    );
    const flat = observedRestore({ cells: cellsConfig([datasourceInfo('pydiods1', { flat: true })]) });
    expect(steps(plan(flat, { only: ['datasource.pydiods1', 'database'] }))).toEqual([]);
  });

  const pathDestination = (beside: boolean, gained = counts(4, 1, 2, 40, 1)): RestorePathDestination => {
    const tree = treeOf('datasource.pydiods1');
    return {
      address: 'datasource.pydiods1:admin/projects',
      tree,
      path: 'admin/projects',
      kind: 'dir',
      destination: beside ? '/srv/recovered/projects' : `${tree.source}/admin/projects`,
      beside,
      inDatasource: !beside,
      comparison: { tree, presence: 'same', counts: gained, changes: [], truncated: false, files: 0, bytes: 0 },
      digest: 'path-digest',
      files: [{ path: 'a.txt', sha256: 'a'.repeat(64) }],
    };
  };

  it('restores a path: what it lacks and what changed there, never removing what was added since; its datasource is resynced', () => {
    const result = plan({ ...everythingDiffers(), paths: [pathDestination(false)] }, { only: ['datasource.pydiods1:admin/projects'] });
    expect(steps(result)).toEqual([
      'safety-snapshot target.local',
      'restore-path datasource.pydiods1:admin/projects',
      'check-restore workdir',
      'resync-datasource datasource.pydiods1',
    ]);
    expect(only(result, 'restore-path')[0]).toMatchObject({ kind: 'dir', expected: { files: 5, bytes: 40 }, files: [{ path: 'a.txt' }] });
    expect(result.drift).toMatchObject([{ address: 'datasource.pydiods1:admin/projects', files: counts(4, 1, 0, 40, 1) }]);
    // Written over its original, the path is kept with its whole tree (and pydio.json) first.
    expect(only(result, 'safety-snapshot')[0]?.trees.map(({ tree }) => tree.id)).toEqual(['config', 'datasource.pydiods1']);
    expect(only(result, 'check-restore')[0]?.trees).toEqual([]);
  });

  it('restores a path beside its original without a safety snapshot (it overwrites nothing), and plans nothing once it holds the snapshot', () => {
    const beside = plan({ ...everythingDiffers(), paths: [pathDestination(true)] }, { only: ['datasource.pydiods1:admin/projects'] });
    // Outside the datasource's folder, Cells has nothing to index: no resync.
    expect(steps(beside)).toEqual(['restore-path datasource.pydiods1:admin/projects', 'check-restore workdir']);
    const done = plan({ ...everythingDiffers(), paths: [pathDestination(false, counts(0, 0, 3))] }, { only: ['datasource.pydiods1:admin/projects'] });
    expect(done.actions).toEqual([]);
  });
});

describe('planRestore: stores backed up by the plan’s commands', () => {
  const commands = {
    backup: 'command',
    dump: ['mongodump', '--archive'],
    restore: ['mongorestore', '--archive', '--drop'],
    fingerprint: ['mongosh', '--eval', 'dbHash'],
  } as const;
  const dumped = {
    id: 'documents',
    driver: 'mongodb',
    dump: 'stores/documents.dump',
    sha256: 'd'.repeat(64),
    size: 10,
    fingerprint: 'f'.repeat(64),
    dumped: true,
  };
  const withStore = manifest(snapshotId, { stores: [dumped] });
  const storePlan = restorePlan({ stores: { documents: commands } });
  const observedWith = (fingerprint: string | undefined): ObservedRestore =>
    observedRestore({ snapshot: withStore, target: target([withStore]), stores: [{ id: 'documents', driver: 'mongodb', fingerprint }] });

  it('loads a store whose fingerprint differs, after a safety snapshot that dumps it, and checks it with its fingerprint command', () => {
    const result = plan(observedWith('0'.repeat(64)), { plan: storePlan });
    expect(steps(result)).toEqual(['safety-snapshot target.local', 'load-store store.documents', 'check-restore workdir']);
    expect(only(result, 'load-store')[0]).toMatchObject({
      dump: dumped.dump,
      argv: commands.restore,
      check: commands.fingerprint,
      fingerprint: dumped.fingerprint,
    });
    expect(only(result, 'safety-snapshot')[0]?.stores).toEqual([{ store: 'documents', driver: 'mongodb', argv: commands.dump, fingerprint: '0'.repeat(64) }]);
    expect(result.drift).toEqual([{ kind: 'store', address: 'store.documents', change: 'modified', driver: 'mongodb' }]);
  });

  it("plans nothing for a store that already holds the snapshot's dump", () => {
    expect(plan(observedWith(dumped.fingerprint), { plan: storePlan }).actions).toEqual([]);
  });

  it('says so when the plan cannot restore a store the snapshot holds, or skips it', () => {
    expect(plan(observedWith(undefined)).warnings).toContain(
      `snapshot ${snapshotId} holds a dump of store documents (mongodb), but the plan has no restore command for it (stores.documents): it is not restored`,
    );
    const skipped = plan(observedWith(undefined), { plan: restorePlan({ stores: { documents: { backup: 'skip', reason: 'a replica set' } } }) });
    expect(skipped.actions).toEqual([]);
    expect(skipped.warnings).toContain('store documents (mongodb) is not backed up by cellar (a replica set): restore it with its own tools');
  });
});
