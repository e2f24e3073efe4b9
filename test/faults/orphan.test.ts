import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchFiles } from '../../demo/sample-install.js';
import { cellarBin } from '../helpers/cli.js';
import { createPlannedInstall, type PlannedInstall } from '../ops/support.js';
import { waitFor } from './support.js';

/** Running, neither gone nor a zombie waiting for a parent that may never reap it. */
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

// An OOM kill takes cellar alone: its rsync goes on in the target, and a takeover must not race it.
describe('an apply killed alone, its rsync still working in the target', () => {
  let planned: PlannedInstall;
  let pause: string;
  let reached: string;
  let orphan = 0;

  beforeAll(async () => {
    planned = await createPlannedInstall('orphan', 60);
    const first = await planned.cellar(['apply', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    pause = join(planned.root, 'rsync.pause');
    reached = join(planned.root, 'rsync.reached');
  }, 120_000);

  afterAll(async () => {
    await rm(pause, { force: true });
    if (orphan !== 0 && alive(orphan)) process.kill(orphan, 'SIGKILL');
    await planned.dispose();
  });

  it('is refused a takeover naming the orphan, and takes over once the orphan ended', async () => {
    // rsync that steps into its destination, in the draft snapshot, and waits there while the pause file exists.
    const tools = join(planned.root, 'pausing-bin');
    await mkdir(tools);
    await writeFile(
      join(tools, 'rsync'),
      `#!/bin/sh\nfor last; do :; done\nmkdir -p "$last" && cd "$last" || exit 1\necho $$ > '${reached}'\nwhile [ -e '${pause}' ]; do sleep 0.05; done\nPATH="\${PATH#*:}" exec rsync "$@"\n`,
    );
    await chmod(join(tools, 'rsync'), 0o755);
    await writeFile(pause, '');
    await touchFiles(planned.install, 2);

    const child = spawn(process.execPath, [cellarBin, '-f', planned.planFile, 'apply', '--yes'], {
      cwd: planned.root,
      env: { ...process.env, ...planned.env, PATH: `${tools}:${process.env.PATH ?? ''}` },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    await waitFor(() => existsSync(reached), 'rsync to reach its pause');
    child.kill('SIGKILL');
    await exited;
    orphan = Number((await readFile(reached, 'utf8')).trim());
    expect(alive(orphan), 'the rsync outlives cellar').toBe(true);

    const refused = await planned.cellar(['apply', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd().split('\n')).toEqual([
      `cellar: the interrupted cellar apply (pid ${child.pid ?? 0}) left sh (pid ${orphan}) working in ${planned.target}; wait for it to end or stop it, then apply again`,
    ]);

    await rm(pause);
    await waitFor(() => !alive(orphan), 'the orphaned rsync to end');
    const apply = await planned.cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain(`took over the lock of an interrupted cellar apply (pid ${child.pid ?? 0})`);
    expect((await planned.cellar(['plan', '--detailed-exitcode'])).code).toBe(0);
  }, 60_000);
});
