import { CellarError } from '../../core/errors.js';
import { isNotFound, lastLine, toolMissing } from '../process/run-tool.js';
import type { ServerInfo } from './probe.js';

export interface ClientProgram {
  readonly program: string;
  readonly version: string;
  readonly variant: 'mariadb' | 'mysql';
}

const clientCandidates = {
  dump: { mariadb: ['mariadb-dump', 'mysqldump'], mysql: ['mysqldump', 'mariadb-dump'] },
  load: { mariadb: ['mariadb', 'mysql'], mysql: ['mysql', 'mariadb'] },
} as const;

const found = new Map<string, Promise<ClientProgram>>();

/** The dump or load client that best matches the server's flavour, with its version (looked up once per run). */
export function findClient(kind: 'dump' | 'load', server: ServerInfo): Promise<ClientProgram> {
  const key = `${kind}:${server.variant}`;
  let client = found.get(key);
  if (!client) {
    client = lookUpClient(kind, server);
    found.set(key, client);
    client.catch(() => found.delete(key));
  }
  return client;
}

async function lookUpClient(kind: 'dump' | 'load', server: ServerInfo): Promise<ClientProgram> {
  const { execa } = await import('execa');
  const candidates = clientCandidates[kind][server.variant];
  for (const program of candidates) {
    try {
      const { stdout } = await execa(program, ['--version'], { stdin: 'ignore' });
      return { program, version: stdout.trim(), variant: /mariadb/i.test(stdout) ? 'mariadb' : 'mysql' };
    } catch (error) {
      if (!isNotFound(error)) {
        const stderr = (error as { stderr?: unknown }).stderr;
        throw new CellarError('TOOL_FAILED', `${program} --version failed: ${lastLine(typeof stderr === 'string' ? stderr : '')}`, { cause: error });
      }
    }
  }
  throw toolMissing(candidates[0]);
}

/**
 * mysqldump flags for a consistent, complete, restorable dump; the extra ones depend on the
 * client and the server (MySQL 8 with GTIDs; a MySQL 8 client against an older or MariaDB server).
 */
export function dumpFlags(client: ClientProgram, server: ServerInfo, scope: 'database' | 'tables'): string[] {
  const flags = ['--single-transaction', '--quick', '--hex-blob', '--default-character-set=utf8mb4', '--no-tablespaces', '--skip-dump-date'];
  if (scope === 'database') flags.push('--routines', '--triggers', '--events');
  else flags.push('--skip-triggers');
  if (client.variant === 'mysql') {
    if (server.variant === 'mysql' && server.gtidMode) flags.push('--set-gtid-purged=OFF');
    if (/Ver 8\.|Distrib 8\./.test(client.version) && (server.variant === 'mariadb' || !server.version.startsWith('8'))) {
      flags.push('--column-statistics=0');
    }
  }
  return flags;
}
