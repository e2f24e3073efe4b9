import { createServer } from 'node:net';
import { PortInUseError } from './process.js';

/** A port that was free on `address` a moment ago: bound as port 0, then released. */
export function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: address, port: 0, exclusive: true }, () => {
      const bound = server.address();
      server.close(() => {
        if (bound === null || typeof bound === 'string') reject(new Error(`no port was bound on ${address}`));
        else resolve(bound.port);
      });
    });
  });
}

/**
 * Starts a server on a free port of `address`, and on another one when a process took that port
 * between the check and the server's bind.
 */
export async function onFreePort<T>(address: string, start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort(address));
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= attempts) throw error;
    }
  }
}
