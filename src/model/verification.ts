/* What checking a snapshot against its manifest finds. */

/** An entry that lies in a snapshot's folder but not in its file list: something added it since. */
export interface ForeignEntry {
  readonly tree: string;
  /** Relative to the snapshot folder. */
  readonly path: string;
}

export interface VerifyOptions {
  /** Also re-hash every file and dump against its recorded sha256. */
  readonly readData: boolean;
  /** Called as `readData` hashes files and dumps, with the bytes read so far and in all. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** How many problems to keep (default 50); all are counted, and memory stays bounded whatever the damage. */
  readonly keepProblems?: number | undefined;
}

export interface VerifyResult {
  /** The first problems, in manifest order, one printable line each: `path: what is wrong`, paths relative to the snapshot folder. */
  readonly problems: readonly string[];
  /** Damage: listed entries missing or different, lists or dumps that do not match. Foreign entries are counted apart. */
  readonly problemCount: number;
  /** Foreign entries, up to `foreignKept`; a restore leaves them out. */
  readonly foreign: readonly ForeignEntry[];
  readonly foreignCount: number;
  /** Files and bytes the file lists record (found or not). */
  readonly files: number;
  readonly bytes: number;
  /** Database and index dumps checked. */
  readonly dumps: number;
}
