import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidPlans, invalidPlansDir } from '../config/invalid-plans.js';
import { runCellar } from '../helpers/cli.js';

// Paths in the fixtures do not exist; HOME and CELLS_WORKING_DIR are pinned so that defaults do not either.
const env = { HOME: '/nonexistent/home', CELLS_WORKING_DIR: '', CELLAR_PLAN: '' };

let root: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'cellar-validate-')));
  const workingDir = join(root, 'cells');
  await mkdir(workingDir);
  await writeFile(
    join(workingDir, 'pydio.json'),
    JSON.stringify({
      version: '4.4.0',
      services: {
        'pydio.grpc.data.sync': { sources: ['pydiods1', 'personal', 'cellsdata', 's3media', 'scratch'] },
        'pydio.grpc.data.sync.s3media': { StorageType: 'S3' },
      },
    }),
  );
  await writeFile(
    join(root, 'backup-plan.yaml'),
    `version: 1
cells:
  workingDir: ${workingDir}
database:
  user: pydio
  password: { env: CELLS_DB_PASSWORD }
  name: cells
datasources:
  pydiods1: { backup: files }
  personal: { backup: files }
  cellsdata: { backup: files }
  s3media: { backup: provider }
  scratch: { backup: skip, reason: re-creatable }
targets:
  local: { path: ${root}/backups }
`,
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('cellar validate', () => {
  it.each(['/proc/bk', '/sys/fs/cellar'])('refuses a target on a pseudo file system (%s) with one located line', async (path) => {
    const plan = join(root, 'pseudo.yaml');
    await writeFile(
      plan,
      `version: 1\ncells:\n  workingDir: ${join(root, 'cells')}\ndatasources:\n  pydiods1: { backup: files }\n  personal: { backup: files }\n  cellsdata: { backup: files }\n  s3media: { backup: provider }\n  scratch: { backup: skip, reason: x }\ntargets:\n  local: { path: ${path} }\n`,
    );
    const result = await runCellar(['validate', '-f', plan], { cwd: root, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `pseudo\\.yaml:11:\\d+: targets\\.local\\.path \\(${path.replaceAll('/', '\\/')}\\) is on a (proc|sysfs) file system, which the kernel makes up and which holds no files; choose a folder on a disk`,
      ),
    );
  });

  // Work that grows with the square of the datasources (the YAML library's duplicate-key check did)
  // takes hours at this size; linear work takes seconds, well inside the test's timeout.
  it('validates a plan with 300,000 datasources', async () => {
    const huge = join(root, 'huge.yaml');
    const datasources = Array.from({ length: 300_000 }, (_, index) => `  ds${index}: { backup: skip, reason: generated }`);
    await writeFile(
      huge,
      [
        'version: 1',
        'cells:',
        `  workingDir: ${join(root, 'nowhere')}`,
        'datasources:',
        ...datasources,
        'targets:',
        `  local: { path: ${root}/huge-backups }`,
        '',
      ].join('\n'),
    );
    const result = await runCellar(['validate', '-f', huge], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`huge.yaml is valid: 300000 datasources (300000 skip), database from pydio.json, 1 target (local)\n`);
  }, 180_000);

  it('says a working dir that does not exist is missing, when plan needs it', async () => {
    const missing = join(root, 'missing-workdir.yaml');
    await writeFile(
      missing,
      `version: 1\ncells:\n  workingDir: ${join(root, 'gone')}\ndatasources:\n  pydiods1: { backup: files }\ntargets:\n  local: { path: ${root}/gone-backups }\n`,
    );
    const result = await runCellar(['plan', '-f', missing], { cwd: root, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`cellar: the working dir ${join(root, 'gone')} does not exist; check cells.workingDir in the plan (or CELLS_WORKING_DIR)\n`);
  });

  it('names a broken pydio.json by its absolute path, and suggests no snapshot where there is none', async () => {
    const broken = join(root, 'broken');
    await mkdir(join(broken, 'cells'), { recursive: true });
    await writeFile(join(broken, 'cells', 'pydio.json'), '{ "version": "4.4.0", ');
    await writeFile(
      join(broken, 'plan.yaml'),
      `version: 1\ncells:\n  workingDir: ${join(broken, 'cells')}\ndatasources:\n  pydiods1: { backup: files }\ntargets:\n  local: { path: ${broken}/backups }\n`,
    );
    const result = await runCellar(['validate', '-f', join(broken, 'plan.yaml')], { cwd: broken, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cells.workingDir (${join(broken, 'cells')}): ${join(broken, 'cells', 'pydio.json')} is not valid JSON: `);
    expect(result.stderr).toMatch(/; fix it\n/);
    expect(result.stderr).not.toContain('snapshot');
  });

  it('warns of a Cells version newer than it knows, naming the rules it applied', async () => {
    const newer = join(root, 'newer');
    await mkdir(join(newer, 'cells'), { recursive: true });
    await writeFile(join(newer, 'cells', 'pydio.json'), JSON.stringify({ version: '99.1.0', services: { 'pydio.grpc.data.sync': { sources: ['pydiods1'] } } }));
    await writeFile(
      join(newer, 'backup-plan.yaml'),
      `version: 1\ncells:\n  workingDir: ${join(newer, 'cells')}\ndatasources:\n  pydiods1: { backup: files }\ntargets:\n  local: { path: ${newer}/backups }\n`,
    );
    const result = await runCellar(['validate'], { cwd: newer, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'pydio.json is from Cells 99.1.0, newer than this cellar knows (up to 4.x): it reads it by the rules of the sites generation of 4.x',
    );
  });

  it('prints a one-line summary of a valid plan and exits 0', async () => {
    const result = await runCellar(['validate'], { cwd: root, env });
    expect(result).toEqual({
      code: 0,
      stdout: 'backup-plan.yaml is valid: 5 datasources (3 files, 1 provider, 1 skip), database cells on 127.0.0.1:3306, 1 target (local)\n',
      stderr: '',
    });
  });

  it('takes the plan from -f, then $CELLAR_PLAN', async () => {
    const elsewhere = join(root, 'elsewhere');
    await mkdir(elsewhere, { recursive: true });
    const fromEnv = await runCellar(['validate'], { cwd: elsewhere, env: { ...env, CELLAR_PLAN: join(root, 'backup-plan.yaml') } });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toMatch(new RegExp(`^${root}/backup-plan\\.yaml is valid: `));
    const fromFlag = await runCellar(['validate', '-f', '../backup-plan.yaml'], { cwd: elsewhere, env: { ...env, CELLAR_PLAN: '/nonexistent.yaml' } });
    expect(fromFlag.code).toBe(0);
  });

  it('says how to create a missing plan and exits 1', async () => {
    const result = await runCellar(['validate', '-f', 'missing.yaml'], { cwd: root, env });
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'cellar: missing.yaml does not exist; create one with `cellar init --working-dir DIR`\n' });
  });

  it('notes the checks it could not run when the working dir is not on this machine', async () => {
    const result = await runCellar(['validate', '-f', join(invalidPlansDir, '../../../../examples/minimal.yaml')], { cwd: root, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'cellar: note: the working dir /nonexistent/home/.config/pydio/cells does not exist here, so the datasources were not checked against its pydio.json\n',
    );
  });
});

describe.concurrent('cellar validate on malformed plans', () => {
  it.each(invalidPlans().map((plan) => [plan.name, plan] as const))('%s: exit 1 with every problem', async (_name, plan) => {
    const result = await runCellar(['validate', '-f', plan.name], { cwd: invalidPlansDir, env });
    const count = plan.expected.length;
    const heading = `cellar: ${plan.name} has ${count} problem${count === 1 ? '' : 's'}\n`;
    expect(result).toEqual({ code: 1, stdout: '', stderr: heading + plan.expected.map((line) => `  ${line}\n`).join('') });
  });
});
