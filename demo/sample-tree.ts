import { isAbsolute, relative } from 'node:path';
import { createRandom, pick, stableHex, stableUuid } from './random.js';
import type { JsonObject } from './sample-config.js';
import { boltFilesOf, formatConfig, vaultFile, vaultKeyFile } from './sample-config.js';
import { fileContent } from './sample-files.js';
import type { TreeWriter } from './sample-files.js';
import type { DatasourceLayout, SampleFile, SampleLayout } from './sample-layout.js';
import { sampleEpoch, sampleFile } from './sample-layout.js';

/** What the working dir is made from. */
export interface WorkingDirSource {
  readonly workingDir: string;
  readonly config: JsonObject;
  readonly layout: SampleLayout;
  readonly pool: Buffer;
}

interface BucketUsage {
  objects: number;
  bytes: number;
}

const day = 86_400;
const pageSize = 4096;
/** Objects above 1 MiB were uploaded in parts of 5 MiB; minio keeps an fs.json for each. */
const multipartFrom = 1024 * 1024;
const partSize = 5 * 1024 * 1024;
/** The last configuration change: after every sample file. */
const configTime = sampleEpoch + 740 * day;
/** Files that keep changing while Cells runs (logs, stores): the newest. */
const runTime = sampleEpoch + 745 * day;

/** Writes a whole Cells working dir: config and vault, datasource files, `.minio.sys`, service stores, logs, certs. */
export async function writeWorkingDir(writer: TreeWriter, source: WorkingDirSource): Promise<void> {
  writeConfigFiles(writer, source);
  const usage = await writeDatasources(writer, source);
  writeMinioSys(writer, source, usage);
  writeServiceStores(writer, source);
  writeLogs(writer, source.layout);
  writeCerts(writer, source.pool);
}

function writeConfigFiles(writer: TreeWriter, { config, layout }: WorkingDirSource): void {
  writer.file('pydio.json', [Buffer.from(formatConfig(config))], configTime, 0o600);
  writer.file('pydio-vault.json', [Buffer.from(vaultFile(config, layout.seed))], configTime, 0o600);
  writer.file('cells-vault-key', [Buffer.from(vaultKeyFile(layout.seed))], sampleEpoch, 0o600);
}

