import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, onFreePort } from './ports.js';
import { PortInUseError, ServerStartError, startServerProcess } from './process.js';

/** Whether a process runs: exists and is not a zombie (this machine's init may reap them late). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** `rclone serve restic` on PORT, the way the REST harness starts it. */
function rclone(port: number): ReturnType<typeof startServerProcess> {
  return startServerProcess({
    name: 'rclone serve restic',
    command: 'rclone',
    args: ['serve', 'restic', '--config', '/dev/null', '--addr', `127.0.0.1:${port}`, '/nonexistent-cellar-test'],
    ready: /Serving restic REST API on/,
    portInUse: /address already in use/,
  });
}

describe('startServerProcess', () => {
  let holder: Server;
  let takenPort: number;

  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const address = holder.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    takenPort = address.port;
  });

  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
  });

  it('fails with one error that names the server and carries what it printed', async () => {
    const start = startServerProcess({
      name: 'a broken server',
      command: 'sh',
      args: ['-c', 'echo "cannot read /etc/broken.conf" >&2; exit 3'],
      ready: /listening/,
      portInUse: /in use/,
    });
    await expect(start).rejects.toThrow(ServerStartError);
    await expect(start).rejects.toThrow(
      /^a broken server did not start: sh exited with code 3 before it answered\n--- its output ---\ncannot read \/etc\/broken.conf$/,
    );
  });

  it('tells a taken port apart, and onFreePort moves on to another port', async () => {
    await expect(rclone(takenPort)).rejects.toThrow(PortInUseError);
    const tried: number[] = [];
    const server = await onFreePort('127.0.0.1', (port) => {
      tried.push(port);
      return rclone(tried.length === 1 ? takenPort : port);
    });
    expect(tried).toHaveLength(2);
    expect(tried[1]).not.toBe(takenPort);
    await server.stop();
  });

  it('stop() ends the whole process group, also what the server started', async () => {
    const server = await startServerProcess({
      name: 'a forking server',
      command: 'sh',
      args: ['-c', 'sleep 300 & echo "child $!"; wait'],
      ready: /child \d+\n/,
      portInUse: /in use/,
    });
    const child = Number(/child (\d+)/.exec(server.output())![1]);
    expect(alive(child)).toBe(true);
    await server.stop();
    await expect.poll(() => alive(child), { timeout: 10_000 }).toBe(false);
    expect(alive(server.pid)).toBe(false);
  });

  it('freePort gives a port that can be bound at once', async () => {
    const port = await freePort('127.0.0.3');
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.3', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
