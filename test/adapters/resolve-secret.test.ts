import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSecretSource, resolveSecret } from '../../src/adapters/secrets/resolve-secret.js';

const scratch = mkdtempSync(join(tmpdir(), 'cellar-secret-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A file holding `text` with `mode`. */
function secretFile(name: string, text: string, mode: number): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

const command = (argv: string[], timeoutSeconds = 30): { command: string[]; timeoutSeconds: number } => ({ command: argv, timeoutSeconds });
const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the secret to be refused');
};

describe('resolveSecret', () => {
  it('reads an environment variable, and names it when it is not set', () => {
    expect(resolveSecret({ env: 'DB_PASS' }, { DB_PASS: 'from-env' }, 'database.password')).toBe('from-env');
    expect(failure(() => resolveSecret({ env: 'DB_PASS' }, {}, 'database.password'))).toBe(
      'database.password comes from the environment variable DB_PASS, which is not set; export it before running cellar',
    );
  });

  it('reads a private file without its trailing newline (0600 or 0400)', () => {
    expect(resolveSecret({ file: secretFile('rw', 'from-file\n', 0o600) }, {}, 'database.password')).toBe('from-file');
    expect(resolveSecret({ file: secretFile('ro', 'read-only', 0o400) }, {}, 'database.password')).toBe('read-only');
  });

  it('refuses a file others may read, and one another user owns', () => {
    const open = secretFile('open', 'x', 0o644);
    expect(failure(() => resolveSecret({ file: open }, {}, 'signing.key'))).toBe(
      `signing.key comes from ${open}, whose mode 0644 lets others read or run it; chmod 600 ${open}`,
    );
    const theirs = secretFile('theirs', 'x', 0o600);
    chownSync(theirs, 65534, 65534);
    expect(failure(() => resolveSecret({ file: theirs }, {}, 'signing.key'))).toBe(
      `signing.key comes from ${theirs}, which is owned by uid 65534, not by the user running cellar (uid ${process.getuid!()}); chown it`,
    );
    expect(failure(() => resolveSecret({ file: join(scratch, 'none') }, {}, 'signing.key'))).toMatch(
      /^signing\.key comes from .*\/none, which cannot be read \(.*\); create it or fix its permissions$/,
    );
  });

  it("takes a command's output, trimmed, and runs it without a shell", () => {
    expect(resolveSecret(command(['printf', '  s3cret\\n\\n']), {}, 'database.password')).toBe('s3cret');
    expect(resolveSecret(command(['echo', '$HOME;', 'ls']), {}, 'database.password')).toBe('$HOME; ls');
  });

  it("shows a failed command's stderr without the secret, and its exit code", () => {
    const argv = ['sh', '-c', 'echo hunter2; echo "vault sealed, last value hunter2" >&2; exit 3'];
    expect(failure(() => resolveSecret(command(argv), {}, 'database.password'))).toBe(
      `database.password comes from the command ${argv.join(' ')}, which exited with code 3: vault sealed, last value ***; run it by hand to see why`,
    );
    expect(failure(() => resolveSecret(command(['true']), {}, 'database.password'))).toBe(
      'database.password comes from the command true, which printed nothing; it must print the secret',
    );
    expect(failure(() => resolveSecret(command([join(scratch, 'no-such-tool')]), {}, 'database.password'))).toMatch(/which cannot run \(.*\); check the path$/);
  });

  it('stops a command that does not answer within its timeout', () => {
    expect(failure(() => resolveSecret(command(['sleep', '30'], 1), {}, 'database.password'))).toBe(
      'database.password comes from the command sleep 30, which did not finish within 1 s; make it answer without a prompt',
    );
  });

  it('asks a command once per run', () => {
    const counter = join(scratch, 'asked');
    const argv = ['sh', '-c', `echo x >> ${counter}; echo once`];
    expect(resolveSecret(command(argv), {}, 'database.password')).toBe('once');
    expect(resolveSecret(command(argv), {}, 'restore.database.admin.password')).toBe('once');
    expect(readFileSync(counter, 'utf8')).toBe('x\n');
  });

  it('reads a systemd credential from $CREDENTIALS_DIRECTORY, and says how to load one', () => {
    const folder = mkdtempSync(join(scratch, 'credentials-'));
    writeFileSync(join(folder, 'db-password'), 'from-systemd\n', { mode: 0o400 });
    expect(resolveSecret({ credential: 'db-password' }, { CREDENTIALS_DIRECTORY: folder }, 'database.password')).toBe('from-systemd');
    expect(failure(() => resolveSecret({ credential: 'db-password' }, {}, 'database.password'))).toBe(
      'database.password comes from the systemd credential db-password, but CREDENTIALS_DIRECTORY is not set; run cellar from a unit with LoadCredential=db-password:/path/to/file',
    );
    expect(failure(() => resolveSecret({ credential: 'other' }, { CREDENTIALS_DIRECTORY: folder }, 'database.password'))).toMatch(
      /^database\.password comes from the systemd credential other, which cannot be read \(.*\); add LoadCredential=other:\/path\/to\/file to the unit$/,
    );
  });

  it('describes each source without its value', () => {
    expect(
      [{ env: 'A' }, { file: '/etc/cellar/db.pass' }, command(['pass', 'show', 'cells/db']), { credential: 'db-password' }].map(describeSecretSource),
    ).toEqual(['the environment variable A', 'the file /etc/cellar/db.pass', 'the command pass show cells/db', 'the systemd credential db-password']);
  });
});
