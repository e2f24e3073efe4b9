/** What the plan speaks of: parts of the installation, targets and snapshots. */
export type Address = 'workdir' | 'config' | `datasource.${string}` | `database.${string}` | `store.${string}` | `target.${string}` | `snapshot.${string}`;
