/*
 * Runs one of cellar's steps alone, in a process of its own, and prints `{ seconds, peakKib }` as
 * JSON: the time of the step's call only (not Node's start-up or module loading) and the process's
 * peak RSS. The database password comes from CELLS_DB_PASSWORD, never from argv.
 */
import { connect } from '../src/adapters/mysql/connect.js';
import { dumpDatabase } from '../src/adapters/mysql/dump.js';
import type { Login } from '../src/adapters/mysql/login.js';
import { readServerInfo } from '../src/adapters/mysql/probe.js';
import { localSnapshotStore } from '../src/adapters/target/local-store.js';
import { observeDatabase } from '../src/observe/observe-database.js';

/** The request, as the benchmark passes it in argv[2]. */
export type StepRequest =
  | { readonly step: 'fingerprint'; readonly login: Omit<Login, 'password'>; readonly database: string; readonly target: string }
  | { readonly step: 'dump'; readonly login: Omit<Login, 'password'>; readonly database: string; readonly output: string };

async function main(request: StepRequest): Promise<void> {
  const login: Login = { ...request.login, password: process.env.CELLS_DB_PASSWORD };
  let seconds: number;
  switch (request.step) {
    case 'fingerprint': {
      // The fingerprint recorded by the latest snapshot, as a backup plan compares with it.
      const latest = localSnapshotStore('bench', request.target, undefined)
        .list()
        .snapshots.filter((snapshot) => snapshot.kind === 'backup')
        .pop();
      const previous = latest?.database?.fingerprint;
      if (previous === undefined) throw new Error(`${request.target} holds no backup with a database to compare with`);
      const started = performance.now();
      const { verdict } = await observeDatabase({ name: request.database, login }, previous, undefined);
      seconds = (performance.now() - started) / 1000;
      if (verdict.changed) throw new Error(`the database changed (${verdict.signal}); the step must decide "unchanged"`);
      break;
    }
    case 'dump': {
      // apply knows the server from its observation: only the dump itself is timed.
      const connection = await connect(login, request.database);
      const server = await readServerInfo(connection).finally(() => connection.end());
      const started = performance.now();
      await dumpDatabase({ login, server, database: request.database, output: request.output });
      seconds = (performance.now() - started) / 1000;
      break;
    }
  }
  process.stdout.write(`${JSON.stringify({ seconds, peakKib: process.resourceUsage().maxRSS })}\n`);
}

try {
  await main(JSON.parse(process.argv[2] ?? '') as StepRequest);
} catch (error) {
  process.stderr.write(`step: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
