import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { CellarError } from '../../core/errors.js';
import { describeSystemError, hasErrorCode } from '../fs/errno.js';
import { isNotFound, lastLine, toolMissing } from '../process/run-tool.js';
import { dumpFlags, findClient, type ClientProgram } from './clients.js';
import { clientFd3, openDefaultsFile, type DefaultsFile } from './defaults-file.js';
import type { Login } from './login.js';
import type { ServerInfo } from './probe.js';

export interface DumpRequest {
  readonly login: Login;
  readonly server: ServerInfo;
  readonly database: string;
  /** Only these tables (an index dump); the whole database with routines, triggers and events otherwise. */
  readonly tables?: readonly string[] | undefined;
  readonly output: string;
  readonly onProgress?: ((bytes: number) => void) | undefined;
}

export interface DumpResult {
  readonly sha256: string;
  readonly size: number;
  readonly client: { readonly program: string; readonly version: string; readonly flags: readonly string[] };
}

/** Counts what flows through and reports progress; hashes it too when the digest is wanted. */
class Meter extends Transform {
  readonly hash: Hash | undefined;
  bytes = 0;
  constructor(options: { readonly hashed: boolean; readonly onBytes?: ((bytes: number) => void) | undefined }) {
    super({ highWaterMark: streamChunk });
    this.hash = options.hashed ? createHash('sha256') : undefined;
    this.onBytes = options.onBytes;
  }
  private readonly onBytes: ((bytes: number) => void) | undefined;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash?.update(chunk);
    this.bytes += chunk.length;
    this.onBytes?.(this.bytes);
    callback(null, chunk);
  }
}

/** Bigger chunks than Node's 16 KiB default: fewer callbacks per megabyte of dump. */
const streamChunk = 1 << 20;

/**
 * gzip's fastest level: a dump streams through one compressor, which bounds the whole step, and
 * level 1 keeps pace with mysqldump where the default level 6 does not (docs/benchmarks.md).
 */
const compression = { level: 1, chunkSize: streamChunk } as const;

/**
 * Writes into an open file without ever closing it: the caller owns `fd` (fs.WriteStream closes
 * its fd when a failing pipeline destroys it, even with autoClose off).
 */
function fileSink(fd: number): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        for (let written = 0; written < chunk.length;) written += writeSync(fd, chunk, written);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/**
 * Streams mysqldump through gzip into `output` (created 0600, never overwritten), then fsyncs it.
 * The password reaches the client in an option file on its fd 3, never in argv. On failure the partial
 * file is removed.
 */
export async function dumpDatabase(request: DumpRequest): Promise<DumpResult> {
  const client = await findClient('dump', request.server);
  const scope = request.tables ? 'tables' : 'database';
  const flags = dumpFlags(client, request.server, scope);
  const defaults = openDefaultsFile(request.login);
  let fd: number | undefined;
  try {
    fd = openSync(request.output, 'wx', 0o600);
    const args = [defaults.argument, ...flags, '--', request.database, ...(request.tables ?? [])];
    const { sha256, size, stderr, exitCode } = await runDump(client, args, defaults, fd, request.onProgress);
    if (exitCode !== 0) throw dumpError(client, request.database, exitCode, stderr);
    fsyncSync(fd);
    return { sha256, size, client: { program: client.program, version: client.version, flags } };
  } catch (error) {
    if (fd !== undefined) rmSync(request.output, { force: true });
    if (hasErrorCode(error, 'ENOSPC')) {
      throw new CellarError('NO_SPACE', `the disk holding ${request.output} is full; free space or prune snapshots, then apply again`, { cause: error });
    }
    throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
    defaults.dispose();
  }
}

async function runDump(client: ClientProgram, args: string[], defaults: DefaultsFile, fd: number, onProgress: DumpRequest['onProgress']) {
  const { execa } = await import('execa');
  const subprocess = execa(client.program, args, {
    stdio: ['ignore', 'pipe', 'pipe', clientFd3(defaults)],
    buffer: { stdout: false, stderr: true },
    reject: false,
  });
  const raw = new Meter({ hashed: false, onBytes: onProgress });
  const compressed = new Meter({ hashed: true });
  try {
    await pipeline(subprocess.stdout, raw, createGzip(compression), compressed, fileSink(fd));
  } catch (error) {
    subprocess.kill();
    await subprocess;
    throw error;
  }
  const result = await subprocess;
  if (result.failed && isNotFound(result.cause)) throw toolMissing(client.program, result.cause);
  return {
    sha256: compressed.hash?.digest('hex') ?? '',
    size: compressed.bytes,
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    exitCode: result.exitCode ?? -1,
  };
}

function dumpError(client: ClientProgram, database: string, exitCode: number, stderr: string): CellarError {
  return new CellarError('DATABASE_FAILED', `${client.program} of ${database} failed (exit ${exitCode}): ${lastLine(stderr)}`);
}

export interface LoadRequest {
  readonly login: Login;
  readonly server: ServerInfo;
  readonly database: string;
  readonly dump: string;
  /** Bytes of the (compressed) dump read so far, and its size. */
  readonly onProgress?: ((read: number, size: number) => void) | undefined;
}

/** Feeds a gzip dump to the mysql client, into `database`; the password never reaches argv. */
export async function loadDump(request: LoadRequest): Promise<void> {
  const client = await findClient('load', request.server);
  const defaults = openDefaultsFile(request.login);
  const { execa } = await import('execa');
  try {
    const args = [defaults.argument, '--default-character-set=utf8mb4', '--binary-mode', '--', request.database];
    const subprocess = execa(client.program, args, { stdio: ['pipe', 'ignore', 'pipe', clientFd3(defaults)], buffer: { stderr: true }, reject: false });
    const { onProgress } = request;
    const size = statSync(request.dump, { throwIfNoEntry: false })?.size ?? 0;
    const meter = new Meter({
      hashed: false,
      onBytes:
        onProgress &&
        ((read) => {
          onProgress(read, size);
        }),
    });
    const feeding = pipeline(
      createReadStream(request.dump, { highWaterMark: streamChunk }),
      meter,
      createGunzip({ chunkSize: streamChunk }),
      subprocess.stdin,
    ).catch((error: unknown) => error);
    const [fed, result] = await Promise.all([feeding, subprocess]);
    if (result.failed && isNotFound(result.cause)) throw toolMissing(client.program, result.cause);
    if (result.exitCode !== 0) {
      const stderr = typeof result.stderr === 'string' ? result.stderr : '';
      throw new CellarError('DATABASE_FAILED', `loading the dump into ${request.database} failed (exit ${String(result.exitCode)}): ${lastLine(stderr)}`);
    }
    if (fed instanceof Error) {
      throw new CellarError('DATABASE_FAILED', `reading the dump ${request.dump} failed: ${describeSystemError(fed)}`, { cause: fed });
    }
  } finally {
    defaults.dispose();
  }
}
