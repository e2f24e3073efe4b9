import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCellar } from '../helpers/cli.js';
import { backedUpInstall, snapshotIds, type BackedUpInstall } from '../verify/backed-up-install.js';

let scratch: string;
let backed: BackedUpInstall;
let credentials: string;
let secretPlan: string;
const passwordLine = '  password: { env: CELLS_DB_PASSWORD }     # or { file: /etc/cellar/db.pass }\n';

/** Runs cellar as a systemd unit with LoadCredential= would: no password in the environment, the credentials in a folder. */
const asUnit = (args: readonly string[], plan = secretPlan): ReturnType<typeof runCellar> =>
  runCellar([...args, '-f', plan], { cwd: scratch, env: { CELLS_DB_PASSWORD: undefined, CREDENTIALS_DIRECTORY: credentials, CELLAR_PLAN: '' } });

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-secrets-'));
  backed = await backedUpInstall(join(scratch, 'install'), 60);
  // The database password from a command (a password manager would stand here), the signing key from a credential.
  const passwordTool = join(scratch, 'print-password');
  await writeFile(passwordTool, `#!/bin/sh\nprintf '%s\\n' '${backed.install.database.password}'\n`, { mode: 0o700 });
  credentials = join(scratch, 'credentials');
  await mkdir(credentials, { mode: 0o700 });
  await writeFile(join(credentials, 'signing-key'), randomBytes(32).toString('hex'), { mode: 0o400 });
  const text = await readFile(backed.planFile, 'utf8');
  expect(text).toContain(passwordLine);
  secretPlan = join(backed.root, 'secrets.yaml');
  await writeFile(
    secretPlan,
    `${text.replace(passwordLine, `  password: { command: [${passwordTool}], timeout: 10 }\n`)}\nsigning:\n  key: { credential: signing-key }\n`,
  );
}, 120_000);

afterAll(async () => {
  await backed.install.dispose();
  await rm(scratch, { recursive: true, force: true });
});

describe('secrets from a command and a systemd credential', () => {
  it('back up, and the next plan is clean', async () => {
    const apply = await asUnit(['apply', '--yes']);
    expect(apply.stderr).not.toMatch(/^cellar: /m);
    expect(apply.code).toBe(0);
    expect(await snapshotIds(backed.target)).toHaveLength(1);
    const plan = await asUnit(['plan', '--detailed-exitcode']);
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    // The manifest is signed with the credential's key: without it, verify refuses.
    const verify = await asUnit(['verify']);
    expect(verify.code, verify.stderr).toBe(0);
  });

  it('a missing credential is one line that says how to load it', async () => {
    const result = await runCellar(['plan', '-f', secretPlan], { cwd: scratch, env: { CREDENTIALS_DIRECTORY: undefined, CELLAR_PLAN: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'cellar: signing.key comes from the systemd credential signing-key, but CREDENTIALS_DIRECTORY is not set; run cellar from a unit with LoadCredential=signing-key:/path/to/file\n',
    );
  });

  it('a password file others may read is refused in one line, and nothing is written', async () => {
    const passwordFile = join(scratch, 'db.pass');
    await writeFile(passwordFile, `${backed.install.database.password}\n`);
    await chmod(passwordFile, 0o644);
    const plan = join(backed.root, 'open-file.yaml');
    await writeFile(plan, (await readFile(backed.planFile, 'utf8')).replace(passwordLine, `  password: { file: ${passwordFile} }\n`));
    const before = await snapshotIds(backed.target);
    const result = await asUnit(['apply', '--yes'], plan);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`cellar: database.password comes from ${passwordFile}, whose mode 0644 lets others read or run it; chmod 600 ${passwordFile}\n`);
    expect(await snapshotIds(backed.target)).toEqual(before);
  });
});
