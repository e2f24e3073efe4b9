import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { newPassword, resticRoundTrip } from './restic-round-trip.js';
import { startSftpServer } from './sftp-server.js';
import { generateKeyPair } from './ssh-keys.js';
import { Teardown } from './teardown.js';

let teardown: Teardown;

afterEach(async () => {
  await teardown.run();
});

describe('startSftpServer', () => {
  it('serves a restic repository over sftp: init, backup, snapshots --json, restore, check', async () => {
    teardown = new Teardown();
    const scratch = await teardown.folder('sftp-test');
    const server = await startSftpServer();
    teardown.add(() => server.stop());
    expect(server.restic.repository).toBe(`sftp:root@127.0.0.1:${join(server.dataDir, 'repo')}`);
    expect(server.restic.options[1]).toMatch(/^sftp\.command=ssh .* -p \d+ .* root@127\.0\.0\.1 -s sftp$/);
    await resticRoundTrip(server.restic, scratch, newPassword());
    await access(join(server.dataDir, 'repo', 'config'));
  });

  it('lets in only the generated user key, and only a client that knows the host key', async () => {
    teardown = new Teardown();
    const scratch = await teardown.folder('sftp-test');
    const server = await startSftpServer({ address: '127.0.0.2' });
    teardown.add(() => server.stop());
    const [ssh, ...options] = server.ssh.sshArgs;
    const hello = await execa(ssh!, [...options, server.ssh.destination, 'echo', 'hello'], { stdin: 'ignore' });
    expect(hello.stdout).toBe('hello');
    const unknownHost = options.map((word) => word.replace(/^UserKnownHostsFile=.*/, `UserKnownHostsFile=${join(scratch, 'none')}`));
    const refused = await execa(ssh!, [...unknownHost, server.ssh.destination, 'true'], { stdin: 'ignore', reject: false });
    expect(refused.exitCode).toBe(255);
    expect(refused.stderr).toMatch(/Host key verification failed/);
    const stranger = await generateKeyPair(join(scratch, 'stranger'), 'stranger');
    const otherKey = options.map((word) => (word === server.ssh.identityFile ? stranger.privateKey : word));
    const denied = await execa(ssh!, [...otherKey, server.ssh.destination, 'true'], { stdin: 'ignore', reject: false });
    expect(denied.exitCode).toBe(255);
    expect(denied.stderr).toMatch(/Permission denied \(publickey\)/);
  });
});
