import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { createTestInstall } from '../helpers/sample.js';

type Json = Record<string, unknown>;

/*
 * With signing.key, a manifest carries an HMAC that only a holder of the key can make: someone
 * who can write the target but has not the key cannot forge or edit a snapshot unnoticed.
 */
describe('signed manifests', () => {
  let root: string;
  let install: SampleInstall;
  let planFile: string;
  let target: string;
  let keyFile: string;
  const cellar = (args: readonly string[], plan = planFile): Promise<CliResult> =>
    runCellar(['-f', plan, ...args], { cwd: root, env: { CELLS_DB_PASSWORD: install.database.password } });
  const snapshots = (): string[] =>
    readdirSync(join(target, 'snapshots'))
      .filter((name) => /^\d{8}T\d{6}Z$/.test(name))
      .sort();
  const manifestPath = (id: string): string => join(target, 'snapshots', id, 'manifest.json');
  const readManifest = (id: string): Json => JSON.parse(readFileSync(manifestPath(id), 'utf8')) as Json;
  /** Rewrites a manifest as a forger without the key would: the digest recomputed, the HMAC kept. */
  const forge = (id: string, change: (manifest: Json) => void): void => {
    const body = readManifest(id);
    const hmac = body.hmac;
    delete body.digest;
    delete body.hmac;
    change(body);
    const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    writeFileSync(manifestPath(id), `${JSON.stringify({ ...body, digest, hmac }, null, 2)}\n`);
  };

  beforeAll(async () => {
    install = await createTestInstall();
    root = realpathSync(mkdtempSync(join(tmpdir(), 'cellar-signing-')));
    target = join(root, 'backups');
    keyFile = join(root, 'signing.key');
    writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    planFile = join(root, 'backup-plan.yaml');
    const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', target, '-o', planFile], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
    writeFileSync(planFile, `${readFileSync(planFile, 'utf8')}\nsigning:\n  key: { file: ${keyFile} }\n`);
    const apply = await cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
  });

  afterAll(async () => {
    await install.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('signs each manifest; verify passes and the plan is clean', async () => {
    const [id] = snapshots();
    expect(readManifest(id!).hmac).toMatch(/^[0-9a-f]{64}$/);
    const verify = await cellar(['verify', '--read-data']);
    expect(verify.code, verify.stderr).toBe(0);
    const plan = await cellar(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('refuses a manifest edited by someone without the key, though its digest was recomputed', async () => {
    const [id] = snapshots();
    const original = readFileSync(manifestPath(id!), 'utf8');
    try {
      forge(id!, (manifest) => {
        manifest.host = 'elsewhere';
      });
      const verify = await cellar(['verify', '--snapshot', id!]);
      expect(verify.code).toBe(1);
      expect(verify.stderr).toContain('its signature does not match signing.key');
      const restorePlan = join(root, 'restore.yaml');
      writeFileSync(restorePlan, `${readFileSync(planFile, 'utf8')}\nrestore:\n  from: local\n  workingDir: ${join(root, 'restored')}\n`);
      const restore = await cellar(['plan', '--restore', '--snapshot', id!], restorePlan);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain('its signature does not match signing.key');
    } finally {
      writeFileSync(manifestPath(id!), original);
    }
  });

  it('refuses an unsigned manifest, such as one forged from scratch, and lists it as damaged', async () => {
    const [id] = snapshots();
    const forged = '20200101T000000Z';
    cpSync(join(target, 'snapshots', id!), join(target, 'snapshots', forged), { recursive: true });
    try {
      const body = readManifest(forged);
      delete body.digest;
      delete body.hmac;
      body.id = forged;
      const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex');
      writeFileSync(manifestPath(forged), `${JSON.stringify({ ...body, digest }, null, 2)}\n`);
      const verify = await cellar(['verify', '--snapshot', forged]);
      expect(verify.code).toBe(1);
      expect(verify.stderr).toContain('it is not signed, and the plan sets signing.key');
      const listed = await cellar(['snapshots']);
      expect(listed.stdout + listed.stderr).toContain(forged);
      expect(listed.stdout + listed.stderr).toContain('not signed');
    } finally {
      rmSync(join(target, 'snapshots', forged), { recursive: true, force: true });
    }
  });

  it('refuses to run with one line when the key cannot be read', async () => {
    const missing = join(root, 'missing-key.yaml');
    writeFileSync(missing, readFileSync(planFile, 'utf8').replace(keyFile, join(root, 'no-such.key')));
    const plan = await cellar(['plan'], missing);
    expect(plan.code).toBe(1);
    expect(plan.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(plan.stderr).toContain('signing.key comes from');
  });

  it('still reads signed snapshots with a plan that has no key (the HMAC is then not checked)', async () => {
    const unsigned = join(root, 'unsigned.yaml');
    writeFileSync(unsigned, readFileSync(planFile, 'utf8').replace(/\nsigning:\n.*\n/, '\n'));
    const verify = await cellar(['verify'], unsigned);
    expect(verify.code, verify.stderr).toBe(0);
  });
});
