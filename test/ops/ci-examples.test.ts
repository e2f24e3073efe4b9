import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { createPlannedInstall, examplesDir, runProcess, writeCellarShim, type PlannedInstall } from './support.js';

/** One script a CI job runs, with the variables the CI file gives it. */
interface JobScript {
  readonly script: string;
  readonly env: Readonly<Record<string, string>>;
}

/** The scripts of one job, in order, and the steps this test does not run (actions, installs). */
interface Job {
  readonly scripts: readonly JobScript[];
  readonly skipped: readonly string[];
}

type Secrets = Readonly<Record<string, string>>;

/**
 * The `run:` steps of a GitHub Actions job. `uses:` steps and the step with id `install` (the
 * PATH shim stands for the installed cellar) are skipped; `${{ secrets.NAME }}` takes the value
 * from `secrets`, and any other expression is refused, since this test cannot evaluate it.
 */
function githubJob(workflow: Record<string, unknown>, name: string, secrets: Secrets): Job {
  expect(record(record(workflow.defaults, 'defaults').run, 'defaults.run').shell, 'the test runs steps with bash').toBe('bash');
  const job = record(record(workflow.jobs, 'jobs')[name], `jobs.${name}`);
  const outer = { ...variables(workflow.env, secrets), ...variables(job.env, secrets) };
  const scripts: JobScript[] = [];
  const skipped: string[] = [];
  for (const [index, value] of list(job.steps, `jobs.${name}.steps`).entries()) {
    const step = record(value, `jobs.${name}.steps[${index}]`);
    if (typeof step.uses === 'string' || step.id === 'install') {
      skipped.push(typeof step.uses === 'string' ? step.uses : text(step.run, 'install step'));
      continue;
    }
    const script = text(step.run, `jobs.${name}.steps[${index}].run`);
    expect(script).not.toContain('${{');
    scripts.push({ script, env: { ...outer, ...variables(step.env, secrets) } });
  }
  return { scripts, skipped };
}

/** A GitLab CI job's `script:` as one shell session; `before_script:` (the install) is skipped. */
function gitlabJob(pipeline: Record<string, unknown>, name: string, secrets: Secrets): Job {
  const job = record(pipeline[name], name);
  const lines = list(job.script, `${name}.script`).map((line, index) => text(line, `${name}.script[${index}]`));
  const env = { ...variables(pipeline.variables, secrets), ...variables(job.variables, secrets), ...secrets };
  const skipped = job.before_script === undefined ? [] : list(job.before_script, `${name}.before_script`).map((line) => text(line, 'before_script'));
  return { scripts: [{ script: lines.join('\n'), env }], skipped };
}

