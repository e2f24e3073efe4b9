import { join } from 'node:path';
import type { PlanFile } from '../config/plan.js';
import { CellarError } from '../core/errors.js';
import { pathExists } from '../adapters/fs/exists.js';
import { removeTree } from '../adapters/fs/folders.js';
import { dropDatabase } from '../adapters/mysql/admin.js';
import { connect } from '../adapters/mysql/connect.js';
import { findFolderUsers } from '../adapters/process/folder-users.js';
import { serviceControl } from './service-control.js';
import type { HeldLock } from '../model/lock.js';
import type { Host } from '../model/ports.js';
import type { DatabaseSource } from '../observe/database-login.js';
import type { UninstallAction, UninstallPlan } from '../model/actions.js';
import type { Reporter } from './reporter.js';
import { runActions, type Handlers } from './run-actions.js';

export interface UninstallRun {
  readonly plan: PlanFile;
  readonly actions: UninstallPlan;
  readonly database: DatabaseSource | undefined;
  readonly host: Host;
  readonly lock: HeldLock;
  readonly reporter: Reporter;
}

/** Removes the working dir (only it) and, when planned, the database. */
export async function runUninstall(run: UninstallRun): Promise<void> {
  const service = serviceControl(run.host, run.plan, run.lock);
  const handlers: Handlers<UninstallAction> = {
    'stop-service': (action) => service.stop(action.argv),
    'remove-files': (action) => {
      removeWorkingDir(action.path);
      run.lock.update({ serviceStopped: false });
    },
    'drop-database': (action) => dropUninstalledDatabase(run, action.database),
  };
  const failure = await runActions(run.actions.actions, handlers, { reporter: run.reporter, always: [], explain: (error) => error });
  if (failure !== undefined) throw failure;
}

/** Removes a Cells working dir, and refuses anything that does not look like one or is still in use. */
function removeWorkingDir(path: string): void {
  if (path.split('/').filter((part) => part !== '').length < 2) {
    throw new CellarError('APPLY_REFUSED', `refusing to remove ${path}: it is too close to the root to be a Cells working dir`);
  }
  if (!pathExists(join(path, 'pydio.json'))) {
    throw new CellarError('APPLY_REFUSED', `refusing to remove ${path}: it holds no pydio.json, so it is not a Cells working dir`);
  }
  const users = findFolderUsers(path);
  if (users.length > 0) {
    throw new CellarError(
      'CELLS_RUNNING',
      `refusing to remove ${path}: pid ${users[0]?.pid ?? '?'} (${users[0]?.command ?? '?'}) still uses it; stop Cells first`,
    );
  }
  removeTree(path);
}

async function dropUninstalledDatabase(run: UninstallRun, name: string): Promise<void> {
  if (!run.database) throw new Error('drop-database without a database');
  const connection = await connect(run.database.login);
  try {
    await dropDatabase(connection, name);
  } finally {
    await connection.end();
  }
}
