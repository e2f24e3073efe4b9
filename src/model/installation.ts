/* What every Cells installation holds that cellar treats apart. */

/** pydio.json and the vault files: they travel together, or every datasource breaks after a restore. */
export const configFiles = ['pydio.json', 'pydio-vault.json', 'cells-vault-key'] as const;
export const vaultFiles = ['pydio-vault.json', 'cells-vault-key'] as const;
/** Left in the working dir by a restore until it is complete and checked; never part of a tree. */
export const restoreMarkerName = '.cellar-restore-incomplete';

/** What a restore that has not completed left in the working dir. */
export interface RestoreMarker {
  readonly snapshot: string;
  readonly started: string;
}
