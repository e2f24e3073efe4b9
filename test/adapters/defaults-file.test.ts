import { fstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDefaultsFile } from '../../src/adapters/mysql/defaults-file.js';

describe('the option file that carries the login to the MySQL clients', () => {
  let folder: string;
  let previous: string | undefined;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'cellar-defaults-test-'));
    previous = process.env.TMPDIR;
    process.env.TMPDIR = folder;
  });

  afterEach(() => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(folder, { recursive: true, force: true });
  });

  it('is 0600, never named on disk, and read by the client on its fd 3', () => {
    const defaults = openDefaultsFile({ host: '127.0.0.1', port: 3306, socket: undefined, user: 'cells', password: 'p"a\\ss\nword' });
    try {
      const stats = fstatSync(defaults.fd);
      expect(stats.mode & 0o777).toBe(0o600);
      expect(stats.nlink, 'unlinked as soon as it was opened').toBe(0);
      expect(readdirSync(folder)).toEqual([]);
      // Made without a name, straight in TMPDIR: no folder or file a kill could leave behind ever existed.
      expect(readlinkSync(`/proc/self/fd/${defaults.fd}`)).toMatch(new RegExp(`^${folder}/#\\d+ \\(deleted\\)$`));
      expect(defaults.argument).toBe('--defaults-extra-file=/dev/fd/3');
      expect(readFileSync(`/proc/self/fd/${defaults.fd}`, 'utf8')).toBe(
        '[client]\nuser="cells"\npassword="p\\"a\\\\ss\\nword"\nhost="127.0.0.1"\nport=3306\nprotocol=TCP\n',
      );
    } finally {
      defaults.dispose();
    }
  });
});
