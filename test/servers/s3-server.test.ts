import { connect } from 'node:tls';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { newPassword, resticRoundTrip } from './restic-round-trip.js';
import { runRestic } from './restic.js';
import { startS3Server } from './s3-server.js';
import { Teardown } from './teardown.js';

let teardown: Teardown;

afterEach(async () => {
  await teardown.run();
});

/** Whether a TLS client that trusts only `ca` accepts the server's certificate for 127.0.0.1. */
function verifiesWith(port: number, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername: '' }, () => {
      socket.end();
      resolve(socket.authorized);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

describe('startS3Server', () => {
  it('serves a restic repository over https: init, backup, snapshots --json, restore, check --read-data', async () => {
    teardown = new Teardown();
    const scratch = await teardown.folder('s3-test');
    const server = await startS3Server({ bucket: 'snapshots' });
    teardown.add(() => server.stop());
    expect(server.restic.repository).toBe(`s3:https://127.0.0.1:${server.port}/snapshots`);
    expect(await verifiesWith(server.port, await readFile(server.cacert, 'utf8'))).toBe(true);
    await resticRoundTrip(server.restic, scratch, newPassword());
  });

  it('is refused by restic without the certificate', async () => {
    teardown = new Teardown();
    const server = await startS3Server();
    teardown.add(() => server.stop());
    const untrusted = { ...server.restic, options: [] };
    const result = await runRestic(untrusted, ['init'], { password: newPassword() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/certificate signed by unknown authority/);
  });
});
