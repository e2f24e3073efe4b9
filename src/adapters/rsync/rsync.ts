import { CellarError } from '../../core/errors.js';
import { literalPattern } from '../../model/exclude.js';
import { encodeName } from '../fs/path-bytes.js';
import { isNotFound, lastLine, toolMissing } from '../process/run-tool.js';
import type { TreeTransfer, TransferOutcome, TransferProgress } from '../../model/ports.js';

/** rsync's own exit codes that cellar explains rather than passes on. */
const exitMeanings: Record<number, string> = {
  1: 'rsync was called wrongly',
  3: 'a folder could not be selected',
  10: 'a socket or pipe failed',
  11: 'a file could not be read or written',
  12: 'the data stream broke',
  20: 'rsync was interrupted',
  23: 'some files could not be copied',
  30: 'a timeout expired',
};

/** The argv for one copy: archive mode, hard links, sparse files, numeric owners. */
export function rsyncArgs(copy: TreeTransfer): string[] {
  const args = ['-aHS', '--numeric-ids'];
  if (copy.onProgress) args.push('--info=progress2');
  if (copy.delete) args.push('--delete');
  // Read from stdin, NUL-separated: any name, however many.
  if (copy.leaveOut && copy.leaveOut.length > 0) args.push('--from0', '--exclude-from=-');
  if (copy.linkDest !== undefined) args.push(`--link-dest=${copy.linkDest}`);
  if (copy.only) {
    for (const name of copy.only) args.push(`--include=/${name}`);
    args.push('--exclude=*');
  } else {
    for (const pattern of copy.exclude) args.push(`--exclude=${pattern}`);
  }
  args.push(`${copy.source}/`, `${copy.destination}/`);
  return args;
}

/** Copies one tree with rsync; fails with a message naming the cause (disk full, unreadable files). */
export async function rsyncCopy(copy: TreeTransfer): Promise<TransferOutcome> {
  const { execa } = await import('execa');
  const leaveOut = copy.leaveOut ?? [];
  const input =
    leaveOut.length > 0
      ? { input: Buffer.concat(leaveOut.flatMap((path) => [encodeName(`/${literalPattern(path)}`), Buffer.from([0])])) }
      : { stdin: 'ignore' as const };
  const subprocess = execa('rsync', rsyncArgs(copy), { reject: false, ...input, buffer: { stdout: false, stderr: true }, stripFinalNewline: true });
  const onProgress = copy.onProgress;
  if (onProgress) subprocess.stdout.on('data', progressParser(onProgress));
  else subprocess.stdout.resume();
  const result = await subprocess;
  if (result.failed && isNotFound(result.cause)) throw toolMissing('rsync', result.cause);
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  const code = result.exitCode ?? -1;
  if (code === 0) return { vanished: [] };
  if (code === 24) return { vanished: vanishedFiles(stderr, copy.source) };
  throw rsyncError(copy, code, stderr, result.signal);
}

/**
 * Reads rsync's `--info=progress2` lines, `  1,234,567  45%  12.34MB/s  0:00:01 (xfr#12, to-chk=34/100)`,
 * separated by carriage returns. The byte count is what rsync transferred (hard links to the
 * `--link-dest` folder count nothing); `xfr#` comes only on the line that ends a file.
 */
export function progressParser(onProgress: (copied: TransferProgress) => void): (chunk: Buffer) => void {
  let files = 0;
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split(/[\r\n]/);
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^\s*([\d,.]+)\s+\d+%(?:.*\(xfr#(\d+))?/.exec(line);
      if (match?.[1] === undefined) continue;
      if (match[2] !== undefined) files = Number(match[2]);
      onProgress({ bytes: Number(match[1].replace(/[,.]/g, '')), files });
    }
  };
}

/** The vanished files rsync names, relative to the source (it names them by their full path). */
function vanishedFiles(stderr: string, source: string): string[] {
  const prefix = `${source}/`;
  return [...stderr.matchAll(/^file has vanished: "(.*)"$/gm)].map((match) => {
    const path = match[1] ?? '';
    return path.startsWith(prefix) ? path.slice(prefix.length) : path;
  });
}

function rsyncError(copy: TreeTransfer, code: number, stderr: string, signal: string | undefined): CellarError {
  if (/No space left on device/i.test(stderr)) {
    return new CellarError('NO_SPACE', `the disk holding ${copy.destination} is full; free space or prune snapshots, then apply again`);
  }
  if (/Read-only file system/i.test(stderr)) {
    return new CellarError('FILESYSTEM', `${copy.destination} is on a read-only file system; remount it read-write or choose another folder`);
  }
  const denied = [...stderr.matchAll(/^rsync: .*?"(.+?)".*Permission denied \(13\)$/gm)].map((match) => match[1] ?? '');
  if (denied.length > 0) {
    const more = denied.length > 1 ? ` and ${denied.length - 1} more` : '';
    return new CellarError('FILESYSTEM', `cannot read ${denied[0] ?? ''}${more} (permission denied); give the backup user read access or exclude it`, {
      details: denied.slice(1, 10),
    });
  }
  const meaning = signal ? `rsync was killed by ${signal}` : (exitMeanings[code] ?? `rsync exited with ${code}`);
  return new CellarError('TOOL_FAILED', `copying ${copy.source} failed: ${meaning}: ${lastLine(stderr)}`);
}
