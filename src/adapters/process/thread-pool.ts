import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { CellarError, isCellarError, type ErrorCode } from '../../core/errors.js';

/*
 * Synchronous, CPU- and syscall-bound work (walking a tree with lstat, hashing) spread over worker
 * threads, one task per thread at a time. Tasks and results are plain data; an error crosses back
 * as its code, message and details, so a CellarError stays one and a system error keeps its errno.
 */

/** One unit of work: its input, and a weight (expected entries) so that the heaviest start first. */
export interface ThreadTask<Input> {
  readonly input: Input;
  readonly weight: number;
}

type WireError =
  | { readonly cellar: ErrorCode; readonly message: string; readonly details: readonly string[] }
  | { readonly cellar: undefined; readonly message: string; readonly errno: string | undefined };

type Reply<Output> = { readonly output: Output } | { readonly error: WireError };

/**
 * Below this weight in all (entries of the file lists involved), work stays in-process: starting a
 * thread and loading its modules costs more than it saves (docs/benchmarks.md).
 */
const threadedFromWeight = 20_000;

/** How many threads a pool of `tasks` would use: none (run in-process) when threads would not pay off. */
export function threadsFor(script: URL, tasks: readonly ThreadTask<unknown>[], minimumWeight = threadedFromWeight): number {
  const weight = tasks.reduce((sum, task) => sum + task.weight, 0);
  const threads = Math.min(availableParallelism(), tasks.length);
  // The worker runs compiled JavaScript: from the TypeScript sources (tests) the work stays in-process.
  if (threads < 2 || weight < minimumWeight || !existsSync(fileURLToPath(script))) return 0;
  return threads;
}

/** Worker threads that take tasks as they come; `close` stops them once nothing is left to do. */
export interface ThreadPool<Input, Output> {
  run(input: Input): Promise<Output>;
  close(): Promise<void>;
}

/** Starts `threads` workers from `script` (a module that calls `serveTasks`). */
export function startThreadPool<Input, Output>(script: URL, threads: number): ThreadPool<Input, Output> {
  interface Job {
    readonly input: Input;
    readonly resolve: (output: Output) => void;
    readonly reject: (error: Error) => void;
  }
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  let broken: Error | undefined;

  const dispatch = (): void => {
    for (let worker = idle.pop(); worker; worker = idle.pop()) {
      const job = queue.shift();
      if (!job) {
        idle.push(worker);
        return;
      }
      busy.set(worker, job);
      worker.postMessage({ input: job.input });
    }
  };
  const fail = (worker: Worker, error: Error): void => {
    broken ??= error;
    busy.get(worker)?.reject(error);
    busy.delete(worker);
    for (const job of queue.splice(0)) job.reject(error);
  };

  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(script);
    worker.on('message', (reply: Reply<Output>) => {
      const job = busy.get(worker);
      busy.delete(worker);
      if ('error' in reply) job?.reject(fromWire(reply.error));
      else job?.resolve(reply.output);
      idle.push(worker);
      dispatch();
    });
    worker.on('error', (error) => {
      fail(worker, error);
    });
    worker.on('exit', () => {
      fail(worker, new Error('a worker thread stopped before finishing its task'));
    });
    idle.push(worker);
    return worker;
  });

  return {
    run: (input) =>
      new Promise<Output>((resolve, reject) => {
        if (broken) {
          reject(broken);
          return;
        }
        queue.push({ input, resolve, reject });
        dispatch();
      }),
    close: async () => {
      for (const worker of workers) worker.removeAllListeners();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * Runs every task on `threads` workers started from `script`, heaviest first, and returns the
 * outputs in task order; the first failure rejects, once the threads are stopped.
 */
export async function runOnThreads<Input, Output>(script: URL, tasks: readonly ThreadTask<Input>[], threads: number): Promise<Output[]> {
  const pool = startThreadPool<Input, Output>(script, threads);
  const heaviestFirst = tasks.map((task, index) => ({ task, index })).sort((a, b) => b.task.weight - a.task.weight);
  const outputs = new Array<Output>(tasks.length);
  try {
    await Promise.all(
      heaviestFirst.map(async ({ task, index }) => {
        outputs[index] = await pool.run(task.input);
      }),
    );
  } finally {
    await pool.close();
  }
  return outputs;
}

/** The worker side: answers each task message with `handle`'s output or its error (the input is what this module's pool sent). */
export function serveTasks(handle: (input: never) => unknown): void {
  if (isMainThread || !parentPort) throw new Error('serveTasks runs inside a worker thread');
  const port = parentPort;
  port.on('message', ({ input }: { readonly input: unknown }) => {
    let reply: Reply<unknown>;
    try {
      reply = { output: handle(input as never) };
    } catch (error) {
      reply = { error: toWire(error) };
    }
    port.postMessage(reply);
  });
}

function toWire(error: unknown): WireError {
  if (isCellarError(error)) return { cellar: error.code, message: error.message, details: error.details };
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  return { cellar: undefined, message: error instanceof Error ? error.message : String(error), errno: typeof errno === 'string' ? errno : undefined };
}

function fromWire(wire: WireError): Error {
  if (wire.cellar !== undefined) return new CellarError(wire.cellar, wire.message, { details: wire.details });
  return Object.assign(new Error(wire.message), wire.errno === undefined ? {} : { code: wire.errno });
}
