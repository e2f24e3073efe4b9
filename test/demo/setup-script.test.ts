import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/setup.sh', import.meta.url));
const systemBins = ['/usr/local/bin', '/usr/bin', '/usr/sbin', '/bin', '/sbin'];

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cellar-setup-'));
  await chmod(scratch, 0o755);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A PATH folder that has every system command except `hidden`. */
async function pathWithout(name: string, hidden: readonly string[]): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir);
  const linked = new Set<string>(hidden);
  for (const bin of systemBins) {
    const names = await readdir(bin).catch(() => []);
    for (const command of names.filter((each) => !linked.has(each))) {
      linked.add(command);
      await symlink(join(bin, command), join(dir, command));
    }
  }
  return dir;
}

function runSetup(path: string, asUser?: string): { status: number | null; stderr: string; stdout: string } {
  const command =
    asUser === undefined
      ? (['sh', [script]] as const)
      : (['su', [asUser, '-s', '/bin/sh', '-c', `PATH=${path} sh ${script}`]] as const);
  const result = spawnSync(command[0], command[1], { env: { PATH: path, HOME: scratch }, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('scripts/setup.sh', () => {
  it('names the missing tool and what to install when there is no apt-get', async () => {
    const result = runSetup(await pathWithout('no-apt', ['rsync', 'apt-get', 'sudo']));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'setup: missing rsync and no apt-get here. Install the packages that provide them (on Debian/Ubuntu: rsync), then run this again.\n',
    );
  });

  it.runIf(process.getuid?.() === 0)('gives the exact command to run as root when it cannot install', async () => {
    const result = runSetup(await pathWithout('no-root', ['rsync', 'mariadb-dump', 'sudo']), 'nobody');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'setup: missing rsync mariadb-dump. Install them as root, then run this again:\n' +
        "  sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends mariadb-client rsync'\n",
    );
  });
});
