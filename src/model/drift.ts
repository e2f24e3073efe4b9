/* Drift: what changed outside cellar since a snapshot, per address. Kept apart from the actions that answer it. */

import type { Address } from './address.js';
import type { FileCounts, PathChange, TreePresence } from './tree.js';

export type DriftChange = 'added' | 'modified' | 'deleted';

export type Drift =
  | {
      readonly kind: 'files';
      readonly address: Address;
      readonly change: DriftChange;
      readonly files: FileCounts;
      /** Optional trees of the address that appeared or vanished as a whole; their paths are not listed. */
      readonly trees: readonly { readonly label: string; readonly change: Exclude<TreePresence, 'same'> }[];
      readonly paths: readonly PathChange[];
      readonly truncated: boolean;
    }
  | {
      readonly kind: 'database';
      readonly address: `database.${string}`;
      readonly change: DriftChange;
      /** How the change was established: binary log, InnoDB log sequence number, table metadata, checksums. */
      readonly signal: string;
      readonly tables: readonly string[];
    }
  | {
      readonly kind: 'store';
      readonly address: `store.${string}`;
      readonly change: DriftChange;
      /** The store's driver in pydio.json (mongodb, …). */
      readonly driver: string;
    };
