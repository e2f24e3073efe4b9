import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loopDevicesOf, mountedDevice, requireRoot, run, unmount } from './loop-mount.js';
import { withTeardown } from './teardown.js';

export interface LoopBtrfsOptions {
  /** Bytes of the sparse image; mkfs.btrfs needs at least 109 MiB. 128 MiB unless told. */
  readonly size?: number;
}

/** A btrfs file system in an image file, loop-mounted, with one subvolume to put data in. */
export interface LoopBtrfs {
  readonly image: string;
  /** The loop device the image is mounted from. */
  readonly device: string;
  /** Where the file system's top level is mounted. */
  readonly mountPoint: string;
  /** The subvolume `MOUNTPOINT/data`, where the data to snapshot goes. */
  readonly subvolume: string;
  /** Unmounts (which frees the loop device) and removes the image. */
  stop(): Promise<void>;
}

/** Makes a btrfs image, mounts it on a loop device and creates the subvolume `data`. Needs root. */
export function createLoopBtrfs(options: LoopBtrfsOptions = {}): Promise<LoopBtrfs> {
  requireRoot('createLoopBtrfs');
  return withTeardown(async (teardown) => {
    const root = await teardown.folder('btrfs');
    const image = join(root, 'btrfs.img');
    const mountPoint = join(root, 'mnt');
    await writeFile(image, '');
    await truncate(image, options.size ?? 128 * 1024 * 1024);
    await mkdir(mountPoint);
    await run('mkfs.btrfs', ['-q', image]);
    // A loop mount sets autoclear: unmounting detaches the loop device.
    await run('mount', ['-o', 'loop', image, mountPoint]);
    teardown.add(() => unmount(mountPoint));
    const device = await mountedDevice(mountPoint);
    const [loop] = await loopDevicesOf(image);
    if (device === undefined || loop !== device) throw new Error(`the btrfs image is mounted from ${String(device)}, not from its loop device ${String(loop)}`);
    const subvolume = join(mountPoint, 'data');
    await run('btrfs', ['subvolume', 'create', subvolume]);
    return { image, device, mountPoint, subvolume, stop: () => teardown.run() };
  });
}
