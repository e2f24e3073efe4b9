import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onFreePort } from './ports.js';
import { startServerProcess } from './process.js';
import type { ResticRepository } from './restic.js';
import { withTeardown } from './teardown.js';

export interface RestServerOptions {
  /** Refuse deletions and overwrites (`--append-only`), as a backup server that ransomware cannot prune. */
  readonly appendOnly?: boolean;
}

/** restic's REST server protocol, served by `rclone serve restic` from a temporary folder. */
export interface RestServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly port: number;
  /** The folder the server keeps its repositories in. */
  readonly dataDir: string;
  /** The repository at the server's root, `rest:http://127.0.0.1:PORT/`. */
  readonly restic: ResticRepository;
  /** Another repository on the same server, `rest:http://127.0.0.1:PORT/NAME/`. */
  repository(name: string): ResticRepository;
  stop(): Promise<void>;
}

const address = '127.0.0.1';

/** Starts `rclone serve restic` on a free port of 127.0.0.1. */
export function startRestServer(options: RestServerOptions = {}): Promise<RestServer> {
  return withTeardown(async (teardown) => {
    const root = await teardown.folder('rest');
    const dataDir = join(root, 'data');
    const config = join(root, 'rclone.conf');
    await writeFile(config, '');
    await mkdir(dataDir);
    const { port, server } = await onFreePort(address, async (port) => {
      const server = await startServerProcess({
        name: `rclone serve restic${options.appendOnly === true ? ' --append-only' : ''}`,
        command: 'rclone',
        args: ['serve', 'restic', '--config', config, '--addr', `${address}:${port}`, ...(options.appendOnly === true ? ['--append-only'] : []), dataDir],
        ready: /Serving restic REST API on/,
        portInUse: /address already in use/,
      });
      return { port, server };
    });
    teardown.add(() => server.stop());
    const url = `http://${address}:${port}/`;
    const repository = (name: string): ResticRepository => ({ repository: `rest:${url}${name === '' ? '' : `${name}/`}`, options: [], env: {} });
    return { url, port, dataDir, restic: repository(''), repository, stop: () => teardown.run() };
  });
}
