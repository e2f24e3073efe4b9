/** Cells' own admin commands, as argv arrays for the generation that runs them. */
import type { CellsConfig } from './cells-config.js';

/** Re-indexes a structured datasource from its storage: `datasource resync` from v4, `admin resync` before. */
export function resyncCommand(config: CellsConfig, datasource: string, binary: string): string[] {
  return (config.majorVersion ?? 0) >= 4
    ? [binary, 'admin', 'datasource', 'resync', '-d', datasource]
    : [binary, 'admin', 'resync', `--service=pydio.grpc.data.sync.${datasource}`];
}

/** Dumps a datasource's index to `snapshot.db` at its bucket root, so a flat datasource keeps its tree. */
export function indexSnapshotCommand(binary: string, datasource: string): string[] {
  return [binary, 'admin', 'datasource', 'snapshot', '-d', datasource, '-o', 'dump'];
}
