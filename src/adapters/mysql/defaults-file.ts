import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Writes the option file (0600, in a private folder) and removes it again as soon as it is open:
 * the client reads it through the open descriptor, so the password is on disk for an instant
 * only, and nothing holding it is left behind when cellar is killed.
 */
export function openDefaultsFile(login: Login): DefaultsFile {
  const folder = mkdtempSync(join(tmpdir(), 'cellar-'));
  let fd: number;
  try {
    const path = join(folder, 'client.cnf');
    writeFileSync(path, optionText(login), { mode: 0o600, flag: 'wx' });
    fd = openSync(path, 'r');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return {
    argument: '--defaults-extra-file=/dev/fd/3',
    fd,
    dispose: () => { closeSync(fd); },
  };
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
