import { randomBytes } from 'node:crypto';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { mountedDevice, requireRoot, run, unmount } from './loop-mount.js';
import { withTeardown } from './teardown.js';

/** LVM cannot run here: the kernel has no device-mapper. */
export class LvmUnavailableError extends Error {
  override readonly name = 'LvmUnavailableError';
}

export interface LoopLvmOptions {
  /** Bytes of the sparse image holding the volume group; 256 MiB unless told. */
  readonly size?: number;
  /** Bytes of the logical volume; half the image unless told, which leaves room for a snapshot. */
  readonly volumeSize?: number;
}

/** A volume group on a loop device, with one ext4 logical volume mounted and free extents for a snapshot. */
export interface LoopLvm {
  readonly image: string;
  /** The loop device the physical volume is on. */
  readonly device: string;
  /** The volume group, `cellar_test_<hex>`, a name no other test uses. */
  readonly volumeGroup: string;
  /** The logical volume's name in the group: `data`. */
  readonly volume: string;
  /** `/dev/VG/data` */
  readonly volumePath: string;
  /** Where the logical volume is mounted. */
  readonly mountPoint: string;
  /** Variables for lvm commands on a machine without udev (the tests' `lvcreate`, `lvremove`). */
  readonly lvmEnv: Readonly<Record<string, string>>;
  /** Unmounts every volume of the group, removes the group, detaches the loop device, removes the image. */
  stop(): Promise<void>;
}

// Without udev (containers, CI), libdevmapper makes the /dev nodes itself; lvm's file descriptor
// warnings about test runners are noise.
const lvmEnv = { DM_DISABLE_UDEV: '1', LVM_SUPPRESS_FD_WARNINGS: '1' };

/** Why LVM cannot run on this machine, or undefined when it can. */
export async function lvmUnavailableReason(): Promise<string | undefined> {
  const result = await execa('dmsetup', ['version'], { stdin: 'ignore', reject: false, env: lvmEnv });
  if (result.exitCode === 0 && result.stdout.includes('Driver version')) return undefined;
  const said = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
  return `this kernel has no device-mapper (CONFIG_BLK_DEV_DM), which LVM needs (dmsetup version: ${said})`;
}

async function lvm(command: string, args: readonly string[]): Promise<string> {
  const result = await execa(command, args, { stdin: 'ignore', reject: false, env: lvmEnv });
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${String(result.exitCode)}:\n${result.stderr}`);
  return result.stdout;
}

/** Unmounts whatever a volume of the group is mounted on (the volume, snapshots a test mounted). */
async function unmountGroup(volumeGroup: string): Promise<void> {
  const mounts = await execa('findmnt', ['-n', '-l', '-o', 'TARGET,SOURCE'], { stdin: 'ignore', reject: false });
  const prefix = `/dev/mapper/${volumeGroup.replaceAll('-', '--')}-`;
  for (const line of mounts.stdout.split('\n').reverse()) {
    const [target, source] = line.trim().split(/\s+/);
    if (target !== undefined && source?.startsWith(prefix) === true) await run('umount', [target]);
  }
}

/** Makes an image, a loop device, a volume group on it and a mounted ext4 logical volume. Needs root and device-mapper. */
export async function createLoopLvm(options: LoopLvmOptions = {}): Promise<LoopLvm> {
  requireRoot('createLoopLvm');
  const unavailable = await lvmUnavailableReason();
  if (unavailable !== undefined) throw new LvmUnavailableError(`createLoopLvm: ${unavailable}`);
  const size = options.size ?? 256 * 1024 * 1024;
  return withTeardown(async (teardown) => {
    const root = await teardown.folder('lvm');
    const image = join(root, 'lvm.img');
    const mountPoint = join(root, 'mnt');
    await writeFile(image, '');
    await truncate(image, size);
    await mkdir(mountPoint);
    const device = (await run('losetup', ['--find', '--show', image])).trim();
    teardown.add(async () => {
      await run('losetup', ['--detach', device]);
    });
    const volumeGroup = `cellar_test_${randomBytes(4).toString('hex')}`;
    await lvm('vgcreate', ['--quiet', volumeGroup, device]);
    teardown.add(async () => {
      await unmountGroup(volumeGroup);
      await lvm('vgremove', ['--force', '--yes', volumeGroup]);
      await lvm('pvremove', ['--force', '--yes', device]);
    });
    const volumeSize = options.volumeSize ?? Math.floor(size / 2);
    await lvm('lvcreate', ['--quiet', '--yes', '--size', `${Math.floor(volumeSize / 1024)}k`, '--name', 'data', volumeGroup]);
    const volumePath = `/dev/${volumeGroup}/data`;
    await run('mkfs.ext4', ['-q', volumePath]);
    await run('mount', [volumePath, mountPoint]);
    teardown.add(() => unmount(mountPoint));
    if ((await mountedDevice(mountPoint)) === undefined) throw new Error(`${volumePath} is not mounted on ${mountPoint}`);
    return { image, device, volumeGroup, volume: 'data', volumePath, mountPoint, lvmEnv, stop: () => teardown.run() };
  });
}
