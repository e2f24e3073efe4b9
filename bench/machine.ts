import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import type { RowDataPacket } from 'mysql2/promise';
import { withAdmin } from '../demo/mariadb.js';
import { repoRoot } from '../demo/repo-paths.js';

/** What the numbers were measured on. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGib: number;
  readonly disk: string;
  readonly kernel: string;
  readonly node: string;
  readonly rsync: string;
  readonly mariadbClient: string;
  readonly server: string;
  /** The commit measured (`-dirty` when the work tree has changes), from git. */
  readonly commit: string;
}

/** Describes the machine, its disk under `folder`, and the tools' versions. */
export async function describeMachine(folder: string): Promise<Machine> {
  const cpuInfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return {
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGib: totalmem() / 1024 ** 3,
    disk: await describeDisk(folder),
    kernel: `Linux ${release()}`,
    node: process.version,
    rsync: firstLine(await output('rsync', ['--version'])),
    mariadbClient: firstLine(await output('mariadb-dump', ['--version'])),
    server: await withAdmin(async (admin) => {
      const [rows] = await admin.query<RowDataPacket[]>('SELECT VERSION() AS version');
      const version: unknown = rows[0]?.version;
      return typeof version === 'string' ? version : 'unknown';
    }),
    commit: (await output('git', ['-C', repoRoot(), 'describe', '--always', '--dirty'])).trim(),
  };
}

/** The 1-, 5- and 15-minute load averages, as `1.20 0.80 0.50`. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

async function describeDisk(folder: string): Promise<string> {
  const [source = '?', fstype = '?', size = '?'] = (await output('findmnt', ['-n', '-o', 'SOURCE,FSTYPE,SIZE', '-T', folder])).trim().split(/\s+/);
  const rotational = await readFile(`/sys/block/${basename(source)}/queue/rotational`, 'utf8').catch(() => '');
  const kind = rotational.trim() === '1' ? ', reported rotational' : rotational.trim() === '0' ? ', reported non-rotational' : '';
  return `${source} (${fstype}, ${size}${kind})`;
}

async function output(program: string, args: readonly string[]): Promise<string> {
  try {
    return (await promisify(execFile)(program, [...args])).stdout;
  } catch {
    return `${program}: unavailable`;
  }
}

function firstLine(text: string): string {
  return (text.trim().split('\n')[0] ?? '').replace(/\s+/g, ' ');
}
