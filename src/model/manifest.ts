import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CellarError } from '../core/errors.js';
import type { DatabaseFingerprint } from './database-drift.js';
import type { TreeSpec } from './tree.js';
import type { Address } from './address.js';

/*
 * The manifest is written last, atomically: a snapshot folder without it does not exist. It names
 * every tree's file list (with its digest), the database dump and what decided it, and the config
 * files' digests.
 */

export const manifestFormat = '2';
/** Format 1 lacks owners: its lists read with unknown owners, its manifest with no owner names. */
const readableFormats: readonly string[] = ['1', manifestFormat];

export type SnapshotKind = 'backup' | 'safety';

export interface ManifestTree extends TreeSpec {
  /** The file list, relative to the snapshot folder. */
  readonly list: string;
  readonly sha256: string;
  readonly entries: number;
  readonly files: number;
  readonly bytes: number;
  /** Bytes this snapshot copied for the tree (0 when it was hard-linked from the previous one). */
  readonly newBytes: number;
}

export interface ManifestDatabase {
  readonly name: string;
  /** The dump, relative to the snapshot folder. */
  readonly dump: string;
  readonly sha256: string;
  readonly size: number;
  /** False when the dump is a hard link to the previous snapshot's. */
  readonly dumped: boolean;
  readonly fingerprint: DatabaseFingerprint;
  readonly client: { readonly program: string; readonly version: string; readonly flags: readonly string[] };
  readonly server: { readonly version: string; readonly variant: 'mariadb' | 'mysql' };
  readonly tables: readonly string[];
}

/** A store's dump, made by the plan's own command (stores.<id>.dump). */
export interface ManifestStore {
  /** Its id in pydio.json's databases. */
  readonly id: string;
  readonly driver: string;
  /** The dump, relative to the snapshot folder. */
  readonly dump: string;
  readonly sha256: string;
  readonly size: number;
  /** sha256 of what the store's fingerprint command printed when it was dumped. */
  readonly fingerprint: string;
  /** False when the dump is a hard link to the previous snapshot's. */
  readonly dumped: boolean;
}

export interface ManifestIndex {
  readonly datasource: string;
  readonly dump: string;
  readonly sha256: string;
  readonly size: number;
  readonly tables: readonly string[];
}

/** Names of the owner and group ids a snapshot's lists hold, by id: a restore on another host maps them by name. */
export interface OwnerNames {
  readonly users: Readonly<Record<string, string>>;
  readonly groups: Readonly<Record<string, string>>;
}

export interface ManifestConfigFile {
  readonly name: string;
  /** Null when the file was missing at backup time. */
  readonly sha256: string | null;
}

/** The installation a snapshot was taken of. */
export interface SnapshotCells {
  readonly workingDir: string;
  readonly version: string | null;
  readonly generation: string | null;
}

/** Something deliberately not saved: an exclude pattern, a skipped or provider-backed datasource. */
export interface SnapshotExclusion {
  readonly address: Address;
  readonly what: string;
}

export interface Manifest {
  readonly format_version: typeof manifestFormat;
  readonly id: string;
  readonly kind: SnapshotKind;
  readonly created: string;
  readonly tool: { readonly name: 'cellar'; readonly version: string };
  readonly host: string;
  readonly cells: SnapshotCells;
  readonly trees: readonly ManifestTree[];
  readonly config: readonly ManifestConfigFile[];
  readonly database: ManifestDatabase | null;
  readonly indexes: readonly ManifestIndex[];
  /** Stores dumped by the plan's commands; absent from manifests written before cellar knew stores. */
  readonly stores: readonly ManifestStore[];
  /** What was deliberately not saved: exclude patterns and skipped or provider-backed datasources. */
  readonly excluded: readonly SnapshotExclusion[];
  readonly warnings: readonly string[];
  /** For a safety snapshot: the snapshot whose restore it preceded. */
  readonly restoreOf: string | null;
  readonly owners: OwnerNames;
}

/** An optional tree that was absent when the snapshot was taken: its list is empty (any other list holds its root). */
export function isAbsent(tree: ManifestTree): boolean {
  return tree.entries === 0;
}

/** Snapshot ids are UTC timestamps, `20261125T140500Z`; they sort in time order. */
export const snapshotIdPattern = /^\d{8}T\d{6}Z$/;

/** `20261125T140500Z` → that instant. */
export function idToDate(id: string): Date {
  const iso = `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T${id.slice(9, 11)}:${id.slice(11, 13)}:${id.slice(13, 15)}Z`;
  return new Date(iso);
}

