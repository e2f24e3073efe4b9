import type { DatasourceSpec } from './sample-config.js';
import { logUniform, pick, randomFor, stableUuid, timeOrderedUuid } from './random.js';

/** A folder of a datasource's tree, as Cells' index sees it. */
export interface SampleFolder {
  readonly uuid: string;
  readonly name: string;
  /** Index of the parent folder, -1 for the datasource root. */
  readonly parent: number;
  /** Materialised path in the index (`1.3.2`). */
  readonly mpath: string;
  /** Path below the datasource root (`Projects/Drafts-14`). */
  readonly path: string;
}

/** Where a datasource's files sit in the sample: a contiguous range of file numbers and a folder tree. */
export interface DatasourceLayout extends DatasourceSpec {
  readonly first: number;
  readonly count: number;
  readonly folders: readonly SampleFolder[];
  readonly rootUuid: string;
}

/** Everything needed to recompute any file of the sample from its number. */
export interface SampleLayout {
  readonly seed: number;
  readonly files: number;
  /** Every n-th file is large (0: none). */
  readonly largeEvery: number;
  readonly datasources: readonly DatasourceLayout[];
}

/** One file of a datasource: its place in the index and on disk, its size and time. */
export interface SampleFile {
  readonly index: number;
  readonly datasource: DatasourceLayout;
  readonly uuid: string;
  /** Name in the index: for flat datasources the only place that keeps it. */
  readonly name: string;
  /** Folder index in `datasource.folders`, -1 for the root. */
  readonly folder: number;
  readonly mpath: string;
  /** Path below the datasource folder: the UUID for flat storage, the real tree for structured. */
  readonly diskPath: string;
  readonly size: number;
  /** Seconds since the epoch. */
  readonly mtime: number;
  /** Where the content starts in the byte pool, as a fraction of the room left. */
  readonly contentAt: number;
}

/** First logins of the sample's users; their personal folders head the `personal` tree. */
export const userLogins = ['admin', 'alice', 'bob', 'carol', 'dave', 'erin'] as const;

/** Sample files and folders date from 2023-01-01 to the end of 2024. */
export const sampleEpoch = 1_672_531_200;
const twoYears = 2 * 365 * 86_400;

/** Folders hold up to this many sub-folders; files come after them. */
const arity = 6;
const filesPerFolder = 25;
const shares: Readonly<Record<string, number>> = {
  pydiods1: 45,
  personal: 25,
  cellsdata: 20,
  versions: 7,
  thumbnails: 3,
};
const topFolders = ['Projects', 'Finance', 'Marketing', 'Engineering', 'Legal', 'Archive'];
const subFolders = 'Drafts Reports Clients Invoices Photos Specs Minutes Contracts Assets Q1 Q2 Q3 Q4'.split(' ');
const stems = 'report invoice meeting-notes budget photo scan contract draft summary roadmap slides export'.split(' ');
const extensions = {
  small: ['txt', 'md', 'json', 'csv', 'docx', 'odt', 'xml', 'html'],
  medium: ['pdf', 'jpg', 'png', 'xlsx', 'pptx'],
  large: ['mp4', 'zip', 'mov', 'iso'],
} as const;

/** Splits `files` between the datasources and lays out their trees. */
export function layoutSample(seed: number, files: number, largeFiles: number, specs: readonly DatasourceSpec[]): SampleLayout {
  const weights = specs.map((spec) => shares[spec.name] ?? 10);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let first = 0;
  let weightSoFar = 0;
  const datasources = specs.map((spec, i) => {
    weightSoFar += weights[i]!;
    const end = i === specs.length - 1 ? files : Math.round((files * weightSoFar) / total);
    const layout = layoutDatasource(seed, spec, first, end - first);
    first = end;
    return layout;
  });
  const largeEvery = largeFiles > 0 ? Math.max(1, Math.floor(files / largeFiles)) : 0;
  return { seed, files, largeEvery, datasources };
}

