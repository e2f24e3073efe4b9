import { join } from 'node:path';
import { pathExists } from '../adapters/fs/exists.js';
import { connect } from '../adapters/mysql/connect.js';
import { tableNames } from '../adapters/mysql/probe.js';
import type { CellsConfig } from '../cells/cells-config.js';
import type { PlanFile } from '../config/plan.js';
import { CellarError, isCellarError } from '../core/errors.js';
import { configuredDatabase } from '../observe/database-login.js';
import { vaultFiles } from '../model/installation.js';

/**
 * What a restored installation needs to start, checked once everything is in place: the vault
 * files, each datasource folder, and pydio.json's own database login reaching the snapshot's
 * tables. Returns the problems; a login that does not work is an error, since Cells cannot start.
 */
export async function checkRestored(plan: PlanFile, cells: CellsConfig, workingDir: string, tables: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of vaultFiles) {
    if (!pathExists(join(workingDir, file))) problems.push(`${file} is missing from ${workingDir}: Cells cannot decrypt its datasource secrets`);
  }
  for (const info of cells.datasources) {
    if (plan.datasources[info.name]?.backup === 'files' && info.folder !== undefined && !pathExists(info.folder)) {
      problems.push(`the folder of datasource ${info.name}, ${info.folder}, does not exist after the restore`);
    }
  }
  const missing = tables.length === 0 ? [] : await missingTables(cells, tables);
  if (missing.length > 0) problems.push(`the restored database lacks ${missing.length} tables (${missing.slice(0, 3).join(', ')})`);
  return problems;
}

/** The tables pydio.json's database login does not find, connecting exactly as Cells will. */
async function missingTables(cells: CellsConfig, tables: readonly string[]): Promise<string[]> {
  const database = configuredDatabase(cells);
  if (!database) return [];
  const connection = await connect(database.login, database.name).catch((error: unknown) => {
    const reason = isCellarError(error) ? error.message : String(error);
    throw new CellarError('DATABASE_UNREACHABLE', `the files and database are restored, but the login in the restored pydio.json does not work: ${reason}`, {
      cause: error,
    });
  });
  try {
    const present = new Set(await tableNames(connection, database.name));
    return tables.filter((table) => !present.has(table));
  } finally {
    await connection.end();
  }
}
