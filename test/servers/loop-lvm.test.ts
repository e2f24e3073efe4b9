import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { createLoopLvm, LvmUnavailableError, lvmUnavailableReason } from './loop-lvm.js';
import { mountedDevice } from './loop-mount.js';

describe('createLoopLvm', () => {
  it('takes an LVM snapshot that mounts read-only and keeps the data as it was', async (context) => {
    const unavailable = await lvmUnavailableReason();
    if (unavailable !== undefined) context.skip(unavailable);
    const lvm = await createLoopLvm();
    try {
      await writeFile(join(lvm.mountPoint, 'state'), 'before\n');
      await execa('sync');
      await execa('lvcreate', ['--quiet', '--yes', '--snapshot', '--size', '32m', '--name', 'snap', `${lvm.volumeGroup}/${lvm.volume}`], { env: lvm.lvmEnv });
      await writeFile(join(lvm.mountPoint, 'state'), 'after\n');
      const snapshotMount = join(lvm.mountPoint, '..', 'snap');
      await mkdir(snapshotMount);
      // ext4 replays its journal unless told not to, which a read-only device refuses.
      await execa('mount', ['-o', 'ro,noload', `/dev/${lvm.volumeGroup}/snap`, snapshotMount]);
      expect(await readFile(join(snapshotMount, 'state'), 'utf8')).toBe('before\n');
      await expect(writeFile(join(snapshotMount, 'state'), 'changed\n')).rejects.toThrow(/EROFS/);
    } finally {
      await lvm.stop();
    }
    expect(await mountedDevice(lvm.mountPoint)).toBeUndefined();
    const groups = await execa('vgs', ['--noheadings', '-o', 'vg_name'], { env: lvm.lvmEnv, reject: false });
    expect(groups.stdout).not.toContain(lvm.volumeGroup);
    const loops = await execa('losetup', ['--list', '--noheadings', '--output', 'BACK-FILE']);
    expect(loops.stdout).not.toContain(lvm.image);
  });

  it('says why when the kernel cannot run LVM', async (context) => {
    const unavailable = await lvmUnavailableReason();
    if (unavailable === undefined) context.skip('this kernel has device-mapper, so createLoopLvm works');
    const attempt = createLoopLvm();
    await expect(attempt).rejects.toThrow(LvmUnavailableError);
    await expect(attempt).rejects.toThrow(/^createLoopLvm: this kernel has no device-mapper \(CONFIG_BLK_DEV_DM\), which LVM needs/);
  });
});
