import { mkdtempSync, realpathSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleInstall } from '../../demo/sample-install.js';
import { runCellar, type CliResult } from '../helpers/cli.js';
import { dropDatabase, uniqueName, withAdmin } from '../helpers/mariadb.js';
import { createTestInstall } from '../helpers/sample.js';

/** A database comes back as it was made, and a dump that would fail is refused by the plan that needs it. */
describe('database: what the dump needs and what the restore recreates', () => {
  let root: string;
  let install: SampleInstall;
  let planFile: string;
  const restored = uniqueName('cellar_collation');
  const cellar = (args: readonly string[], plan = planFile): Promise<CliResult> =>
    runCellar(['-f', plan, ...args], { cwd: root, env: { CELLS_DB_PASSWORD: install.database.password } });
  const defaults = (database: string): Promise<{ charset: string; collation: string }> =>
    withAdmin(async (admin) => {
      const [rows] = await admin.query<RowDataPacket[]>(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [database],
      );
      return { charset: String(rows[0]?.charset), collation: String(rows[0]?.collation) };
    });

  beforeAll(async () => {
    install = await createTestInstall({ files: 40 });
    root = realpathSync(mkdtempSync(join(tmpdir(), 'cellar-database-')));
    planFile = join(root, 'backup-plan.yaml');
    const init = await runCellar(['init', '--working-dir', install.workingDir, '--target', join(root, 'backups'), '-o', planFile], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
  });

  afterAll(async () => {
    await dropDatabase(restored);
    await install.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a plan whose dump would fail on a routine another user created, naming the grant', async () => {
    const name = install.database.name;
    await withAdmin((admin) => admin.query(`CREATE FUNCTION \`${name}\`.cellar_answer() RETURNS INT DETERMINISTIC RETURN 42`));
    const plan = await cellar(['plan', '--json']);
    expect(plan.code).toBe(1);
    const document = JSON.parse(plan.stdout) as { blocked: string | null };
    expect(document.blocked).toBe(
      `the dump of ${name} would fail: its login may not read the routine cellar_answer (created by another user); run GRANT SELECT ON mysql.proc TO '${install.database.user}'@'%'`,
    );
    const apply = await cellar(['apply', '--yes']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('apply refused: the dump of');
    await withAdmin(async (admin) => {
      const [accounts] = await admin.query<RowDataPacket[]>('SELECT Host AS host FROM mysql.user WHERE User = ?', [install.database.user]);
      for (const account of accounts) await admin.query('GRANT SELECT ON mysql.proc TO ?@?', [install.database.user, String(account.host)]);
    });
    const granted = await cellar(['apply', '--yes']);
    expect(granted.code, granted.stderr).toBe(0);
  });

  it("creates the restored database with the source's character set and collation", async () => {
    await withAdmin((admin) => admin.query(`ALTER DATABASE \`${install.database.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`));
    const plan = await cellar(['plan', '--json']);
    expect(JSON.parse(plan.stdout)).toMatchObject({ drift: [expect.objectContaining({ address: `database.${install.database.name}` })] });
    const apply = await cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    const restorePlan = join(root, 'restore.yaml');
    writeFileSync(
      restorePlan,
      `${readFileSync(planFile, 'utf8')}
restore:
  from: local
  workingDir: ${join(root, 'restored', 'cells')}
  database:
    admin: { user: root }
  overrides:
    database: { name: ${restored} }
`,
    );
    const restore = await cellar(['apply', '--restore', '--yes'], restorePlan);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await defaults(restored)).toEqual({ charset: 'utf8mb4', collation: 'utf8mb4_unicode_520_ci' });
  });
});
