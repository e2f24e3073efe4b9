import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnThreads, threadsFor } from '../../src/adapters/process/thread-pool.js';
import { CellarError } from '../../src/core/errors.js';

// The worker runs the built module, as it does for an installed cellar (`npm test` builds first).
const builtPool = pathToFileURL(join(import.meta.dirname, '../../dist/src/adapters/process/thread-pool.js')).href;

const workerSource = `
import { serveTasks } from ${JSON.stringify(builtPool)};
import { CellarError } from ${JSON.stringify(builtPool.replace('adapters/process/thread-pool.js', 'core/errors.js'))};
import { threadId } from 'node:worker_threads';
serveTasks((input) => {
  if (input.fail === 'cellar') throw new CellarError('FILESYSTEM', 'cannot read /srv/x: permission denied', { details: ['one', 'two'] });
  if (input.fail === 'errno') throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  if (input.fail === 'exit') process.exit(3);
  return { square: input.n * input.n, thread: threadId };
});
`;

interface Input {
  readonly n: number;
  readonly fail?: 'cellar' | 'errno' | 'exit';
}

describe('runOnThreads', () => {
  let folder: string;
  let script: URL;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cellar-threads-'));
    const path = join(folder, 'worker.mjs');
    await writeFile(path, workerSource);
    script = pathToFileURL(path);
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const tasks = (inputs: readonly Input[]) => inputs.map((input, index) => ({ input, weight: index }));

  it('returns every output in task order, whatever order the threads took them in', async () => {
    const inputs = Array.from({ length: 9 }, (_, n) => ({ n }));
    const outputs = await runOnThreads<Input, { square: number; thread: number }>(script, tasks(inputs), 2);
    expect(outputs.map((output) => output.square)).toEqual(inputs.map(({ n }) => n * n));
    const threads = new Set(outputs.map((output) => output.thread));
    expect(
      [...threads].every((thread) => thread !== threadId),
      'every task ran on a worker thread',
    ).toBe(true);
    expect(threads.size, 'no more threads than the pool has').toBeLessThanOrEqual(2);
  });

  it('gives back a CellarError thrown on a thread as the same CellarError', async () => {
    const failing = runOnThreads(script, tasks([{ n: 1 }, { n: 2, fail: 'cellar' }, { n: 3 }]), 2);
    await expect(failing).rejects.toBeInstanceOf(CellarError);
    await expect(failing).rejects.toMatchObject({ code: 'FILESYSTEM', message: 'cannot read /srv/x: permission denied', details: ['one', 'two'] });
  });

  it('keeps the errno code of a system error, which decides the one-line message', async () => {
    await expect(runOnThreads(script, tasks([{ n: 1, fail: 'errno' }]), 1)).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('fails, rather than waiting forever, when a thread stops in the middle of a task', async () => {
    await expect(runOnThreads(script, tasks([{ n: 1 }, { n: 2, fail: 'exit' }]), 2)).rejects.toThrow(/worker thread stopped/);
  });
});

describe('threadsFor', () => {
  const heavy = [
    { input: 1, weight: 30_000 },
    { input: 2, weight: 30_000 },
  ];

  it('stays in-process for light work and for a script that is not built', () => {
    expect(
      threadsFor(
        pathToFileURL(import.meta.filename),
        [
          { input: 1, weight: 10 },
          { input: 2, weight: 10 },
        ],
        1000,
      ),
    ).toBe(0);
    expect(threadsFor(new URL('file:///nonexistent/worker.js'), heavy, 1000)).toBe(0);
  });

  it('starts one thread per task, up to the cores there are', () => {
    const built = pathToFileURL(import.meta.filename);
    expect(threadsFor(built, heavy, 1000)).toBe(Math.min(2, availableParallelism()));
    const many = Array.from({ length: 64 }, (_, input) => ({ input, weight: 1000 }));
    expect(threadsFor(built, many, 1000)).toBe(availableParallelism() < 2 ? 0 : Math.min(64, availableParallelism()));
  });
});
