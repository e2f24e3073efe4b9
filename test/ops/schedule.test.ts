import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchFiles } from '../../demo/sample-install.js';
import { commandExists, createPlannedInstall, examplesDir, runProcess, writeCellarShim, type PlannedInstall } from './support.js';

const installedCellar = '/usr/local/bin/cellar';
const installedPlan = '/etc/cellar/backup-plan.yaml';
const installedEnv = '/etc/cellar/env';
const installedCredentials = '/etc/cellar/credentials';

type UnitFile = Map<string, Map<string, string[]>>;

/** A unit file's settings by section, each key with its values in order. */
function parseUnit(text: string): UnitFile {
  const sections: UnitFile = new Map();
  let current: Map<string, string[]> | undefined;
  for (const line of text.split('\n').map((raw) => raw.trim())) {
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const equals = line.indexOf('=');
    if (current === undefined || equals < 0) throw new Error(`not a unit file line: ${line}`);
    const key = line.slice(0, equals);
    current.set(key, [...(current.get(key) ?? []), line.slice(equals + 1)]);
  }
  return sections;
}

function setting(unit: UnitFile, section: string, key: string): string {
  const values = unit.get(section)?.get(key) ?? [];
  if (values.length !== 1) throw new Error(`[${section}] ${key}= is set ${values.length} times`);
  return values[0]!;
}

