import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Login } from './login.js';

/**
 * A MySQL option file holding the login, in a private folder, mode 0600: the way the password
 * reaches mysqldump and the mysql client without ever appearing in their argv.
 */
export interface DefaultsFile {
  readonly argument: string;
  dispose(): void;
}

export function writeDefaultsFile(login: Login): DefaultsFile {
  const folder = mkdtempSync(join(tmpdir(), 'cellar-'));
  const path = join(folder, 'client.cnf');
  const lines = ['[client]', `user=${quote(login.user)}`];
  if (login.password !== undefined) lines.push(`password=${quote(login.password)}`);
  if (login.socket !== undefined) lines.push(`socket=${quote(login.socket)}`, 'protocol=SOCKET');
  else lines.push(`host=${quote(login.host)}`, `port=${login.port}`, 'protocol=TCP');
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  return {
    argument: `--defaults-extra-file=${path}`,
    dispose: () => { rmSync(folder, { recursive: true, force: true }); },
  };
}

/** Option-file value quoting: double quotes, with backslash escapes for `\` and `"`. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/\n/g, '\\n')}"`;
}
