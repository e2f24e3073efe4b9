import { mkdir } from 'node:fs/promises';
import { onFreePort } from './ports.js';
import { startServerProcess, type ServerProcess } from './process.js';
import type { KeyPair } from './ssh-keys.js';

export interface SshdOptions {
  /** Names the server in errors. */
  readonly name: string;
  /** A loopback address, 127.0.0.1, 127.0.0.2, … */
  readonly address: string;
  readonly hostKey: KeyPair;
  readonly authorizedKeysFile: string;
  /** Folders of this machine bind-mounted over paths that only this sshd and its sessions see. */
  readonly mounts?: readonly { readonly path: string; readonly folder: string }[];
}

export interface Sshd {
  readonly port: number;
  readonly process: ServerProcess;
}

/** Options for an sshd that reads no config file and lets root in with a key only. */
function sshdArgs(options: SshdOptions, port: number): string[] {
  const settings = {
    ListenAddress: `${options.address}:${port}`,
    HostKey: options.hostKey.privateKey,
    AuthorizedKeysFile: options.authorizedKeysFile,
    PermitRootLogin: 'prohibit-password',
    PasswordAuthentication: 'no',
    KbdInteractiveAuthentication: 'no',
    UsePAM: 'no',
    // The key files live in temporary folders below the world-writable /tmp.
    StrictModes: 'no',
    // Several sshds run at once; the default /run/sshd.pid would be shared.
    PidFile: 'none',
    PrintMotd: 'no',
    Subsystem: 'sftp internal-sftp',
  };
  return ['-D', '-e', '-f', '/dev/null', ...Object.entries(settings).flatMap(([key, value]) => ['-o', `${key}=${value}`])];
}

// Bind-mounts each FOLDER PATH pair given before `--`, then becomes the command after it.
const mountThenExec = 'while [ "$1" != -- ]; do mount --bind "$1" "$2" || exit 1; shift 2; done; shift; exec "$@"';

/**
 * Starts sshd in the foreground on a free port of `options.address`, in a mount namespace of its own
 * (where `mounts` are bound) and a PID namespace of its own, so that stopping it also ends every
 * session it started. Needs root.
 */
export async function startSshd(options: SshdOptions): Promise<Sshd> {
  if (process.getuid?.() !== 0) throw new Error(`${options.name}: sshd in its own namespaces needs root`);
  // sshd refuses to start without its privilege separation folder, which /run loses at boot.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const mounts = (options.mounts ?? []).flatMap((mount) => [mount.folder, mount.path]);
  return onFreePort(options.address, async (port) => {
    const server = await startServerProcess({
      name: options.name,
      command: 'unshare',
      args: [
        '--mount',
        '--propagation',
        'private',
        '--pid',
        '--fork',
        '--kill-child',
        '--mount-proc',
        'sh',
        '-c',
        mountThenExec,
        'sh',
        ...mounts,
        '--',
        '/usr/sbin/sshd',
        ...sshdArgs(options, port),
      ],
      ready: /Server listening on \S+ port \d+/,
      portInUse: /Address already in use|Cannot bind any address/,
      // As the first process of its PID namespace, sshd ignores a SIGTERM that comes before it
      // has set its handler, just after it printed that it listens; SIGKILL always ends it, and
      // with it every process of the namespace.
      stopSignal: 'SIGKILL',
    });
    return { port, process: server };
  });
}
