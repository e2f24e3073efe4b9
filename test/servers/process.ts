import { spawn } from 'node:child_process';

/** A server could not be started: says which, why, and what it printed. */
export class ServerStartError extends Error {
  override readonly name: string = 'ServerStartError';

  constructor(
    readonly server: string,
    readonly reason: string,
    readonly output: string,
  ) {
    super(`${server} did not start: ${reason}${output.trim() === '' ? ' (it printed nothing)' : `\n--- its output ---\n${output.trimEnd()}`}`);
  }
}

/** The server could not bind its port because another process holds it: retry on another port. */
export class PortInUseError extends ServerStartError {
  override readonly name: string = 'PortInUseError';
}

/** A running server process, the leader of its own process group. */
export interface ServerProcess {
  readonly pid: number;
  /** The last 64 KiB of what it printed on stdout and stderr. */
  output(): string;
  /** Kills its process group (SIGTERM, then SIGKILL) and waits until it has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Names the server in errors. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Matches what the server prints once it answers. */
  readonly ready: RegExp;
  /** Matches what the server prints when its port is taken. */
  readonly portInUse: RegExp;
  /** How long to wait for `ready`, in ms. */
  readonly within?: number;
  /** What stop() sends first; SIGKILL follows after 5 s. SIGTERM unless told. */
  readonly stopSignal?: NodeJS.Signals;
}

const outputLimit = 64 * 1024;
const running = new Set<number>();

// A test process that dies without running its teardown still takes its servers down.
process.once('exit', () => {
  for (const pid of running) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group has already gone.
  }
}

/** Starts a server in its own process group and resolves once its output matches `ready`. */
export function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    killGroup(child.pid, options.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => {
      killGroup(child.pid!, 'SIGKILL');
    }, 5_000);
    await gone;
    clearTimeout(timer);
    // Children that outlive the leader (an sshd's connections) share its group.
    killGroup(child.pid, 'SIGKILL');
    running.delete(child.pid);
  };
  return new Promise<ServerProcess>((resolve, reject) => {
    const fail = (error: ServerStartError): void => {
      clearTimeout(deadline);
      void stop().then(() => {
        reject(error);
      });
    };
    const deadline = setTimeout(() => {
      fail(new ServerStartError(options.name, `it printed nothing matching ${String(options.ready)} within ${options.within ?? 15_000} ms`, output));
    }, options.within ?? 15_000);
    const onOutput = (chunk: string): void => {
      output = (output + chunk).slice(-outputLimit);
      if (options.ready.test(output) && child.pid !== undefined) {
        clearTimeout(deadline);
        child.stdout.off('data', onOutput);
        child.stderr.off('data', onOutput);
        // Keep reading so that a chatty server never blocks on a full pipe.
        const keep = (more: string): void => {
          output = (output + more).slice(-outputLimit);
        };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        resolve({ pid: child.pid, output: () => output, stop });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onOutput);
    child.stderr.setEncoding('utf8').on('data', onOutput);
    child.once('error', (error) => {
      fail(new ServerStartError(options.name, `${options.command} could not be run: ${error.message}`, output));
    });
    if (child.pid !== undefined) running.add(child.pid);
    child.once('close', (code, signal) => {
      if (options.ready.test(output)) return;
      const reason = `${options.command} exited with ${signal ?? `code ${String(code)}`} before it answered`;
      fail(options.portInUse.test(output) ? new PortInUseError(options.name, reason, output) : new ServerStartError(options.name, reason, output));
    });
  });
}