/** The snapshot id for an instant: its UTC timestamp to the second. */
export function dateToId(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/**
 * The manifest as it is stored: its JSON with a `digest` of everything else, so that a manifest
 * changed by anything but cellar (a flipped bit, an edit) is refused instead of trusted: it names
 * the folders a restore writes to. With the plan's signing key it also carries an HMAC of the
 * same, which only a holder of the key can recompute after an edit.
 */
export function sealManifest(manifest: Manifest, key: SigningKey | undefined): string {
  const digest = manifestDigest(manifest);
  const signed = key === undefined ? {} : { hmac: manifestHmac(manifest, key) };
  return `${JSON.stringify({ ...manifest, digest, ...signed }, null, 2)}\n`;
}

/** The plan's signing key, read from its secret. */
export type SigningKey = string;

// Over the compact JSON, in the stored key order (which parsing keeps).
function manifestDigest(body: object): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

function manifestHmac(body: object, key: SigningKey): string {
  return createHmac('sha256', key).update(JSON.stringify(body)).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Checks the digest (and, with a signing key, the HMAC) and the shape of a parsed manifest;
 * anything unexpected is a damaged snapshot, never trusted.
 */
export function parseManifest(json: unknown, where: string, key: SigningKey | undefined): Manifest {
  const fail = (what: string): never => {
    throw new CellarError('SNAPSHOT_DAMAGED', `${where} is not a valid cellar manifest (${what}); the snapshot is damaged, run cellar verify`);
  };
  if (!isRecord(json)) return fail('not a JSON object');
  if (typeof json.format_version !== 'string' || !readableFormats.includes(json.format_version)) {
    return fail(`format_version ${JSON.stringify(json.format_version)}, this cellar reads ${readableFormats.join(' and ')}; use a matching cellar version`);
  }
  const { digest, hmac, ...body } = json;
  if (digest !== manifestDigest(body)) fail(digest === undefined ? 'no digest' : 'its content does not match its digest');
  if (key !== undefined) {
    if (typeof hmac !== 'string') fail('it is not signed, and the plan sets signing.key; only snapshots written with the key are trusted');
    else if (!sameHex(hmac, manifestHmac(body, key)))
      fail('its signature does not match signing.key: it was changed without the key, or signed with another key');
  }
  if (json.format_version === '1') return { ...(json as unknown as Manifest), owners: { users: {}, groups: {} }, stores: [] };
  if (!isOwnerNames(json.owners)) fail('bad owners');
  if (typeof json.id !== 'string' || !snapshotIdPattern.test(json.id)) fail('bad id');
  if (json.kind !== 'backup' && json.kind !== 'safety') fail('bad kind');
  if (!Array.isArray(json.trees) || !json.trees.every(isTree)) fail('bad trees');
  if (!Array.isArray(json.config)) fail('bad config');
  if (json.database !== null && !isDatabase(json.database)) fail('bad database');
  if (!Array.isArray(json.indexes) || !Array.isArray(json.excluded) || !Array.isArray(json.warnings)) fail('bad lists');
  if (!isRecord(json.cells) || typeof json.cells.workingDir !== 'string') fail('bad cells');
  if (typeof json.created !== 'string' || typeof json.host !== 'string') fail('bad header');
  if (json.stores === undefined) return { ...(json as unknown as Manifest), stores: [] };
  if (!Array.isArray(json.stores) || !json.stores.every(isStore)) fail('bad stores');
  return json as unknown as Manifest;
}

function isTree(tree: unknown): boolean {
  return (
    isRecord(tree) &&
    typeof tree.id === 'string' &&
    typeof tree.address === 'string' &&
    typeof tree.source === 'string' &&
    typeof tree.snapshotPath === 'string' &&
    isSafeRelative(tree.snapshotPath) &&
    typeof tree.list === 'string' &&
    isSafeRelative(tree.list) &&
    typeof tree.sha256 === 'string' &&
    Array.isArray(tree.exclude) &&
    typeof tree.files === 'number'
  );
}

function isOwnerNames(owners: unknown): boolean {
  const names = (table: unknown): boolean => isRecord(table) && Object.values(table).every((name) => typeof name === 'string');
  return isRecord(owners) && names(owners.users) && names(owners.groups);
}

function isDatabase(database: unknown): boolean {
  return (
    isRecord(database) &&
    typeof database.name === 'string' &&
    typeof database.dump === 'string' &&
    isSafeRelative(database.dump) &&
    typeof database.sha256 === 'string' &&
    typeof database.size === 'number' &&
    isRecord(database.fingerprint)
  );
}

function isStore(store: unknown): boolean {
  return (
    isRecord(store) &&
    typeof store.id === 'string' &&
    typeof store.driver === 'string' &&
    isSafeRelative(store.dump) &&
    typeof store.sha256 === 'string' &&
    typeof store.size === 'number' &&
    typeof store.fingerprint === 'string'
  );
}

/** A path inside the snapshot folder: relative, without `..`. */
function isSafeRelative(path: unknown): boolean {
  return typeof path === 'string' && path !== '' && !path.startsWith('/') && !path.split('/').includes('..');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
