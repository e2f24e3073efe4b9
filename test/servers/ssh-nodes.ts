import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { execa } from 'execa';
import { generateKeyPair, knownHostsLine, sshAccess, type SshAccess } from './ssh-keys.js';
import { startSshd } from './sshd.js';
import { withTeardown, type Teardown } from './teardown.js';

/** One node of a multi-node installation. */
export interface SshNodeSpec {
  readonly name: string;
  /** Its own loopback address: 127.0.0.2, 127.0.0.3, … */
  readonly address: string;
  /**
   * Paths that this node sees as a folder of its own, by absolute path on the node: the folder on
   * this machine that is bind-mounted there. Two nodes can so have the same path with different
   * contents. Everything else they see as this machine has it.
   */
  readonly mounts?: Readonly<Record<string, string>>;
}

export interface NodeCommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running node: an sshd that lets root in with the generated key. */
export interface SshNode {
  readonly name: string;
  readonly address: string;
  readonly ssh: SshAccess;
  /** Runs a command on the node through ssh; the words are quoted for the node's shell. */
  run(command: readonly string[]): Promise<NodeCommandResult>;
  /** Where a path of the node is on this machine: inside its mounts, their folder; elsewhere, the same path. */
  hostPath(pathOnNode: string): string;
  readFile(pathOnNode: string): Promise<string>;
  /** Writes a file of the node, making its folders; it belongs to root, as if the node's root had written it. */
  writeFile(pathOnNode: string, content: string | Uint8Array): Promise<void>;
}

export interface SshNodes {
  readonly nodes: readonly SshNode[];
  /** The node of that name; throws for an unknown one. */
  node(name: string): SshNode;
  /** The user key, the same for every node. */
  readonly identityFile: string;
  /** One known_hosts file with every node's host key. */
  readonly knownHostsFile: string;
  stop(): Promise<void>;
}

/** A word as the node's POSIX shell reads it back unchanged. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Creates a mount point that does not exist yet; on teardown removes the folders it created, if still empty. */
async function ensureMountPoint(path: string, teardown: Teardown): Promise<void> {
  const created = await mkdir(path, { recursive: true });
  if (created === undefined) return;
  teardown.add(async () => {
    for (let folder = path; folder.length >= created.length; folder = dirname(folder)) {
      if (
        !(await rmdir(folder).then(
          () => true,
          () => false,
        ))
      )
        return;
    }
  });
}

function hostPathOf(mounts: readonly { path: string; folder: string }[], pathOnNode: string): string {
  if (!isAbsolute(pathOnNode)) throw new Error(`a node path must be absolute: ${pathOnNode}`);
  const inside = mounts
    .map((mount) => ({ mount, rest: relative(mount.path, pathOnNode) }))
    .filter(({ rest }) => !rest.startsWith('..') && !isAbsolute(rest))
    .sort((a, b) => b.mount.path.length - a.mount.path.length)[0];
  return inside === undefined ? pathOnNode : join(inside.mount.folder, inside.rest);
}

function validMounts(spec: SshNodeSpec): { path: string; folder: string }[] {
  const mounts = Object.entries(spec.mounts ?? {}).map(([path, folder]) => ({ path, folder }));
  for (const { path, folder } of mounts) {
    if (!isAbsolute(path) || !isAbsolute(folder)) throw new Error(`node ${spec.name}: mount ${path} → ${folder} needs two absolute paths`);
  }
  // A parent is bound before what is mounted inside it.
  return mounts.sort((a, b) => a.path.length - b.path.length);
}

/**
 * Starts one sshd per node on its loopback address, each in a mount namespace of its own where the
 * node's mounts are bound. One user key lets root into every node; one known_hosts file knows them all.
 */
export function startSshNodes(specs: readonly SshNodeSpec[]): Promise<SshNodes> {
  const names = new Set(specs.map((spec) => spec.name));
  if (names.size !== specs.length) throw new Error('every node needs a name of its own');
  return withTeardown(async (teardown) => {
    const root = await teardown.folder('nodes');
    const userKey = await generateKeyPair(join(root, 'user_ed25519'), 'cellar-test-nodes-user');
    const authorizedKeysFile = join(root, 'authorized_keys');
    await writeFile(authorizedKeysFile, `${userKey.publicLine}\n`);
    const knownHostsFile = join(root, 'known_hosts');
    let knownHosts = '';
    const nodes: SshNode[] = [];
    for (const spec of specs) {
      const mounts = validMounts(spec);
      for (const mount of mounts) await ensureMountPoint(mount.path, teardown);
      const hostKey = await generateKeyPair(join(root, `host_${nodes.length}_ed25519`), `cellar-test-node-${spec.name}`);
      const sshd = await startSshd({ name: `sshd of node ${spec.name} on ${spec.address}`, address: spec.address, hostKey, authorizedKeysFile, mounts });
      teardown.add(() => sshd.process.stop());
      knownHosts += knownHostsLine(spec.address, sshd.port, hostKey);
      nodes.push(sshNode(spec, mounts, sshAccess('root', spec.address, sshd.port, userKey.privateKey, knownHostsFile)));
    }
    await writeFile(knownHostsFile, knownHosts);
    const node = (name: string): SshNode => {
      const found = nodes.find((each) => each.name === name);
      if (found === undefined) throw new Error(`no node is named ${name}`);
      return found;
    };
    return { nodes, node, identityFile: userKey.privateKey, knownHostsFile, stop: () => teardown.run() };
  });
}

function sshNode(spec: SshNodeSpec, mounts: readonly { path: string; folder: string }[], ssh: SshAccess): SshNode {
  const hostPath = (pathOnNode: string): string => hostPathOf(mounts, pathOnNode);
  return {
    name: spec.name,
    address: spec.address,
    ssh,
    hostPath,
    run: async (command) => {
      const [program, ...options] = ssh.sshArgs;
      const result = await execa(program!, [...options, ssh.destination, command.map(shellQuote).join(' ')], { stdin: 'ignore', reject: false });
      return { code: result.exitCode ?? 255, stdout: result.stdout, stderr: result.stderr };
    },
    readFile: (pathOnNode) => readFile(hostPath(pathOnNode), 'utf8'),
    writeFile: async (pathOnNode, content) => {
      const path = hostPath(pathOnNode);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    },
  };
}
