import { basename, dirname, join } from 'node:path';
import { makeFolder } from '../adapters/fs/folders.js';
import { sha256File } from '../adapters/fs/hash-file.js';
import { fsPath } from '../adapters/fs/path-bytes.js';
import { CellarError } from '../core/errors.js';
import type { RestorePath } from '../model/actions.js';
import type { Host } from '../model/ports.js';
import { printablePath } from '../model/text.js';
import { copyProgress, type Reporter } from './reporter.js';

/**
 * Copies one file or folder of a datasource back from the snapshot (no `--delete`: what was added
 * there since stays), then reads every file it holds and compares it with the snapshot's sha256,
 * so that a tampered snapshot never comes back as the user's data.
 */
export async function restorePathFromSnapshot(host: Host, snapshotFolder: string, action: RestorePath, reporter: Reporter): Promise<void> {
  const source = join(snapshotFolder, action.tree.snapshotPath, action.path);
  const folder = action.kind === 'dir' ? action.destination : dirname(action.destination);
  makeFolder(folder);
  await host.copyTo({
    source: action.kind === 'dir' ? source : dirname(source),
    destination: folder,
    exclude: [],
    only: action.kind === 'dir' ? undefined : [basename(action.path)],
    delete: false,
    onProgress: (copied) => {
      reporter.progress(`restoring ${action.address}`, copyProgress(copied, action.expected));
    },
  });
  reporter.progressDone();
  for (const file of action.files) {
    const restored = action.kind === 'dir' ? fsPath(action.destination, file.path) : fsPath(dirname(action.destination), basename(action.destination));
    if (sha256File(restored) !== file.sha256) {
      const where = file.path === '' ? action.destination : `${action.destination}/${printablePath(file.path)}`;
      throw new CellarError(
        'SNAPSHOT_DAMAGED',
        `${where} does not hold what the snapshot recorded (its sha256 differs): the snapshot's copy was changed; run cellar verify --read-data and restore from another snapshot`,
      );
    }
  }
}
