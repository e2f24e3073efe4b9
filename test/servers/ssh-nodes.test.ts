import { randomBytes } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeState } from '../helpers/tree-state.js';
import { shellQuote, startSshNodes, type SshNodes } from './ssh-nodes.js';
import { Teardown } from './teardown.js';
import { writeSmallTree } from './restic-round-trip.js';

describe('startSshNodes', () => {
  const teardown = new Teardown();
  // A path that does not exist here, like a Cells working dir on each node.
  const shared = `/srv/cellar-test-${randomBytes(4).toString('hex')}/cells`;
  let scratch: string;
  let cluster: SshNodes;

  beforeAll(async () => {
    scratch = await teardown.folder('nodes-test');
    await mkdir(join(scratch, 'alpha'));
    await mkdir(join(scratch, 'beta'));
    cluster = await startSshNodes([
      { name: 'alpha', address: '127.0.0.2', mounts: { [shared]: join(scratch, 'alpha') } },
      { name: 'beta', address: '127.0.0.3', mounts: { [shared]: join(scratch, 'beta') } },
    ]);
    teardown.add(() => cluster.stop());
  });

  afterAll(async () => {
    await teardown.run();
  });

  it('runs a command on each node through ssh, on its own address and port', async () => {
    for (const node of cluster.nodes) {
      const result = await node.run(['sh', '-c', 'echo "$SSH_CONNECTION"; printf %s "$1"', 'sh', "it's a word"]);
      expect(result, result.stderr).toMatchObject({ code: 0 });
      // SSH_CONNECTION: client address and port, server address and port.
      const [, , server, port] = result.stdout.split('\n')[0]!.split(' ');
      expect({ server, port: Number(port) }).toEqual({ server: node.address, port: node.ssh.port });
      expect(result.stdout.split('\n')[1]).toBe("it's a word");
    }
  });

  it('gives two nodes the same path with different contents, each the folder on this machine', async () => {
    await cluster.node('alpha').writeFile(join(shared, 'who'), 'alpha\n');
    await cluster.node('beta').writeFile(join(shared, 'who'), 'beta\n');
    expect((await cluster.node('alpha').run(['cat', join(shared, 'who')])).stdout).toBe('alpha');
    expect((await cluster.node('beta').run(['cat', join(shared, 'who')])).stdout).toBe('beta');
    expect((await cluster.node('beta').run(['sh', '-c', `echo made on beta > ${shellQuote(join(shared, 'made'))}`])).code).toBe(0);
    expect(await cluster.node('beta').readFile(join(shared, 'made'))).toBe('made on beta\n');
    expect(cluster.node('beta').hostPath(join(shared, 'made'))).toBe(join(scratch, 'beta', 'made'));
    await expect(access(join(scratch, 'alpha', 'made'))).rejects.toThrow();
    // This machine sees the empty mount point, not a node's folder.
    await expect(access(join(shared, 'who'))).rejects.toThrow();
  });

  it('copies a node folder with rsync -a over ssh, both ways', async () => {
    const alpha = cluster.node('alpha');
    const data = join(shared, 'tree');
    await writeSmallTree(alpha.hostPath(data));
    const pulled = join(scratch, 'pulled');
    const pull = await execa('rsync', ['-a', '-e', alpha.ssh.sshCommand, `${alpha.ssh.destination}:${data}/`, `${pulled}/`], {
      stdin: 'ignore',
      reject: false,
    });
    expect(pull.exitCode, pull.stderr).toBe(0);
    expect(treeState(pulled)).toEqual(treeState(alpha.hostPath(data)));
    const beta = cluster.node('beta');
    const push = await execa('rsync', ['-a', '-e', beta.ssh.sshCommand, `${pulled}/`, `${beta.ssh.destination}:${data}/`], { stdin: 'ignore', reject: false });
    expect(push.exitCode, push.stderr).toBe(0);
    expect(treeState(beta.hostPath(data))).toEqual(treeState(pulled));
  });

  it('stops every node: ssh is refused, the mount point it made is gone', async () => {
    const own = new Teardown();
    const folder = await own.folder('nodes-stop');
    const path = `/srv/cellar-test-${randomBytes(4).toString('hex')}/cells`;
    await writeFile(join(folder, 'marker'), '');
    const single = await startSshNodes([{ name: 'gamma', address: '127.0.0.4', mounts: { [path]: folder } }]);
    const gamma = single.node('gamma');
    expect((await gamma.run(['ls', path])).stdout).toBe('marker');
    await single.stop();
    expect((await gamma.run(['true'])).code).toBe(255);
    await expect(access(join(path, '..'))).rejects.toThrow();
    await own.run();
  });
});
