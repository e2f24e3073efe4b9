import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { createLoopBtrfs } from './loop-btrfs.js';
import { mountedDevice } from './loop-mount.js';

describe('createLoopBtrfs', () => {
  it('takes a read-only subvolume snapshot that keeps the data as it was', async () => {
    const btrfs = await createLoopBtrfs();
    try {
      expect(btrfs.device).toMatch(/^\/dev\/loop\d+$/);
      const fstype = await execa('findmnt', ['-n', '-o', 'FSTYPE', '--mountpoint', btrfs.mountPoint]);
      expect(fstype.stdout).toBe('btrfs');
      await writeFile(join(btrfs.subvolume, 'state'), 'before\n');
      const snapshot = join(btrfs.mountPoint, 'snap-1');
      await execa('btrfs', ['subvolume', 'snapshot', '-r', btrfs.subvolume, snapshot]);
      await writeFile(join(btrfs.subvolume, 'state'), 'after\n');
      expect(await readFile(join(snapshot, 'state'), 'utf8')).toBe('before\n');
      const show = await execa('btrfs', ['subvolume', 'show', snapshot]);
      expect(show.stdout).toMatch(/Flags:\s+readonly/);
      await expect(writeFile(join(snapshot, 'state'), 'changed\n')).rejects.toThrow(/EROFS/);
    } finally {
      await btrfs.stop();
    }
  });

  it('stops: nothing mounted, no loop device, no image left', async () => {
    const btrfs = await createLoopBtrfs();
    await btrfs.stop();
    expect(await mountedDevice(btrfs.mountPoint)).toBeUndefined();
    const losetup = await execa('losetup', ['--list', '--noheadings', '--output', 'BACK-FILE']);
    expect(losetup.stdout).not.toContain(btrfs.image);
    await expect(access(btrfs.image)).rejects.toThrow();
  });

  it('tears down even while a process keeps the file system busy', async () => {
    const btrfs = await createLoopBtrfs();
    const busy = execa('sleep', ['300'], { cwd: btrfs.subvolume, reject: false });
    try {
      await btrfs.stop();
      expect(await mountedDevice(btrfs.mountPoint)).toBeUndefined();
    } finally {
      busy.kill('SIGKILL');
      await busy;
    }
    // With the lazy unmount done and its last user gone, the loop device is detached.
    await expect
      .poll(async () => (await execa('losetup', ['--list', '--noheadings', '--output', 'BACK-FILE'])).stdout, { timeout: 10_000 })
      .not.toContain(btrfs.image);
  });
});