/** Every sample file, yielding now and then so that the database can load at the same time. */
async function writeDatasources(writer: TreeWriter, { layout, pool }: WorkingDirSource): Promise<Map<string, BucketUsage>> {
  const usage = new Map<string, BucketUsage>();
  for (const ds of layout.datasources) {
    writer.folder(`data/${ds.folder}`);
    usage.set(ds.bucket, { objects: 0, bytes: 0 });
    if (!ds.flat && !ds.internal) writeFolderMarkers(writer, ds);
  }
  for (let index = 0; index < layout.files; index++) {
    const file = sampleFile(layout, index);
    writer.file(`data/${file.datasource.folder}/${file.diskPath}`, fileContent(pool, file, file.mtime), file.mtime);
    const bucket = usage.get(file.datasource.bucket)!;
    bucket.objects += 1;
    bucket.bytes += file.size;
    if (file.size > multipartFrom) writeObjectMeta(writer, file);
    if (index % 256 === 255) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return usage;
}

/** Structured datasources keep a `.pydio` file holding the node UUID in every folder. */
function writeFolderMarkers(writer: TreeWriter, ds: DatasourceLayout): void {
  writer.file(`data/${ds.folder}/.pydio`, [Buffer.from(ds.rootUuid)], sampleEpoch);
  for (const folder of ds.folders) {
    writer.file(`data/${ds.folder}/${folder.path}/.pydio`, [Buffer.from(folder.uuid)], sampleEpoch);
  }
}

/** Minio's per-object metadata, kept for objects uploaded in parts. */
function writeObjectMeta(writer: TreeWriter, file: SampleFile): void {
  const etag = `${stableHex(32, file.uuid, 'etag')}-${Math.ceil(file.size / partSize)}`;
  const meta = {
    version: '1.0.2',
    checksum: { algorithm: '', blocksize: 0, hashes: null },
    meta: { etag, 'content-type': 'application/octet-stream' },
  };
  const path = `data/.minio.sys/buckets/${file.datasource.bucket}/${file.diskPath}/fs.json`;
  writer.file(path, [Buffer.from(JSON.stringify(meta))], file.mtime);
}

/** The objects service's own folder: format, config, bucket metadata and usage, empty work folders. */
function writeMinioSys(writer: TreeWriter, { layout, pool }: WorkingDirSource, usage: Map<string, BucketUsage>): void {
  const format = { version: '1', format: 'fs', id: stableUuid(layout.seed, 'minio'), fs: { version: '2' } };
  writer.file('data/.minio.sys/format.json', [Buffer.from(JSON.stringify(format))], sampleEpoch);
  const config = { version: '33', region: { name: 'us-east-1' }, worm: 'off', browser: 'off' };
  writer.file('data/.minio.sys/config/config.json', [Buffer.from(JSON.stringify(config))], sampleEpoch);
  const summary = usageSummary(usage);
  writer.file('data/.minio.sys/buckets/.usage.json', [Buffer.from(JSON.stringify(summary))], runTime);
  for (const [i, name] of [...usage.keys()].entries()) {
    const metadata = pool.subarray(i * pageSize, i * pageSize + 412);
    writer.file(`data/.minio.sys/buckets/${name}/.metadata.bin`, [metadata], sampleEpoch);
  }
  writer.folder('data/.minio.sys/multipart');
  writer.folder(`data/.minio.sys/tmp/${stableUuid(layout.seed, 'minio-tmp')}`);
}

/** Minio's usage cache: objects and bytes per bucket and in all. */
function usageSummary(usage: Map<string, BucketUsage>): object {
  const buckets = [...usage].map(([name, { objects, bytes }]) => [name, { size: bytes, objectsCount: objects }] as const);
  const all = [...usage.values()];
  return {
    lastUpdate: new Date(runTime * 1000).toISOString(),
    objectsCount: all.reduce((sum, bucket) => sum + bucket.objects, 0),
    objectsTotalSize: all.reduce((sum, bucket) => sum + bucket.bytes, 0),
    bucketsUsageInfo: Object.fromEntries(buckets),
  };
}

/** Bolt and Bleve stores of the services: the ones pydio.json names and the ones Cells keeps by default. */
function writeServiceStores(writer: TreeWriter, { workingDir, config, layout, pool }: WorkingDirSource): void {
  const scale = Math.floor(layout.files / 200);
  const stores = new Map<string, number>([
    ['services/pydio.grpc.jobs/jobs.db', 8 + scale],
    ['services/pydio.grpc.mailer/queue.db', 8],
    ['services/pydio.grpc.search/searchengine.bleve/store/root.bolt', 16 + scale * 4],
    ['services/pydio.grpc.log/syslog.bleve/store/root.bolt', 16 + scale * 2],
  ]);
  for (const path of boltFilesOf(config)) {
    const inside = relative(workingDir, path);
    if (!inside.startsWith('..') && !isAbsolute(inside)) stores.set(inside, 8 + scale);
  }
  for (const [path, pages] of stores) writer.file(path, boltPages(pool, pages, path), runTime, 0o600);
  const bleveMeta = Buffer.from(JSON.stringify({ storage: 'boltdb', index_type: 'upside_down' }));
  writer.file('services/pydio.grpc.search/searchengine.bleve/index_meta.json', [bleveMeta], sampleEpoch);
  writer.file('services/pydio.grpc.log/syslog.bleve/index_meta.json', [bleveMeta], sampleEpoch);
}

/** A file shaped like a Bolt database: two meta pages with Bolt's magic number, then data pages. */
function boltPages(pool: Buffer, pages: number, key: string): Uint8Array[] {
  const chunks: Uint8Array[] = [boltMeta(0, pages), boltMeta(1, pages)];
  let remaining = (pages - 2) * pageSize;
  let offset = parseInt(stableHex(6, key), 16) % (pool.length - pageSize);
  while (remaining > 0) {
    const length = Math.min(remaining, pool.length - offset);
    chunks.push(pool.subarray(offset, offset + length));
    remaining -= length;
    offset = 0;
  }
  return chunks;
}

function boltMeta(id: number, pages: number): Buffer {
  const page = Buffer.alloc(pageSize);
  page.writeBigUInt64LE(BigInt(id), 0);
  page.writeUInt16LE(0x04, 8); // meta page
  page.writeUInt32LE(0xed0cdaed, 16); // Bolt's magic
  page.writeUInt32LE(2, 20); // format version
  page.writeUInt32LE(pageSize, 24);
  page.writeBigUInt64LE(3n, 32); // root bucket page
  page.writeBigUInt64LE(2n, 48); // freelist page
  page.writeBigUInt64LE(BigInt(pages), 56); // high-water mark
  page.writeBigUInt64LE(BigInt(1000 + id), 64); // transaction id
  return page;
}

const loggers = ['pydio.grpc.data.sync', 'pydio.grpc.tasks', 'pydio.rest.frontend', 'pydio.grpc.search', 'pydio.gateway.data', 'pydio.grpc.jobs'];
const messages = ['Upload finished', 'Indexing node', 'Task completed', 'Session refreshed', 'Resync triggered', 'Thumbnail generated', 'Listing folder'];

/** JSON-lines service logs, growing with the size of the installation. */
function writeLogs(writer: TreeWriter, layout: SampleLayout): void {
  const random = createRandom(layout.seed ^ 0x10c);
  const lines: string[] = [];
  for (let i = 0; i < 200 + Math.floor(layout.files / 5); i++) {
    const ts = new Date((sampleEpoch + Math.floor(random() * 745 * day)) * 1000).toISOString();
    const level = random() < 0.05 ? 'warn' : 'info';
    lines.push(
      JSON.stringify({
        level,
        ts,
        logger: pick(random, loggers),
        msg: pick(random, messages),
        SpanUuid: stableUuid(layout.seed, 'span', i),
      }),
    );
  }
  writer.file('logs/pydio.log', [Buffer.from(`${lines.join('\n')}\n`)], runTime);
  writer.file('logs/tasks.log', [Buffer.from(`${lines.slice(0, 100).join('\n')}\n`)], runTime);
}

/** The self-signed certificates of the `TLSConfig.SelfSigned` site. */
function writeCerts(writer: TreeWriter, pool: Buffer): void {
  const pem = (label: string, at: number): Buffer => {
    const body = pool
      .subarray(at, at + 900)
      .toString('base64')
      .replace(/(.{64})/g, '$1\n');
    return Buffer.from(`-----BEGIN ${label}-----\n${body.trimEnd()}\n-----END ${label}-----\n`);
  };
  writer.file('certs/rootCA.pem', [pem('CERTIFICATE', 1000)], sampleEpoch);
  writer.file('certs/rootCA-key.pem', [pem('RSA PRIVATE KEY', 2000)], sampleEpoch, 0o600);
  writer.file('certs/local.pydio.pem', [pem('CERTIFICATE', 3000)], sampleEpoch);
  writer.file('certs/local.pydio-key.pem', [pem('RSA PRIVATE KEY', 4000)], sampleEpoch, 0o600);
}
