import { join } from 'node:path';
import { measureCommand, runCommand } from './measure.js';
import { rsyncCopy } from './plain-tools.js';
import type { Workspace } from './workspace.js';

/**
 * The state both sides start from, not timed: cellar's first snapshot, and a real copy of the
 * working dir (`<plain backups>/0`) made once with rsync -a and checked identical, for the dry run
 * to compare with and the plain backups to link against.
 */
export async function takeBaseline(ws: Workspace): Promise<string> {
  const first = await measureCommand(ws.cellar(['apply', '--yes', '-f', ws.planFile]), { env: ws.env });
  if (!first.stdout.includes('Apply complete: snapshot')) throw new Error(`the first cellar apply wrote no snapshot:\n${first.stdout.slice(-2000)}`);
  const copy = join(ws.plainBackups, '0');
  const source = ws.install.workingDir;
  await runCommand(rsyncCopy(source, copy));
  const differences = await runCommand(['rsync', '-a', '--delete', '--dry-run', '--itemize-changes', `${source}/`, `${copy}/`]);
  if (differences.trim() !== '') throw new Error(`the copy differs from the working dir:\n${differences.slice(0, 500)}`);
  return copy;
}
