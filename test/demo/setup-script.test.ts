import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
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

/** The commands setup.sh checks for, read from its `needed_tools`. */
async function neededTools(): Promise<string[]> {
  const text = await readFile(script, 'utf8');
  const list = /^needed_tools="([^"]+)"/m.exec(text);
  if (list === null) throw new Error('scripts/setup.sh has no needed_tools="..." line');
  return list[1]!
    .replaceAll('\\\n', ' ')
    .split(/\s+/)
    .filter((tool) => tool !== '');
}

/** The Debian package that holds a command (dpkg knows /usr-merged files by their /bin or /sbin path). */
function owningPackage(tool: string): string {
  const result = spawnSync('dpkg', ['-S', `*bin/${tool}`], { encoding: 'utf8' });
  const owners = result.stdout
    .split('\n')
    .filter((line) => new RegExp(`^[^:]+: \\S*bin/${tool.replaceAll('.', '\\.')}$`).test(line))
    .map((line) => line.slice(0, line.indexOf(':')));
  if (owners.length !== 1) throw new Error(`dpkg -S found ${owners.length} owners of ${tool}: ${result.stdout}${result.stderr}`);
  return owners[0]!;
}

/** Whether installing `named` installs `owner`: the same package, or one it depends on. */
function installs(named: string, owner: string): boolean {
  if (named === owner) return true;
  const depends = spawnSync('dpkg-query', ['-W', '-f=${Depends}', named], { encoding: 'utf8' }).stdout;
  return depends.split(/,\s*/).some((dependency) => dependency.split(' ')[0] === owner);
}

function runSetup(path: string, asUser?: string): { status: number | null; stderr: string; stdout: string } {
  const command = asUser === undefined ? (['sh', [script]] as const) : (['su', [asUser, '-s', '/bin/sh', '-c', `PATH=${path} sh ${script}`]] as const);
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

  it('names, for each tool it needs, the Debian package that installs it', async () => {
    const tools = await neededTools();
    expect(tools).toEqual(expect.arrayContaining(['restic', 'rclone', 'sshd', 'btrfs', 'systemd-analyze', 'zsh']));
    const base = await pathWithout('no-tools', [...tools, 'apt-get', 'sudo']);
    const named = new Map<string, string>();
    for (const tool of tools) {
      const others = join(scratch, `all-but-${tool}`);
      await mkdir(others);
      for (const other of tools.filter((each) => each !== tool)) {
        await symlink(spawnSync('sh', ['-c', `command -v ${other}`], { encoding: 'utf8' }).stdout.trim(), join(others, other));
      }
      const result = runSetup(`${base}:${others}`);
      const message = /^setup: missing (\S+) and no apt-get here\. .*\(on Debian\/Ubuntu: (\S+)\)/.exec(result.stderr);
      expect(message?.[1], result.stderr).toBe(tool);
      named.set(tool, message![2]!);
    }
    const wrong = tools.filter((tool) => !installs(named.get(tool)!, owningPackage(tool)));
    expect(wrong.map((tool) => `${tool}: setup installs ${named.get(tool)!}, dpkg says ${owningPackage(tool)}`)).toEqual([]);
  });
});
