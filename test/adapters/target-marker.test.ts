import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initTarget, readTargetState } from '../../src/adapters/target/marker.js';
import { localSnapshotStore } from '../../src/adapters/target/local-store.js';
import { targetMarkerName as markerName } from '../../src/model/target.js';

const roots: string[] = [];
function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), 'cellar-marker-'));
  roots.push(root);
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('target marker', () => {
  it('counts a folder that holds only a marker being written as empty, not as foreign or damaged', () => {
    const target = scratch();
    writeFileSync(join(target, `.${markerName}.6c1d1c5e`), '{"format_ver');
    expect(readTargetState(target)).toEqual({ state: 'empty' });
    const marker = initTarget(target);
    expect(readTargetState(target)).toEqual({ state: 'ready', marker });
  });

  it('leaves the marker of whoever initialised the target first, and no draft behind', () => {
    const target = join(scratch(), 'backups');
    const first = initTarget(target);
    expect(initTarget(target)).toEqual(first);
    expect(readdirSync(target).sort()).toEqual([markerName, 'snapshots']);
    expect(JSON.parse(readFileSync(join(target, markerName), 'utf8'))).toEqual(first);
  });

  it('takes a snapshot in a target whose initialisation was killed after the marker was linked', () => {
    const target = join(scratch(), 'backups');
    initTarget(target);
    rmSync(join(target, 'snapshots'), { recursive: true });
    expect(localSnapshotStore('backups', target, undefined).reserve(new Date('2026-12-07T15:59:43Z')).id).toBe('20261207T155943Z');
    expect(readdirSync(join(target, 'snapshots'))).toEqual(['20261207T155943Z']);
  });
});
