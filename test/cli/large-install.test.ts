import { availableParallelism } from 'node:os';
import { mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchFiles } from '../../demo/sample-install.js';
import { createPlannedInstall, type PlannedInstall } from '../ops/support.js';

interface PlanDocument {
  readonly drift: readonly { readonly address: string; readonly files?: { readonly added: number; readonly modified: number; readonly deleted: number } }[];
}

// Past 20,000 recorded entries the walks, the comparisons and the file lists run on worker threads.
describe.runIf(availableParallelism() >= 2)('an installation big enough for threads', () => {
  let planned: PlannedInstall;

  beforeAll(async () => {
    planned = await createPlannedInstall('large', 24_000);
    const first = await planned.cellar(['apply', '--yes']);
    expect(first.code, first.stderr).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await planned.dispose();
  });

  const fileCounts = async (): Promise<{ added: number; modified: number; deleted: number }> => {
    const plan = await planned.cellar(['plan', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const document = JSON.parse(plan.stdout) as PlanDocument;
    const sum = { added: 0, modified: 0, deleted: 0 };
    for (const { files } of document.drift) {
      sum.added += files?.added ?? 0;
      sum.modified += files?.modified ?? 0;
      sum.deleted += files?.deleted ?? 0;
    }
    return sum;
  };

  it('plans exactly what changed, applies it, and the new snapshot verifies', async () => {
    expect(await fileCounts()).toEqual({ added: 0, modified: 0, deleted: 0 });
    const touched = await touchFiles(planned.install, 40);
    unlinkSync(join(planned.install.workingDir, touched[0]!));
    writeFileSync(join(planned.install.datasources[1]!.folder, 'added-by-the-test.txt'), 'new\n');
    expect(await fileCounts()).toEqual({ added: 1, modified: 39, deleted: 1 });

    const apply = await planned.cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(await planned.snapshots()).toHaveLength(2);
    expect(await fileCounts()).toEqual({ added: 0, modified: 0, deleted: 0 });
    const verify = await planned.cellar(['verify', '--read-data']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 120_000);

  it('stops with one line naming a datasource that is no longer a folder', async () => {
    const folder = planned.install.datasources[0]!.folder;
    renameSync(folder, `${folder}.moved`);
    writeFileSync(folder, 'not a folder\n');
    try {
      const plan = await planned.cellar(['plan']);
      expect(plan.code).toBe(1);
      expect(plan.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`${folder} is not a folder; check the path in the plan`))]);
    } finally {
      rmSync(folder);
      mkdirSync(folder, { recursive: true });
      rmSync(folder, { recursive: true });
      renameSync(`${folder}.moved`, folder);
    }
  }, 60_000);
});
