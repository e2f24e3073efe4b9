import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../src/model/verification.js';
import type { Manifest, ManifestTree } from '../../src/model/manifest.js';
import type { ObservedTarget } from '../../src/model/target.js';
import { toSnapshotsDocument } from '../../src/render/snapshots-json.js';
import { renderSnapshotsText } from '../../src/render/snapshots-text.js';
import { toVerifyDocument } from '../../src/render/verify-json.js';
import { renderVerifySummary, verifyFailureDetails, verifyFailureMessage } from '../../src/render/verify-text.js';

function tree(id: string, files: number, bytes: number, newBytes: number): ManifestTree {
  return {
    id,
    address: 'workdir',
    source: '/cells',
    snapshotPath: 'workdir',
    exclude: [],
    list: `lists/${id}.ndjson`,
    sha256: '0',
    entries: files + 1,
    files,
    bytes,
    newBytes,
  };
}

function manifest(id: string, changes: Partial<Manifest>): Manifest {
  return {
    format_version: '2',
    id,
    kind: 'backup',
    created: `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T${id.slice(9, 11)}:${id.slice(11, 13)}:${id.slice(13, 15)}.000Z`,
    tool: { name: 'cellar', version: '0.1.0' },
    host: 'cells1',
    cells: { workingDir: '/cells', version: '4.4.0', generation: 'v4' },
    trees: [],
    config: [],
    database: null,
    indexes: [],
    stores: [],
    excluded: [],
    warnings: [],
    restoreOf: null,
    owners: { users: {}, groups: {} },
    ...changes,
  };
}

const database = {
  name: 'cells',
  dump: 'database/cells.sql.gz',
  sha256: '0',
  size: 2048,
  dumped: true,
  fingerprint: { server: 's', observedAt: 0, startedAt: 0, binlog: null, lsn: null, schema: '', tables: {} },
  client: { program: 'mariadb-dump', version: '10.11', flags: [] },
  server: { version: '10.11', variant: 'mariadb' as const },
  tables: [],
};

function target(changes: Partial<ObservedTarget>): ObservedTarget {
  return { name: 'local', path: '/backup/cells', state: 'ready', snapshots: [], leftovers: [], damaged: [], lock: { state: 'free' }, ...changes };
}

describe('renderSnapshotsText', () => {
  it('shows one aligned line per snapshot, newest last', () => {
    const text = renderSnapshotsText(
      toSnapshotsDocument(
        target({
          snapshots: [
            manifest('20261124T020000Z', { trees: [tree('workdir', 1200, 5 * 1024 * 1024, 5 * 1024 * 1024), tree('config', 3, 1000, 1000)], database }),
            manifest('20261125T020000Z', {
              trees: [tree('workdir', 1201, 5 * 1024 * 1024 + 10, 10), tree('config', 3, 1000, 0)],
              database: { ...database, dumped: false },
              warnings: ['a file changed while it was copied'],
            }),
            manifest('20261125T030000Z', { kind: 'safety', restoreOf: '20261124T020000Z' }),
          ],
        }),
      ),
      { color: false },
    );
    expect(text).toBe(
      [
        'Snapshots in target local (/backup/cells):',
        '',
        '  ID                KIND    CREATED (UTC)        FILES     SIZE      NEW  DATABASE',
        '  20261124T020000Z  backup  2026-11-24 02:00:00   1203  5.0 MiB  5.0 MiB  dumped (2.0 KiB)',
        '  20261125T020000Z  backup  2026-11-25 02:00:00   1204  5.0 MiB     10 B  unchanged (hard link)  (1 warning)',
        '  20261125T030000Z  safety  2026-11-25 03:00:00      0      0 B      0 B  none',
        '',
        '3 snapshots; the latest is 20261125T030000Z.',
        '',
      ].join('\n'),
    );
  });

  it('says when the target is missing or empty, and what an apply left or is writing', () => {
    expect(renderSnapshotsText(toSnapshotsDocument(target({ state: 'missing' })), { color: false })).toBe(
      'No snapshots: target local (/backup/cells) does not exist yet; `cellar apply` creates it.\n',
    );
    expect(renderSnapshotsText(toSnapshotsDocument(target({ leftovers: ['20261125T040000Z'] })), { color: false })).toBe(
      'No snapshots in target local (/backup/cells) yet; `cellar apply` takes the first.\n' +
        'Left by an interrupted apply, not snapshots (the next apply removes them): 20261125T040000Z.\n',
    );
    expect(
      renderSnapshotsText(toSnapshotsDocument(target({ damaged: [{ id: '20261125T040000Z', reason: 'manifest.json is not JSON' }] })), { color: false }),
    ).toBe('No usable snapshots in target local (/backup/cells).\n' + 'Damaged, ignored by plan and apply: 20261125T040000Z: manifest.json is not JSON\n');
    const holder = { host: 'cells1', pid: 4242, processStart: null, started: '2026-11-25T04:00:00.000Z', command: 'apply', serviceStopped: false };
    const running = toSnapshotsDocument(target({ leftovers: ['20261125T040000Z'], lock: { state: 'held', holder } }));
    expect(running.running).toEqual({ command: 'apply', host: 'cells1', pid: 4242, started: '2026-11-25T04:00:00.000Z' });
    expect(renderSnapshotsText(running, { color: false })).toContain(
      'cellar apply is running (pid 4242 on cells1, since 2026-11-25T04:00:00.000Z); in progress: 20261125T040000Z.\n',
    );
  });
});

describe('verify text', () => {
  const subject = { target: { name: 'local', path: '/backup/cells' }, snapshot: '20261125T020000Z', readData: true };

  it('summarises a verified snapshot', () => {
    const result: VerifyResult = { problems: [], problemCount: 0, foreign: [], foreignCount: 0, files: 1204, bytes: 5 * 1024 * 1024, dumps: 2 };
    expect(renderVerifySummary(toVerifyDocument(subject, result))).toBe('snapshot 20261125T020000Z verified: 1204 files, 5.0 MiB, 2 dumps (read and hashed)\n');
  });

  it('lists the problems kept and counts the others', () => {
    const result: VerifyResult = {
      problems: ['workdir/a: missing', 'workdir/b: is 3 bytes, expected 4'],
      problemCount: 7,
      foreign: [],
      foreignCount: 0,
      files: 10,
      bytes: 100,
      dumps: 1,
    };
    const document = toVerifyDocument(subject, result);
    expect(document.verified).toBe(false);
    expect(verifyFailureMessage(document)).toBe('snapshot 20261125T020000Z in target local failed verification: 7 problems');
    expect(verifyFailureDetails(document)).toEqual(['workdir/a: missing', 'workdir/b: is 3 bytes, expected 4', '... and 5 more']);
  });
});
