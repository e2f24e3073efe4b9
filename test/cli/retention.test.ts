import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchFiles } from '../../demo/sample-install.js';
import { backedUpInstall, snapshotIds, type BackedUpInstall } from '../verify/backed-up-install.js';

let scratch: string;
let backed: BackedUpInstall;
const taken: string[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-retention-'));
  backed = await backedUpInstall(join(scratch, 'install'), 100);
  // Table update times are whole seconds: let the sample's last write fall before the first backup's second.
  await sleep(1100);
  for (let index = 0; index < 3; index += 1) {
    if (index > 0) await touchFiles(backed.install, 1);
    taken.push(await backed.apply());
    await sleep(1100);
  }
  const text = await readFile(backed.planFile, 'utf8');
  const keep = '    keep: { last: 7, daily: 14, weekly: 8, monthly: 12 }\n';
  expect(text).toContain(keep);
  await writeFile(backed.planFile, text.replace(keep, '    keep: { last: 2 }\n'));
}, 180_000);

afterAll(async () => {
  await backed.install.dispose();
  await rm(scratch, { recursive: true, force: true });
});

interface RetentionJson {
  readonly actions: readonly { readonly action: string; readonly address: string; readonly reason: string }[];
  readonly retention: readonly { readonly snapshot: string; readonly kind: string; readonly rules: readonly string[] }[];
}

describe('retention through the CLI', () => {
  it('plans the prune of what no rule keeps, and names the rule that keeps each other snapshot', async () => {
    const [oldest, middle, newest] = taken as [string, string, string];
    const text = await backed.cellar(['plan', '--detailed-exitcode']);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain(`prune-snapshot  snapshot.${oldest}  no rule of targets.local.keep (last 2) keeps it`);
    expect(text.stdout).toContain(`Kept by the keep rules:\n  ${newest}  last snapshot\n  ${middle}  last snapshot\n`);

    const json = await backed.cellar(['plan', '--json']);
    const document = JSON.parse(json.stdout) as RetentionJson;
    expect(document.actions.map(({ action, address }) => `${action} ${address}`)).toEqual([`prune-snapshot snapshot.${oldest}`]);
    expect(document.retention).toEqual([
      { snapshot: newest, kind: 'backup', rules: ['last snapshot'] },
      { snapshot: middle, kind: 'backup', rules: ['last snapshot'] },
    ]);
  });

  it('apply prunes exactly that, and the next plan is clean', async () => {
    const [, middle, newest] = taken as [string, string, string];
    const apply = await backed.cellar(['apply', '--yes']);
    expect(apply.stderr).not.toMatch(/^cellar: /m);
    expect(apply.code).toBe(0);
    expect(await snapshotIds(backed.target)).toEqual([middle, newest]);

    const plan = await backed.cellar(['plan', '--detailed-exitcode']);
    expect(plan.stdout).toContain('No changes.');
    expect(plan.stdout).not.toContain('Kept by the keep rules');
    expect(plan.code).toBe(0);
  });

  it('refuses a within duration restic would not read, in one line', async () => {
    const text = await readFile(backed.planFile, 'utf8');
    const bad = join(scratch, 'bad-within.yaml');
    await writeFile(bad, text.replace('    keep: { last: 2 }\n', '    keep: { within: 30 days }\n'));
    const result = await backed.cellar(['validate'], bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'targets.local.keep.within must be a duration as restic writes it: years, months, days and hours in that order, e.g. 30d, 1y6m, 2d12h',
    );
  });
});
