import { createHash } from 'node:crypto';
import { createRandom, pick, stableHex } from './random.js';
import type { DatasourceLayout, SampleLayout } from './sample-layout.js';
import { fileUuid, sampleEpoch, sampleFile, userLogins } from './sample-layout.js';

export type SqlValue = string | number | null;

/** Rows for one table, produced lazily so that millions of them never sit in memory at once. */
export interface TableRows {
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: Iterable<readonly SqlValue[]>;
}

/** Columns of every Cells index tree (datasources and users). */
export const indexColumns = 'uuid level name leaf mtime etag size mode mpath1 mpath2 mpath3 mpath4 hash hash2';

/** Cells splits a materialised path over four columns of this length. */
const mpathColumnLength = 255;
const fileMode = '436';
const folderMode = '511';
const day = 86_400;
const metaNamespaces = 'usermeta-tags usermeta-description image_dimensions content_extract exif usermeta-owner checksum'.split(' ');
const words = 'alpha budget client draft estimate final growth invoice journal launch meeting notes offer review'.split(' ');

/** Rows for `name`, whose `columns` are listed with spaces between them. */
export function table(name: string, columns: string, rows: Iterable<readonly SqlValue[]>): TableRows {
  return { table: name, columns: columns.split(' '), rows };
}

/** `data_index_<ds>_idx_tree`: one row per file, then the root and the folders with their total sizes. */
export function indexTable(layout: SampleLayout, ds: DatasourceLayout): TableRows {
  return table(`data_index_${ds.name}_idx_tree`, indexColumns, indexRows(layout, ds));
}

/** `data_meta`: metadata for a third of the files, then more until about `budget` bytes of it exist. */
export function metaTable(layout: SampleLayout, budget: number): TableRows {
  return table('data_meta', 'node_id namespace author timestamp data format', metaRows(layout, budget));
}

/** A row of a Cells index tree, with the hashes Cells computes: SHA1 of the path, and of name and parent path. */
export function indexRow(uuid: string, name: string, leaf: boolean, mtime: number, etag: string, size: number, mpath: string): SqlValue[] {
  const parts = [0, 1, 2, 3].map((i) => mpath.slice(i * mpathColumnLength, (i + 1) * mpathColumnLength));
  const steps = mpath.split('.');
  const parent = steps.slice(0, -1).join('.');
  const mode = leaf ? fileMode : folderMode;
  const hashes = [sha1(mpath), sha1(`${name}__###PARENT_HASH###__${parent}`)];
  return [uuid, steps.length, name, leaf ? 1 : 0, mtime, etag, size, mode, ...parts, ...hashes];
}

function* indexRows(layout: SampleLayout, ds: DatasourceLayout): Generator<SqlValue[]> {
  const sizes = new Float64Array(ds.folders.length);
  let total = 0;
  for (let index = ds.first; index < ds.first + ds.count; index++) {
    const file = sampleFile(layout, index);
    for (let f = file.folder; f >= 0; f = ds.folders[f]!.parent) sizes[f]! += file.size;
    total += file.size;
    const etag = stableHex(32, file.uuid, file.mtime);
    yield indexRow(file.uuid, file.name, true, file.mtime, etag, file.size, file.mpath);
  }
  const changed = sampleEpoch + 730 * day;
  yield indexRow(ds.rootUuid, '', false, changed, stableHex(32, ds.rootUuid), total, '1');
  for (const [k, folder] of ds.folders.entries()) {
    yield indexRow(folder.uuid, folder.name, false, changed, stableHex(32, folder.uuid), sizes[k]!, folder.mpath);
  }
}

/** Average size of a padding row's data, to tell how many rows per file `budget` needs. */
const paddingRowBytes = 2620;

/**
 * Short metadata for a third of the files, or, when `budget` asks for more, longer metadata in as many
 * namespaces per file as needed. Rows come in key order (node, then namespace) so that they load fast.
 */
function* metaRows(layout: SampleLayout, budget: number): Generator<SqlValue[]> {
  const random = createRandom(layout.seed ^ 0x3e7a);
  const text = wordPool(layout.seed);
  const padding = budget > 0;
  const rounds = padding ? Math.ceil(budget / (paddingRowBytes * Math.max(1, layout.files))) : 1;
  let produced = 0;
  let rows = 0;
  for (let node = 0; node < layout.files; node++) {
    for (let round = 0; round < rounds; round++) {
      if (rows >= layout.files / 3 && produced >= budget) return;
      const length = padding ? 1000 + Math.floor(random() * 3000) : 40 + Math.floor(random() * 400);
      const start = Math.floor(random() * (text.length - length));
      const data = JSON.stringify({ value: text.slice(start, start + length), rev: rows });
      produced += data.length;
      rows += 1;
      const author = pick(random, userLogins);
      yield [fileUuid(layout.seed, node), metaNamespace(round), author, sampleEpoch + node, data, 'json'];
    }
  }
}

function metaNamespace(round: number): string {
  const base = metaNamespaces[round % metaNamespaces.length]!;
  return round < metaNamespaces.length ? base : `${base}-${Math.floor(round / metaNamespaces.length)}`;
}

/** About 256 KB of words to cut metadata text from: compresses like real text does. */
function wordPool(seed: number): string {
  const random = createRandom(seed ^ 0x5eed);
  const parts: string[] = [];
  for (let length = 0; length < 256 * 1024;) {
    const word = pick(random, words);
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}
