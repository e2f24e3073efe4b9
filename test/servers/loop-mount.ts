import { execa } from 'execa';

/** Runs a system command and throws, with its stderr, unless it exits with 0. */
export async function run(command: string, args: readonly string[]): Promise<string> {
  const result = await execa(command, args, { stdin: 'ignore', reject: false });
  if (result.exitCode !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${String(result.exitCode ?? result.signal)}:\n${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/** The device mounted on a folder, or undefined when nothing is. */
export async function mountedDevice(mountPoint: string): Promise<string | undefined> {
  const result = await execa('findmnt', ['-n', '-o', 'SOURCE', '--mountpoint', mountPoint], { stdin: 'ignore', reject: false });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/**
 * Unmounts a folder; when something still uses it, detaches it lazily so that the device is freed
 * (and a loop device with autoclear detached) once the last user lets go.
 */
export async function unmount(mountPoint: string): Promise<void> {
  if ((await mountedDevice(mountPoint)) === undefined) return;
  const result = await execa('umount', [mountPoint], { stdin: 'ignore', reject: false });
  if (result.exitCode !== 0) await run('umount', ['--lazy', mountPoint]);
}

/** The loop devices that are backed by a file, by device. */
export async function loopDevicesOf(file: string): Promise<string[]> {
  const out = await run('losetup', ['--associated', file, '--noheadings', '--output', 'NAME']);
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function requireRoot(what: string): void {
  if (process.getuid?.() !== 0) throw new Error(`${what} needs root (mount, losetup)`);
}
