import { randomBytes } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { treeState } from '../helpers/tree-state.js';
import { restic, type ResticRepository } from './restic.js';

/** One entry of `restic snapshots --json` (restic 0.14). */
export interface ResticSnapshot {
  readonly id: string;
  readonly short_id: string;
  readonly time: string;
  readonly paths: readonly string[];
  readonly tags?: readonly string[];
}

/** A fresh password for one repository. */
export function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** A small folder with nested files, an empty file, odd modes and a symlink. */
export async function writeSmallTree(root: string): Promise<void> {
  await mkdir(join(root, 'data', 'nested'), { recursive: true });
  await writeFile(join(root, 'data', 'a.txt'), 'first file\n');
  await writeFile(join(root, 'data', 'nested', 'b.bin'), randomBytes(70_000));
  await writeFile(join(root, 'data', 'empty'), '');
  await writeFile(join(root, 'data', 'secret'), 'private\n', { mode: 0o600 });
  await symlink('a.txt', join(root, 'data', 'link'));
}

/** `restic snapshots --json`, parsed. */
export async function listSnapshots(repo: ResticRepository, password: string): Promise<ResticSnapshot[]> {
  return JSON.parse(await restic(repo, ['snapshots', '--json'], { password })) as ResticSnapshot[];
}

/**
 * init, backup of a small folder, `snapshots --json`, restore into another folder and check: the
 * restored folder holds the same bytes, modes and links. Returns the snapshot.
 */
export async function resticRoundTrip(repo: ResticRepository, scratch: string, password: string): Promise<ResticSnapshot> {
  const source = join(scratch, 'source');
  await writeSmallTree(source);
  await restic(repo, ['init'], { password });
  // An absolute path: restic 0.14 restores it under the same path below --target (a relative one
  // would land at TARGET/data, yet `snapshots` shows the absolute path for both).
  await restic(repo, ['backup', '--tag', 'smoke', join(source, 'data')], { password });
  const snapshots = await listSnapshots(repo, password);
  expect(snapshots).toHaveLength(1);
  const snapshot = snapshots[0]!;
  expect(snapshot.paths).toEqual([join(source, 'data')]);
  expect(snapshot.tags).toEqual(['smoke']);
  const target = join(scratch, 'restored');
  await restic(repo, ['restore', snapshot.id, '--target', target], { password });
  expect(treeState(join(target, source, 'data'))).toEqual(treeState(join(source, 'data')));
  await restic(repo, ['check', '--read-data'], { password });
  return snapshot;
}
