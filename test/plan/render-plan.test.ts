import { describe, expect, it } from 'vitest';
import type { ActionPlan } from '../../src/model/actions.js';
import { renderPlanJson, toPlanDocument } from '../../src/render/plan-json.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { configTree, pydiods1Tree, targetPath, workdirTree, writeManifest } from './builders.js';

const latestId = '20261124T140500Z';

/** A backup plan with drift in one datasource and the database, four actions and a warning. */
const backupPlan: ActionPlan = {
  mode: 'backup',
  target: { name: 'local', path: targetPath },
  snapshot: latestId,
  drift: [
    {
      kind: 'files',
      address: 'datasource.pydiods1',
      change: 'modified',
      files: { added: 3, modified: 1, deleted: 1, bytes: 10240, folders: 0 },
      trees: [],
      paths: [
        { path: 'docs/report.pdf', change: 'added', type: 'file', size: 8192 },
        { path: 'docs/new\nline.txt', change: 'modified', type: 'file', size: 2048 },
        { path: 'caf\udce9.txt', change: 'deleted', type: 'file', size: 5 },
      ],
      truncated: true,
    },
    { kind: 'database', address: 'database.cells', change: 'modified', signal: 'checksums', tables: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
  ],
  actions: [
    { action: 'stop-service', address: 'workdir', argv: ['systemctl', 'stop', 'cells'], reason: 'service stores must not be copied while Cells runs' },
    {
      action: 'sync-files',
      address: 'datasource.pydiods1',
      copies: [{ tree: pydiods1Tree, expected: { bytes: 8192, files: 2 } }],
      reason: '3 added, 1 modified, 1 deleted',
    },
    { action: 'dump-database', address: 'database.cells', database: 'cells', reason: 'changed (checksums): a, b, c and 4 more' },
    writeManifest(`record the new snapshot, hard-linking what did not change since ${latestId}`, [workdirTree, configTree]),
    { action: 'start-service', address: 'workdir', argv: ['systemctl', 'start', 'cells'], reason: 'start Cells again' },
    {
      action: 'prune-snapshot',
      address: 'snapshot.20261101T120000Z',
      snapshot: '20261101T120000Z',
      leftover: false,
      reason: 'no longer kept by targets.local.keep',
    },
  ],
  patches: [],
  retention: [],
  warnings: ['cells-vault-key is missing from the working dir: a snapshot without it cannot be restored (every datasource would break)'],
  blocked: null,
  state: 'f'.repeat(64),
};

const noChanges: ActionPlan = { ...backupPlan, drift: [], actions: [], warnings: [] };

const text = (plan: ActionPlan, color = false): string => renderPlanText(toPlanDocument(plan), { color });

describe('renderPlanText (colour off)', () => {
  it('a backup plan with drift, actions and a warning', () => {
    expect(text(backupPlan)).toBe(
      [
        'Backup plan for target local (/backups/cells), against snapshot 20261124T140500Z.',
        '',
        'Drift since 20261124T140500Z:',
        '  ~ datasource.pydiods1  +3 ~1 -1  (10.0 KiB to copy)',
        '      + docs/report.pdf',
        '      ~ docs/new\\x0aline.txt',
        '      - caf\\xe9.txt',
        '      … and 2 more (--verbose lists them all)',
        '  ~ database.cells  modified (checksums): a, b, c, d, e and 2 more',
        '',
        'Actions:',
        '   1. stop-service    workdir                    service stores must not be copied while Cells runs',
        '   2. sync-files      datasource.pydiods1        3 added, 1 modified, 1 deleted',
        '   3. dump-database   database.cells             changed (checksums): a, b, c and 4 more',
        '   4. write-manifest  target.local               record the new snapshot, hard-linking what did not change since 20261124T140500Z',
        '   5. start-service   workdir                    start Cells again',
        '   6. prune-snapshot  snapshot.20261101T120000Z  no longer kept by targets.local.keep',
        '',
        'Warnings:',
        '  ! cells-vault-key is missing from the working dir: a snapshot without it cannot be restored (every datasource would break)',
        '',
        'Plan: 6 actions. Run `cellar apply` to carry them out.',
        '',
      ].join('\n'),
    );
  });

  it('no changes against a snapshot', () => {
    expect(text(noChanges)).toBe(
      [
        'Backup plan for target local (/backups/cells), against snapshot 20261124T140500Z.',
        '',
        'No changes. Snapshot 20261124T140500Z is up to date.',
        '',
      ].join('\n'),
    );
  });

  it('no changes, and no snapshot to compare with', () => {
    expect(text({ ...noChanges, snapshot: null })).toBe(['Backup plan for target local (/backups/cells): no snapshot yet.', '', 'No changes.', ''].join('\n'));
  });

  it('a new address lists its paths only when all are known (--verbose)', () => {
    const drift = {
      kind: 'files' as const,
      address: 'workdir' as const,
      change: 'added' as const,
      files: { added: 40, modified: 0, deleted: 0, bytes: 4000, folders: 0 },
      trees: [],
      paths: [{ path: 'a', change: 'added' as const, type: 'file' as const, size: 100 }],
      truncated: true,
    };
    const rendered = text({ ...noChanges, snapshot: null, drift: [drift], actions: [] });
    expect(rendered).toContain('  + workdir  +40  (3.9 KiB to copy)\n\n');
    expect(rendered).not.toContain('      + a');
  });

  it('a first snapshot: everything to back up, one action', () => {
    const first: ActionPlan = {
      ...noChanges,
      snapshot: null,
      drift: [
        {
          kind: 'files',
          address: 'workdir',
          change: 'added',
          files: { added: 2, modified: 0, deleted: 0, bytes: 1023, folders: 0 },
          trees: [],
          paths: [
            { path: '', change: 'added', type: 'dir', size: 0 },
            { path: 'a', change: 'added', type: 'file', size: 1023 },
          ],
          truncated: false,
        },
      ],
      actions: [writeManifest(`initialise the target ${targetPath} and record the first snapshot`)],
    };
    expect(text(first)).toBe(
      [
        'Backup plan for target local (/backups/cells): no snapshot yet.',
        '',
        'To back up:',
        '  + workdir  +2  (1023 B to copy)',
        '      + .',
        '      + a',
        '',
        'Actions:',
        '   1. write-manifest  target.local  initialise the target /backups/cells and record the first snapshot',
        '',
        'Plan: 1 action. Run `cellar apply` to carry it out.',
        '',
      ].join('\n'),
    );
  });

  it('a warning alone is not a change', () => {
    const rendered = text({ ...noChanges, warnings: ['look out'] });
    expect(rendered).toContain('Warnings:\n  ! look out\n');
    expect(rendered).toContain('No changes.');
  });

  it('a blocked plan says why apply will refuse it, in place of the summary', () => {
    const rendered = text({ ...backupPlan, blocked: 'snapshot 20261124T140500Z is damaged' });
    expect(rendered.endsWith('\nApply will refuse this plan: snapshot 20261124T140500Z is damaged.\n')).toBe(true);
    expect(rendered).not.toContain('Plan: 6 actions.');
  });

  // printablePath matches UTF-16 code units, so the second half of a surrogate pair in U+DC80..U+DCFF
  // (U+1F480 💀, U+1F4C1 📁, U+1F4C4 📄: one astral character in eight) is shown as an escaped byte.
  it('shows names with emoji as they are', () => {
    const plan: ActionPlan = {
      ...backupPlan,
      drift: [
        {
          kind: 'files',
          address: 'workdir',
          change: 'modified',
          files: { added: 1, modified: 0, deleted: 0, bytes: 1, folders: 0 },
          trees: [],
          paths: [{ path: '\u{1f4c1} Projects/\u{1f480}.txt', change: 'added', type: 'file', size: 1 }],
          truncated: false,
        },
      ],
    };
    expect(text(plan)).toContain('      + \u{1f4c1} Projects/\u{1f480}.txt\n');
  });

  it('shows names with other astral characters as they are', () => {
    const plan: ActionPlan = {
      ...backupPlan,
      drift: [
        {
          kind: 'files',
          address: 'workdir',
          change: 'modified',
          files: { added: 1, modified: 0, deleted: 0, bytes: 1, folders: 0 },
          trees: [],
          paths: [{ path: '\u{1f600}/\u{20000}', change: 'added', type: 'file', size: 1 }],
          truncated: false,
        },
      ],
    };
    expect(text(plan)).toContain('      + \u{1f600}/\u{20000}\n');
  });

  it('has no escape codes', () => {
    // eslint-disable-next-line no-control-regex -- looking for ANSI escapes
    expect(text(backupPlan)).not.toMatch(/\u001b\[/);
  });
});

describe('renderPlanText (colour on)', () => {
  it('colours markers, titles and warnings with ANSI codes, and nothing else changes', () => {
    const coloured = text(backupPlan, true);
    expect(coloured).toContain('\u001b[32m+3\u001b[39m');
    expect(coloured).toContain('\u001b[33m~1\u001b[39m');
    expect(coloured).toContain('\u001b[31m-1\u001b[39m');
    expect(coloured).toContain('\u001b[1mActions:\u001b[22m');
    expect(coloured).toContain('\u001b[33mWarnings:\u001b[39m');
    // eslint-disable-next-line no-control-regex -- stripping ANSI escapes
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(text(backupPlan));
  });
});

describe('renderPlanJson', () => {
  const document = JSON.parse(renderPlanJson(backupPlan)) as Record<string, unknown>;

  it('holds the stable fields of DESIGN §3', () => {
    expect(document).toMatchObject({
      format_version: '1',
      mode: 'backup',
      snapshot: latestId,
      changes: true,
      patches: [],
      warnings: backupPlan.warnings,
      blocked: null,
    });
    expect(document.drift).toEqual([
      {
        address: 'datasource.pydiods1',
        change: 'modified',
        files: { added: 3, modified: 1, deleted: 1, bytes: 10240, folders: 0 },
        trees: [],
        paths: [
          { path: 'docs/report.pdf', change: 'added' },
          { path: 'docs/new\nline.txt', change: 'modified' },
          { path: 'caf\udce9.txt', change: 'deleted' },
        ],
        truncated: true,
      },
      { address: 'database.cells', change: 'modified', database: { signal: 'checksums', tables: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] } },
    ]);
  });

  it('lists actions as address, action and reason only: no argv or trees', () => {
    const actions = document.actions as Record<string, unknown>[];
    expect(actions).toHaveLength(6);
    for (const action of actions) expect(Object.keys(action).sort()).toEqual(['action', 'address', 'reason']);
    expect(actions[1]).toEqual({ address: 'datasource.pydiods1', action: 'sync-files', reason: '3 added, 1 modified, 1 deleted' });
  });

  it('says changes: false for an empty plan, and is one JSON document ending in a newline', () => {
    const empty = renderPlanJson(noChanges);
    expect(empty.endsWith('}\n')).toBe(true);
    expect(JSON.parse(empty)).toMatchObject({ changes: false, drift: [], actions: [] });
  });

  it('keeps an undecodable name as its escape, which survives JSON', () => {
    const rendered = renderPlanJson(backupPlan);
    expect(rendered).toContain('caf\\udce9.txt');
  });
});

describe('restore plans', () => {
  it('show the pydio.json patches with their diff', () => {
    const restore: ActionPlan = {
      ...noChanges,
      mode: 'restore',
      snapshot: latestId,
      patches: [
        {
          file: 'pydio.json',
          changes: [
            { pointer: '/defaults/sites/0/ReverseProxyURL', before: 'https://old', after: 'https://new', sensitive: false },
            { pointer: '/databases/x/dsn', before: null, after: '(sensitive)', sensitive: true },
          ],
          diff: '--- a/pydio.json\n+++ b/pydio.json\n@@ -1 +1 @@\n-"https://old"\n+"https://new"\n',
        },
      ],
      actions: [
        {
          action: 'patch-config',
          address: 'config',
          file: 'pydio.json',
          sha256: '0'.repeat(64),
          mode: 0o600,
          owner: undefined,
          mtimeMs: undefined,
          reason: 'apply the overrides',
        },
      ],
    };
    expect(text(restore)).toBe(
      [
        `Restore plan: snapshot ${latestId} from target local (/backups/cells).`,
        '',
        'pydio.json patches (2):',
        '  ~ /defaults/sites/0/ReverseProxyURL: https://old -> https://new',
        '  ~ /databases/x/dsn: (absent) -> (sensitive)',
        '',
        '--- a/pydio.json',
        '+++ b/pydio.json',
        '@@ -1 +1 @@',
        '-"https://old"',
        '+"https://new"',
        '',
        'Actions:',
        '   1. patch-config  config  apply the overrides',
        '',
        'Plan: 1 action. Run `cellar apply --restore` to carry it out.',
        '',
      ].join('\n'),
    );
  });
});
