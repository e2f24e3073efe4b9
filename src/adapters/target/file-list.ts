import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CellarError } from '../../core/errors.js';
import { unknownOwner, type EntryType, type RecordedEntry } from '../../model/tree.js';

/*
 * A snapshot's file list: one JSON object per line, in `comparePaths` order, so that it can be
 * written and compared with a live tree while streaming, whatever the number of files.
 */

const typeCodes: Record<EntryType, string> = { file: 'f', dir: 'd', symlink: 'l', other: 'o' };
const codeTypes = new Map<unknown, EntryType>(Object.entries(typeCodes).map(([type, code]) => [code, type as EntryType]));

export interface FileListSummary {
  readonly sha256: string;
  readonly entries: number;
  readonly files: number;
  readonly bytes: number;
}

export interface FileListWriter {
  add(entry: RecordedEntry): void;
  /** Flushes, syncs to disk and closes; the summary goes into the manifest. */
  close(): FileListSummary;
}

const flushAt = 1 << 20;

/** Creates the list at `path` (mode 0600) and returns a writer for its entries. */
export function createFileList(path: string): FileListWriter {
  const fd = openSync(path, 'wx', 0o600);
  const hash = createHash('sha256');
  let pending = '';
  let entries = 0;
  let files = 0;
  let bytes = 0;
  const flush = (): void => {
    if (pending === '') return;
    const chunk = Buffer.from(pending, 'utf8');
    hash.update(chunk);
    writeSync(fd, chunk);
    pending = '';
  };
  return {
    add(entry) {
      pending += `${encodeEntry(entry)}\n`;
      entries += 1;
      if (entry.type === 'file') {
        files += 1;
        bytes += entry.size;
      }
      if (pending.length >= flushAt) flush();
    },
    close() {
      try {
        flush();
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return { sha256: hash.digest('hex'), entries, files, bytes };
    },
  };
}

/** The entries of a file list, read a chunk at a time; a malformed line is a damaged snapshot. */
export function* readFileList(path: string): Generator<RecordedEntry> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new CellarError('SNAPSHOT_DAMAGED', `the file list ${path} is missing; the snapshot is damaged (run cellar verify)`, { cause: error });
  }
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.allocUnsafe(flushAt);
  let rest = '';
  let lineNumber = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      const text = rest + (read > 0 ? decoder.write(buffer.subarray(0, read)) : decoder.end());
      const lines = text.split('\n');
      rest = read > 0 ? (lines.pop() ?? '') : '';
      for (const line of lines) {
        lineNumber += 1;
        if (line !== '') yield decodeEntry(line, path, lineNumber);
      }
      if (read === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

function encodeEntry(entry: RecordedEntry): string {
  const record: Record<string, unknown> = { p: entry.path, t: typeCodes[entry.type], o: entry.mode, m: entry.mtimeMs, u: entry.uid, g: entry.gid };
  if (entry.type === 'file') {
    record.s = entry.size;
    if (entry.sha256 !== undefined) record.h = entry.sha256;
  }
  if (entry.link !== undefined) record.l = entry.link;
  return JSON.stringify(record);
}

function decodeEntry(line: string, path: string, lineNumber: number): RecordedEntry {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw damaged(path, lineNumber, error);
  }
  if (typeof record !== 'object' || record === null) throw damaged(path, lineNumber);
  const { p, t, o, m, u, g, s, h, l } = record as Record<string, unknown>;
  const type = codeTypes.get(t);
  if (typeof p !== 'string' || type === undefined || typeof o !== 'number' || typeof m !== 'number') throw damaged(path, lineNumber);
  if (!isInsideTree(p)) throw damaged(path, lineNumber, undefined, `names ${JSON.stringify(p)}, which is not a path inside its tree`);
  if ((s !== undefined && typeof s !== 'number') || !isOwnerId(u) || !isOwnerId(g)) throw damaged(path, lineNumber);
  if ((h !== undefined && typeof h !== 'string') || (l !== undefined && typeof l !== 'string')) throw damaged(path, lineNumber);
  return { path: p, type, mode: o, mtimeMs: m, uid: u ?? unknownOwner, gid: g ?? unknownOwner, size: s ?? 0, sha256: h, link: l };
}

/**
 * A relative path that stays inside its tree: '' (the root) or names joined by '/', none empty,
 * '.' or '..'. Anything else (an absolute path, a `..`) would make a restore write outside its folder.
 */
function isInsideTree(path: string): boolean {
  if (path === '') return true;
  return !path.includes('\0') && path.split('/').every((name) => name !== '' && name !== '.' && name !== '..');
}

// Lists written before owners were recorded have none: the owner is unknown.
function isOwnerId(id: unknown): id is number | undefined {
  return id === undefined || (typeof id === 'number' && Number.isInteger(id) && id >= 0);
}

function damaged(path: string, line: number, cause?: unknown, what = 'is not a valid file-list entry'): CellarError {
  return new CellarError('SNAPSHOT_DAMAGED', `${path}:${line} ${what}; the snapshot is damaged (run cellar verify)`, { cause });
}
