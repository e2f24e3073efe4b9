import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** A process that has a folder open: its working directory, or an open file, lies inside. */
export interface FolderUser {
  readonly pid: number;
  readonly command: string;
}

/**
 * The processes (other than this one) using anything inside `folder`, found through /proc: a live
 * Cells keeps its Bolt stores open, so this tells whether a working dir is in use. Processes this
 * user may not inspect are not seen (run as root or as the Cells user to see them all).
 */
export function findFolderUsers(folder: string): FolderUser[] {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  const inside = (path: string): boolean => path === folder || path.startsWith(prefix);
  const users: FolderUser[] = [];
  for (const name of safeList('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const links = [safeLink(`/proc/${pid}/cwd`), ...safeList(`/proc/${pid}/fd`).map((fd) => safeLink(`/proc/${pid}/fd/${fd}`))];
    if (links.some((link) => link !== undefined && inside(link))) users.push({ pid, command: commandOf(pid) });
  }
  return users;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '?';
  } catch {
    return '?';
  }
}

function safeList(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function safeLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}
