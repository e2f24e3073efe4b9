import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResticRepository } from './restic.js';
import { generateKeyPair, knownHostsLine, sshAccess, type SshAccess } from './ssh-keys.js';
import { startSshd } from './sshd.js';
import { withTeardown } from './teardown.js';

export interface SftpServerOptions {
  /** A loopback address; 127.0.0.1 unless told. */
  readonly address?: string;
}

/** An OpenSSH server whose sftp subsystem holds restic repositories in a temporary folder. */
export interface SftpServer {
  readonly ssh: SshAccess;
  /** The folder repositories go in, on this machine and as the server sees it. */
  readonly dataDir: string;
  /** The repository `DATADIR/repo`: `sftp:root@ADDRESS:DATADIR/repo` with `-o sftp.command=ssh …`. */
  readonly restic: ResticRepository;
  /** Another repository in the folder, `DATADIR/NAME`. */
  repository(name: string): ResticRepository;
  stop(): Promise<void>;
}

/** Starts sshd in the foreground with fresh ed25519 host and user keys, on a free port. */
export function startSftpServer(options: SftpServerOptions = {}): Promise<SftpServer> {
  const address = options.address ?? '127.0.0.1';
  return withTeardown(async (teardown) => {
    const root = await teardown.folder('sftp');
    const dataDir = join(root, 'data');
    await mkdir(dataDir);
    const hostKey = await generateKeyPair(join(root, 'host_ed25519'), 'cellar-test-sftp-host');
    const userKey = await generateKeyPair(join(root, 'user_ed25519'), 'cellar-test-sftp-user');
    const authorizedKeysFile = join(root, 'authorized_keys');
    await writeFile(authorizedKeysFile, `${userKey.publicLine}\n`);
    const sshd = await startSshd({ name: `sshd (sftp) on ${address}`, address, hostKey, authorizedKeysFile });
    teardown.add(() => sshd.process.stop());
    const knownHostsFile = join(root, 'known_hosts');
    await writeFile(knownHostsFile, knownHostsLine(address, sshd.port, hostKey));
    const ssh = sshAccess('root', address, sshd.port, userKey.privateKey, knownHostsFile);
    // restic 0.14 wants user@host in the location even when sftp.command says how to connect.
    const repository = (name: string): ResticRepository => ({
      repository: `sftp:${ssh.destination}:${join(dataDir, name)}`,
      options: ['-o', `sftp.command=${ssh.sshCommand} ${ssh.destination} -s sftp`],
      env: {},
    });
    return { ssh, dataDir, restic: repository('repo'), repository, stop: () => teardown.run() };
  });
}
