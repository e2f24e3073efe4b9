import { describe, expect, it } from 'vitest';
import type { RawPlan } from '../../src/config/raw-plan.js';
import { absolutePath, resolvePlan } from '../../src/config/resolve-plan.js';

const context = { file: '/etc/cellar/backup-plan.yaml', env: {}, homeDir: '/home/pydio' };
const minimal: RawPlan = { version: 1, datasources: { pydiods1: { backup: 'files' } }, targets: { local: { path: '/backups' } } };

describe('resolvePlan', () => {
  it('fills every default of a minimal plan', () => {
    expect(resolvePlan(minimal, context)).toEqual({
      file: '/etc/cellar/backup-plan.yaml',
      cells: { workingDir: '/home/pydio/.config/pydio/cells', service: undefined, exclude: [], binary: undefined },
      database: undefined,
      datasources: { pydiods1: { backup: 'files', path: undefined } },
      stores: {},
      targets: { local: { name: 'local', path: '/backups', keep: undefined, signingKey: undefined } },
      restore: undefined,
      hooks: { before: undefined, after: undefined, onSuccess: undefined, onFailure: undefined },
      spot: { countTolerance: 10, sample: 1, dataTolerance: 0 },
    });
  });

  it('takes the working dir from the plan, then $CELLS_WORKING_DIR, then ~/.config/pydio/cells', () => {
    const env = { CELLS_WORKING_DIR: '/srv/cells' };
    expect(resolvePlan(minimal, { ...context, env }).cells.workingDir).toBe('/srv/cells');
    expect(resolvePlan(minimal, { ...context, env: { CELLS_WORKING_DIR: '' } }).cells.workingDir).toBe('/home/pydio/.config/pydio/cells');
    const written: RawPlan = { ...minimal, cells: { workingDir: '/var/cells' } };
    expect(resolvePlan(written, { ...context, env }).cells.workingDir).toBe('/var/cells');
  });

  it("resolves relative paths against the plan file's folder", () => {
    const raw: RawPlan = {
      ...minimal,
      cells: { workingDir: 'cells', binary: './bin/cells' },
      database: { user: 'pydio', name: 'cells', socket: 'run/mysqld.sock' },
      datasources: { archive: { backup: 'files', path: '../archive/' } },
      targets: { local: { path: './backups//daily/.' } },
      restore: { from: 'local', workingDir: 'restored' },
    };
    const plan = resolvePlan(raw, context);
    expect(plan.cells.workingDir).toBe('/etc/cellar/cells');
    expect(plan.cells.binary).toBe('/etc/cellar/bin/cells');
    expect(plan.database?.socket).toBe('/etc/cellar/run/mysqld.sock');
    expect(plan.datasources.archive).toEqual({ backup: 'files', path: '/etc/cellar/../archive' });
    expect(plan.targets.local?.path).toBe('/etc/cellar/backups/daily');
    expect(plan.restore?.workingDir).toBe('/etc/cellar/restored');
  });

  it('keeps a bare binary name for a PATH lookup', () => {
    expect(resolvePlan({ ...minimal, cells: { binary: 'cells' } }, context).cells.binary).toBe('cells');
  });

  it('fills database, service, exclude and restore defaults', () => {
    const raw: RawPlan = {
      ...minimal,
      cells: {
        service: { stop: ['systemctl', 'stop', 'cells'], start: ['systemctl', 'start', 'cells'] },
        exclude: ['logs/', { pattern: 'data/tmp/' }, { pattern: 'services/', force: true }],
      },
      database: { user: 'pydio', name: 'cells', password: { env: 'CELLS_DB_PASSWORD' } },
      restore: {
        from: 'local',
        database: { admin: { user: 'root', password: { file: '/etc/cellar/root.pass' } } },
        overrides: { hostname: 'cells2', database: { host: 'db2' }, paths: { '/mnt/archive': '/data/archive' } },
      },
    };
    const plan = resolvePlan(raw, context);
    expect(plan.cells.service).toEqual({ stop: ['systemctl', 'stop', 'cells'], start: ['systemctl', 'start', 'cells'], stopFor: 'changes' });
    expect(plan.cells.exclude).toEqual([
      { pattern: 'logs/', force: false },
      { pattern: 'data/tmp/', force: false },
      { pattern: 'services/', force: true },
    ]);
    expect(plan.database).toEqual({ host: '127.0.0.1', port: 3306, socket: undefined, user: 'pydio', password: { env: 'CELLS_DB_PASSWORD' }, name: 'cells' });
    expect(plan.restore).toEqual({
      from: 'local',
      workingDir: '/home/pydio/.config/pydio/cells',
      admin: { user: 'root', password: { file: '/etc/cellar/root.pass' } },
      overrides: {
        hostname: 'cells2',
        publicUrl: undefined,
        database: { host: 'db2', port: undefined, socket: undefined, name: undefined, user: undefined, password: undefined },
        paths: { '/mnt/archive': '/data/archive' },
      },
    });
  });
});

describe('absolutePath', () => {
  it('drops "." and empty segments but keeps "..", whose meaning depends on symlinks', () => {
    expect(absolutePath('a/./b//c/', '/base')).toBe('/base/a/b/c');
    expect(absolutePath('/x/link/../y', '/base')).toBe('/x/link/../y');
    expect(absolutePath('/', '/base')).toBe('/');
  });
});