/** NAME=value lines, the way both systemd's EnvironmentFile= and `set -a; . FILE` read them. */
function environmentFile(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}=${value}\n`)
    .join('');
}

/** Reads NAME=value lines back into variables. */
function parseAssignments(lines: readonly string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of lines) {
    const equals = line.indexOf('=');
    if (equals < 1) throw new Error(`not a NAME=value line: ${line}`);
    variables[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return variables;
}

const readExample = (path: string): Promise<string> => readFile(join(examplesDir, path), 'utf8');

describe('systemd units', () => {
  let scratch: string;
  let shimDir: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'cellar-units-'));
    shimDir = await writeCellarShim(join(scratch, 'bin'));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  /** The units in a folder of their own, with ExecStart's binary where systemd-analyze can find it. */
  async function copyUnits(folder: string, edit: (service: string) => string = (service) => service): Promise<string[]> {
    await mkdir(folder, { recursive: true });
    const service = (await readExample('systemd/cellar-backup.service')).replaceAll(installedCellar, join(shimDir, 'cellar'));
    const paths = [join(folder, 'cellar-backup.service'), join(folder, 'cellar-backup.timer')];
    await writeFile(paths[0]!, edit(service));
    await writeFile(paths[1]!, await readExample('systemd/cellar-backup.timer'));
    return paths;
  }

  it('pass systemd-analyze verify without a warning', async (context) => {
    if (!(await commandExists('systemd-analyze'))) context.skip('systemd-analyze is not installed here');
    const verify = (units: string[]): ReturnType<typeof runProcess> =>
      runProcess(['systemd-analyze', 'verify', ...units], { cwd: scratch, env: { PATH: process.env.PATH } });

    const result = await verify(await copyUnits(join(scratch, 'verify')));
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });

    // The same check notices a misspelt setting, which systemd itself would only log and ignore.
    const broken = await verify(await copyUnits(join(scratch, 'broken'), (service) => service.replace('PrivateTmp=yes', 'PrivateTemp=yes')));
    expect(broken.stderr).toContain("Unknown key 'PrivateTemp' in section [Service]");
  });

  it('keep the service hardened: systemd-analyze security rates its exposure at most 2.5 of 10', async (context) => {
    if (!(await commandExists('systemd-analyze'))) context.skip('systemd-analyze is not installed here');
    const [service] = await copyUnits(join(scratch, 'security'));
    const result = await runProcess(['systemd-analyze', 'security', '--offline=true', '--threshold=25', '--no-pager', service!], {
      cwd: scratch,
      env: { PATH: process.env.PATH },
    });
    if (/unrecognized option|Unknown command verb/.test(result.stderr))
      context.skip(`this systemd-analyze has no offline security check: ${result.stderr.trim()}`);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/Overall exposure level for cellar-backup\.service: (0|1|2)\.\d OK/);
  });

  it('run cellar apply --yes as the cellar user, sandboxed, from a timer that catches up missed runs', async () => {
    const service = parseUnit(await readExample('systemd/cellar-backup.service'));
    const timer = parseUnit(await readExample('systemd/cellar-backup.timer'));
    expect(setting(service, 'Service', 'Type')).toBe('oneshot');
    expect(setting(service, 'Service', 'ExecStart')).toBe(`${installedCellar} apply --yes -f ${installedPlan}`);
    expect(setting(service, 'Service', 'LoadCredential')).toBe(`db-password:${installedCredentials}/db-password`);
    expect(setting(service, 'Service', 'User')).toBe('cellar');
    expect(setting(service, 'Service', 'ProtectSystem')).toBe('strict');
    expect(setting(service, 'Service', 'ReadWritePaths').split(' ')).toEqual(['/srv/backups/cells', '/srv/cells']);
    expect(setting(service, 'Service', 'PrivateTmp')).toBe('yes');
    expect(setting(service, 'Service', 'NoNewPrivileges')).toBe('yes');
    const envExample = (await readExample('systemd/cellar.env')).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(Object.keys(parseAssignments(envExample))).toEqual(['CELLS_DB_PASSWORD']);
    expect(setting(timer, 'Timer', 'Persistent')).toBe('true');
    expect(setting(timer, 'Install', 'WantedBy')).toBe('timers.target');
  });
});

describe('the polkit rule', () => {
  it('lets only the cellar user only stop and start cells.service', async () => {
    const rules: ((action: unknown, subject: unknown) => string)[] = [];
    const polkit = { Result: { YES: 'yes', NOT_HANDLED: 'not handled' }, addRule: (rule: (action: unknown, subject: unknown) => string) => rules.push(rule) };
    runInNewContext(await readExample('systemd/50-cellar.rules'), { polkit });
    expect(rules).toHaveLength(1);
    const decide = (user: string, unit: string, verb: string, id = 'org.freedesktop.systemd1.manage-units'): string => {
      const details: Record<string, string> = { unit, verb };
      return rules[0]!({ id, lookup: (key: string) => details[key] }, { user });
    };
    expect(decide('cellar', 'cells.service', 'stop')).toBe('yes');
    expect(decide('cellar', 'cells.service', 'start')).toBe('yes');
    expect(decide('cellar', 'cells.service', 'restart')).toBe('not handled');
    expect(decide('cellar', 'mariadb.service', 'stop')).toBe('not handled');
    expect(decide('www-data', 'cells.service', 'stop')).toBe('not handled');
    expect(decide('cellar', 'cells.service', 'stop', 'org.freedesktop.systemd1.manage-unit-files')).toBe('not handled');
  });
});

describe('scheduled commands, run against a sample installation', () => {
  let planned: PlannedInstall;
  let shimDir: string;
  let envFile: string;

  /** Replaces the installed paths of an example command line with this test's. */
  const localise = (command: string, env = envFile): string =>
    command.replaceAll(installedCellar, join(shimDir, 'cellar')).replaceAll(installedPlan, planned.planFile).replaceAll(installedEnv, env);

  beforeAll(async () => {
    planned = await createPlannedInstall('schedule');
    shimDir = await writeCellarShim(join(planned.root, 'bin'));
    envFile = join(planned.root, 'env');
    await writeFile(envFile, environmentFile(planned.env), { mode: 0o600 });
  }, 120_000);

  afterAll(async () => {
    await planned.dispose();
  });

  it("the service's ExecStart backs up with the password from its LoadCredential=, then finds nothing to do", async () => {
    const service = parseUnit(await readExample('systemd/cellar-backup.service'));
    // What systemd does with LoadCredential=NAME:PATH: the file, copied into a private folder named by $CREDENTIALS_DIRECTORY.
    const [name, source] = setting(service, 'Service', 'LoadCredential').split(':') as [string, string];
    const credentials = join(planned.root, 'credentials');
    await mkdir(credentials, { mode: 0o700 });
    await writeFile(join(credentials, name), `${planned.install.database.password}\n`, { mode: 0o400 });
    expect(source).toBe(`${installedCredentials}/${name}`);
    const plan = join(planned.root, 'credential-plan.yaml');
    const text = await readFile(planned.planFile, 'utf8');
    expect(text).toMatch(/ {2}password: \{ env: CELLS_DB_PASSWORD \}/);
    await writeFile(plan, text.replace(/ {2}password: \{ env: CELLS_DB_PASSWORD \}/, `  password: { credential: ${name} }`));
    const argv = localise(setting(service, 'Service', 'ExecStart'))
      .replaceAll(planned.planFile, plan)
      .split(' ');
    // systemd starts a system service in / with a minimal environment.
    const run = (): ReturnType<typeof runProcess> =>
      runProcess(argv, { cwd: '/', env: { PATH: '/usr/local/bin:/usr/bin:/bin', CREDENTIALS_DIRECTORY: credentials } });

    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Apply complete: snapshot \d{8}T\d{6}Z written/);
    expect(await planned.snapshots()).toHaveLength(1);
    const second = await run();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('No changes.');
  });

  it('the cron line backs up quietly, and prints one line for cron to mail when the backup fails', async () => {
    const lines = (await readExample('cron/cellar-backup')).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const assignments = lines.filter((line) => /^[A-Z]+=/.test(line));
    const jobs = lines.filter((line) => !assignments.includes(line));
    expect(jobs).toHaveLength(1);
    expect(await readFile(join(examplesDir, '../docs/operations.md'), 'utf8'), 'docs/operations.md shows the same line').toContain(`\n${jobs[0]!}\n`);
    const fields = /^(\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (.+)$/.exec(jobs[0]!);
    expect(fields?.slice(1, 7)).toEqual(['15', '2', '*', '*', '*', 'cellar']);
    const command = fields![7]!;
    expect(command, 'cron turns an unescaped % into a newline').not.toMatch(/(^|[^\\])%/);
    const cronEnv = parseAssignments(assignments);
    const logDir = join(planned.root, 'log');
    await mkdir(logDir);
    const run = (env: string): ReturnType<typeof runProcess> =>
      runProcess([cronEnv.SHELL ?? '/bin/sh', '-c', localise(command, env).replaceAll('/var/log/cellar', logDir)], {
        cwd: planned.root,
        env: { HOME: planned.root, LOGNAME: 'cellar', ...cronEnv },
      });

    await touchFiles(planned.install, 2);
    const before = await planned.snapshots();
    const quiet = await run(envFile);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readFile(join(logDir, 'backup.log'), 'utf8')).toMatch(/Apply complete: snapshot \d{8}T\d{6}Z written/);
    expect(await planned.snapshots()).toHaveLength(before.length + 1);

    const wrongSecret = join(planned.root, 'wrong-env');
    await writeFile(wrongSecret, environmentFile({ CELLS_DB_PASSWORD: 'not-the-password' }), { mode: 0o600 });
    const failed = await run(wrongSecret);
    expect(failed).toEqual({ code: 0, stdout: `cellar backup failed (exit 1); see ${logDir}/backup.log\n`, stderr: '' });
    expect(await readFile(join(logDir, 'backup.log'), 'utf8')).toContain('(access denied)');
  });
});
