import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Login } from './login.js';

/**
 * The login as a MySQL option file that the client reads on its fd 3: the way the password
 * reaches mysqldump and the mysql client without ever appearing in their argv.
 */
export interface DefaultsFile {
  /** The client's first argument. */
  readonly argument: string;
  /** The open file, to hand to the client as its fd 3 (see `clientFd3`). */
  readonly fd: number;
  dispose(): void;
}

/**
 * The open option file as the entry for fd 3 of an execa `stdio` array. execa's types accept only
 * the literals 3–9 for a descriptor the child inherits, but it passes any open one through.
 */
export function clientFd3(defaults: DefaultsFile): 3 {
  return defaults.fd as 3;
}

/** Linux's O_TMPFILE (with the O_DIRECTORY it includes), which Node does not export: a file that never has a name. */
const openUnnamed = 0o20000000 | constants.O_DIRECTORY | constants.O_RDWR;

/**
 * Writes the option file (0600) as a file without a name in TMPDIR: the client reopens it through
 * /dev/fd/3, so the password never has a path on disk, and a kill at any instant leaves nothing
 * behind. Where the file system cannot make unnamed files, it is written in a private folder and
 * removed as soon as it is open.
 */
export function openDefaultsFile(login: Login): DefaultsFile {
  const text = optionText(login);
  const fd = openUnnamedFile(text) ?? openRemovedFile(text);
  return {
    argument: '--defaults-extra-file=/dev/fd/3',
    fd,
    dispose: () => {
      closeSync(fd);
    },
  };
}

function openUnnamedFile(text: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(tmpdir(), openUnnamed, 0o600);
  } catch (error) {
    // Not Linux, an old kernel, or a file system without unnamed files.
    if (['EOPNOTSUPP', 'EISDIR', 'EINVAL', 'ENOENT'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
  writeSync(fd, text);
  return fd;
}

function openRemovedFile(text: string): number {
  const folder = mkdtempSync(join(tmpdir(), 'cellar-'));
  try {
    const path = join(folder, 'client.cnf');
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
    return openSync(path, 'r');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function optionText(login: Login): string {
  const lines = ['[client]', `user=${quote(login.user)}`];
  if (login.password !== undefined) lines.push(`password=${quote(login.password)}`);
  if (login.socket !== undefined) lines.push(`socket=${quote(login.socket)}`, 'protocol=SOCKET');
  else lines.push(`host=${quote(login.host)}`, `port=${login.port}`, 'protocol=TCP');
  return `${lines.join('\n')}\n`;
}

/** Option-file value quoting: double quotes, with backslash escapes for `\` and `"`. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/\n/g, '\\n')}"`;
}