function variables(value: unknown, secrets: Secrets): Record<string, string> {
  if (value === undefined) return {};
  return Object.fromEntries(
    Object.entries(record(value, 'env')).map(([key, raw]) => {
      const resolved = text(raw, key).replace(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g, (_match, secret: string) => secrets[secret] ?? '');
      return [key, resolved];
    }),
  );
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not a mapping`);
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where} is not a list`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where} is not a string`);
  return value;
}

describe('CI examples, run against a sample installation', () => {
  let planned: PlannedInstall;
  let checkout: string;
  let path: string;
  let github: Record<string, unknown>;
  let gitlab: Record<string, unknown>;

  /**
   * Runs a job's scripts in the checkout the way the runners do (bash -eo pipefail), stopping at
   * the first failing one, with the shim first in PATH and nothing of this process's secrets.
   */
  async function run(job: Job, extraEnv: Readonly<Record<string, string>> = {}): Promise<CliResult> {
    let last: CliResult = { code: 0, stdout: '', stderr: '' };
    let stdout = '';
    let stderr = '';
    for (const { script, env } of job.scripts) {
      const file = join(checkout, '.job.sh');
      await writeFile(file, script);
      last = await runProcess(['bash', '--noprofile', '--norc', '-eo', 'pipefail', file], {
        cwd: checkout,
        env: { PATH: path, HOME: planned.root, NO_COLOR: '1', ...env, ...extraEnv },
      });
      stdout += last.stdout;
      stderr += last.stderr;
      if (last.code !== 0) break;
    }
    return { code: last.code, stdout, stderr };
  }

  const secrets = (): Secrets => ({ CELLS_DB_PASSWORD: planned.env.CELLS_DB_PASSWORD ?? '' });
  const planJson = async (): Promise<{ changes: boolean; drift: { address: string }[] }> =>
    JSON.parse(await readFile(join(checkout, 'plan.json'), 'utf8')) as { changes: boolean; drift: { address: string }[] };

  beforeAll(async () => {
    planned = await createPlannedInstall('ci');
    checkout = join(planned.root, 'checkout');
    await mkdir(checkout);
    await copyFile(planned.planFile, join(checkout, 'backup-plan.yaml'));
    path = `${await writeCellarShim(join(planned.root, 'bin'))}:${process.env.PATH ?? ''}`;
    github = record(parse(await readFile(join(examplesDir, 'ci/github-actions.yml'), 'utf8')), 'workflow');
    gitlab = record(parse(await readFile(join(examplesDir, 'ci/gitlab-ci.yml'), 'utf8')), 'pipeline');
  }, 120_000);

  afterAll(async () => {
    await planned.dispose();
  });

  it('validates the plan where the Cells working dir does not exist, and fails on an invalid plan', async () => {
    const jobs = [githubJob(github, 'validate', {}), gitlabJob(gitlab, 'validate-plan', {})];
    expect(jobs[0]!.skipped).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'npm install --global "$CELLAR_PACKAGE"']);
    expect(jobs[1]!.skipped).toEqual(['npm install --global "$CELLAR_PACKAGE"']);
    const away = `${planned.install.workingDir}.elsewhere`;
    await rename(planned.install.workingDir, away);
    try {
      for (const job of jobs) {
        const result = await run(job);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain('backup-plan.yaml is valid: 5 datasources');
        expect(result.stderr).toContain(`the working dir ${planned.install.workingDir} does not exist here`);
      }
      const plan = join(checkout, 'backup-plan.yaml');
      const valid = await readFile(plan, 'utf8');
      await writeFile(plan, valid.replace('{ backup: files }', '{ backup: file }'));
      try {
        for (const job of jobs) {
          const result = await run(job);
          expect(result.code).toBe(1);
          expect(result.stderr).toMatch(/backup-plan\.yaml:\d+:\d+: /);
        }
      } finally {
        await writeFile(plan, valid);
      }
    } finally {
      await rename(away, planned.install.workingDir);
    }
  });

  it('flags a stale backup: a GitHub warning and exit 2 on GitLab, with a summary of the drift', async () => {
    const summary = join(planned.root, 'step-summary.md');
    const githubRun = await run(githubJob(github, 'drift', secrets()), { GITHUB_STEP_SUMMARY: summary });
    expect(githubRun.code, githubRun.stderr).toBe(0);
    expect(githubRun.stdout).toMatch(/^::warning title=cellar::backup is stale: 8 addresses drifted, \d+ actions pending \(see the job summary\)$/m);
    const document = await planJson();
    expect(document.changes).toBe(true);

    const gitlabRun = await run(gitlabJob(gitlab, 'backup-drift', secrets()));
    expect(gitlabRun.code).toBe(2);
    expect(gitlabRun.stderr).toContain('cellar: backup is stale: 8 addresses drifted');

    for (const text of [await readFile(summary, 'utf8'), await readFile(join(checkout, 'plan-summary.md'), 'utf8')]) {
      expect(text).toMatch(/^## cellar: backup is stale: 8 addresses drifted/);
      expect(text).toContain('No snapshot yet in target `local`.');
      expect(text).toContain('| Drift | Change | Added | Modified | Deleted | Bytes |');
      for (const drift of document.drift) expect(text).toContain(`| \`${drift.address}\` | added`);
      expect(text).toMatch(/\| `database\.\w+` \| added \(\d+ tables\) \|/);
      expect(text).toContain('- `dump-database` database.');
      expect(text).toContain('- `write-manifest` target.local: initialise the target');
    }
  });

  it('reports a current backup after cellar apply: exit 0, no warning', async () => {
    const apply = await planned.cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    const [snapshot] = await planned.snapshots();
    const summary = join(planned.root, 'step-summary-after.md');

    const githubRun = await run(githubJob(github, 'drift', secrets()), { GITHUB_STEP_SUMMARY: summary });
    expect(githubRun.code, githubRun.stderr).toBe(0);
    expect(githubRun.stdout).toBe('cellar: backup is current\n');
    const gitlabRun = await run(gitlabJob(gitlab, 'backup-drift', secrets()));
    expect(gitlabRun.code, gitlabRun.stderr).toBe(0);

    for (const text of [await readFile(summary, 'utf8'), await readFile(join(checkout, 'plan-summary.md'), 'utf8')]) {
      expect(text).toBe(`## cellar: backup is current\n\nLast snapshot: \`${snapshot!}\` in target \`local\`.\n\nNo drift.\n\n`);
    }
  });

  it('fails both drift jobs (exit 1) when cellar plan fails', async () => {
    const summary = join(planned.root, 'step-summary-error.md');
    const githubRun = await run(githubJob(github, 'drift', {}), { GITHUB_STEP_SUMMARY: summary });
    expect(githubRun.code).toBe(1);
    expect(githubRun.stdout).toContain('::error title=cellar::cellar plan failed (exit 1); see the job log');
    expect(githubRun.stderr).toContain('(access denied)');
    expect(await readFile(summary, 'utf8')).toBe('## cellar: cellar plan failed (exit 1); see the job log\n\n');

    const gitlabRun = await run(gitlabJob(gitlab, 'backup-drift', {}));
    expect(gitlabRun.code).toBe(1);
    expect(gitlabRun.stderr).toContain('cellar: cellar plan failed (exit 1)');
  });
});