/** The datasource that holds file number `index`. */
function datasourceOf(layout: SampleLayout, index: number): DatasourceLayout {
  const found = layout.datasources.find((ds) => index >= ds.first && index < ds.first + ds.count);
  if (found === undefined) throw new RangeError(`the sample has no file number ${index}`);
  return found;
}

/** File number `index`, recomputed from the seed alone. */
export function sampleFile(layout: SampleLayout, index: number): SampleFile {
  const datasource = datasourceOf(layout, index);
  const random = randomFor(layout.seed, 'file', index);
  const local = index - datasource.first;
  const uuid = fileUuid(layout.seed, index);
  const kind = sizeClass(layout, datasource, index, random());
  const size = fileSize(kind, random);
  const name = datasource.internal ? internalName(datasource, uuid) : `${pick(random, stems)}-${local}.${pick(random, extensions[kind])}`;
  const folder = datasource.folders.length === 0 ? -1 : local % datasource.folders.length;
  const position = datasource.folders.length === 0 ? local + 1 : arity + 1 + Math.floor(local / datasource.folders.length);
  const parent = folder < 0 ? undefined : datasource.folders[folder];
  return {
    index,
    datasource,
    uuid,
    name,
    folder,
    mpath: `${parent?.mpath ?? '1'}.${position}`,
    diskPath: diskPath(datasource, parent, uuid, name),
    size,
    mtime: sampleEpoch + Math.floor(random() * twoYears),
    contentAt: random(),
  };
}

/** The node UUID of file number `index`: time-ordered, so index rows load in key order (several times faster). */
export function fileUuid(seed: number, index: number): string {
  return timeOrderedUuid(sampleEpoch * 1000 + index, seed, 'node', index);
}

function layoutDatasource(seed: number, spec: DatasourceSpec, first: number, count: number): DatasourceLayout {
  const folderCount = spec.internal || count === 0 ? 0 : Math.ceil(count / filesPerFolder);
  const folders: SampleFolder[] = [];
  for (let k = 0; k < folderCount; k++) {
    const parent = Math.floor(k / arity) - 1;
    const name = parent < 0 ? topFolderName(spec, k) : `${subFolders[k % subFolders.length]!}-${k}`;
    const above = parent < 0 ? undefined : folders[parent];
    folders.push({
      uuid: stableUuid(seed, spec.name, 'folder', k),
      name,
      parent,
      mpath: `${above?.mpath ?? '1'}.${(k % arity) + 1}`,
      path: above === undefined ? name : `${above.path}/${name}`,
    });
  }
  return { ...spec, first, count, folders, rootUuid: stableUuid(seed, spec.name, 'root') };
}

function topFolderName(spec: DatasourceSpec, k: number): string {
  return spec.name === 'personal' ? userLogins[k]! : topFolders[k]!;
}

type SizeClass = keyof typeof extensions;

function sizeClass(layout: SampleLayout, datasource: DatasourceLayout, index: number, draw: number): SizeClass {
  if (datasource.internal) return 'small';
  if (layout.largeEvery > 0 && index % layout.largeEvery === Math.floor(layout.largeEvery / 2)) return 'large';
  return draw < 0.05 ? 'medium' : 'small';
}

function fileSize(kind: SizeClass, random: () => number): number {
  switch (kind) {
    case 'small':
      return logUniform(random, 100, 16 * 1024);
    case 'medium':
      return logUniform(random, 16 * 1024, 512 * 1024);
    case 'large':
      return logUniform(random, 1024 * 1024, 6 * 1024 * 1024);
  }
}

function internalName(datasource: DatasourceLayout, uuid: string): string {
  return datasource.name === 'thumbnails' ? `${uuid}-256.jpg` : uuid;
}

function diskPath(datasource: DatasourceLayout, parent: SampleFolder | undefined, uuid: string, name: string): string {
  if (datasource.internal) return name;
  if (datasource.flat) return uuid;
  return parent === undefined ? name : `${parent.path}/${name}`;
}
