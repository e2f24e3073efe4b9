import { readFile } from 'node:fs/promises';
import { execa } from 'execa';

/** An ed25519 key pair without a passphrase. */
export interface KeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
  /** The public key line, `ssh-ed25519 AAAA… comment`. */
  readonly publicLine: string;
}

/** Generates an ed25519 key pair at `path` and `path.pub`. */
export async function generateKeyPair(path: string, comment: string): Promise<KeyPair> {
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path], { stdin: 'ignore' });
  return { privateKey: path, publicKey: `${path}.pub`, publicLine: (await readFile(`${path}.pub`, 'utf8')).trim() };
}

/** The known_hosts line for a host key served on ADDRESS:PORT. */
export function knownHostsLine(address: string, port: number, hostKey: KeyPair): string {
  const [type, key] = hostKey.publicLine.split(' ');
  return `[${address}]:${port} ${type!} ${key!}\n`;
}

/** How a client reaches one sshd as root with a key, checking the host key strictly. */
export interface SshAccess {
  readonly user: string;
  readonly host: string;
  readonly port: number;
  /** `user@host` */
  readonly destination: string;
  readonly identityFile: string;
  readonly knownHostsFile: string;
  /** `ssh` and its options up to, not including, the destination: for `rsync -e` or a `sftp.command`. */
  readonly sshArgs: readonly string[];
  /** `sshArgs` joined by spaces (none of them has a space). */
  readonly sshCommand: string;
}

/** The ssh options that reach exactly this server: no user config, no agent keys, no prompt, known host only. */
export function sshAccess(user: string, host: string, port: number, identityFile: string, knownHostsFile: string): SshAccess {
  const sshArgs = [
    'ssh',
    '-F',
    'none',
    '-i',
    identityFile,
    '-p',
    String(port),
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    `UserKnownHostsFile=${knownHostsFile}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
  ];
  const spaced = sshArgs.find((word) => /\s/.test(word));
  if (spaced !== undefined) throw new Error(`an ssh option has a space, which rsync -e and sftp.command would split: ${spaced}`);
  return { user, host, port, destination: `${user}@${host}`, identityFile, knownHostsFile, sshArgs, sshCommand: sshArgs.join(' ') };
}
