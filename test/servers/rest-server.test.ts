import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRestServer, type RestServer } from './rest-server.js';
import { resticFreeEnv } from './restic.js';
import { listSnapshots, newPassword, resticRoundTrip } from './restic-round-trip.js';
import { Teardown } from './teardown.js';

let teardown: Teardown;

afterEach(async () => {
  await teardown.run();
});

async function started(options: { appendOnly?: boolean } = {}): Promise<{ server: RestServer; scratch: string }> {
  teardown = new Teardown();
  const scratch = await teardown.folder('rest-test');
  const server = await startRestServer(options);
  teardown.add(() => server.stop());
  return { server, scratch };
}

/**
 * Runs `restic forget ID` until the server's first refusal, then stops it: restic 0.14 retries a
 * refused removal for about 45 s before it gives up, and has no option to retry less.
 */
function firstRefusalOfForget(server: RestServer, id: string, password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('restic', ['--no-cache', '-r', server.restic.repository, 'forget', id], {
      env: { ...resticFreeEnv(), RESTIC_PASSWORD: password },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (/\b403\b/.test(stderr)) child.kill('SIGINT');
    });
    child.once('error', reject);
    child.once('close', () => {
      resolve(stderr);
    });
  });
}

describe('startRestServer', () => {
  it('serves a restic repository: init, backup, snapshots --json, restore, check', async () => {
    const { server, scratch } = await started();
    expect(server.restic.repository).toBe(`rest:http://127.0.0.1:${server.port}/`);
    await resticRoundTrip(server.restic, scratch, newPassword());
    await access(join(server.dataDir, 'config'));
  });

  it('with appendOnly, backs up and restores, and refuses to forget a snapshot', async () => {
    const { server, scratch } = await started({ appendOnly: true });
    const password = newPassword();
    const snapshot = await resticRoundTrip(server.restic, scratch, password);
    const stderr = await firstRefusalOfForget(server, snapshot.id, password);
    expect(stderr).toMatch(/403 Forbidden/);
    expect((await listSnapshots(server.restic, password)).map((each) => each.id)).toEqual([snapshot.id]);
  });

  it('stops: the port no longer answers and the folder is gone', async () => {
    const { server } = await started();
    await server.stop();
    await expect(fetch(server.url)).rejects.toThrow();
    await expect(access(server.dataDir)).rejects.toThrow();
  });
});
