/**
 * The restore patch engine: from a snapshot's pydio.json and `restore.overrides`, the changes, the
 * patched text and a unified diff. Only the changed values' text is replaced, so the file keeps its key
 * order and indentation and the diff shows only changed lines. Secrets never reach `changes` or `diff`.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { applyEdits, type Edit } from 'jsonc-parser';
import { readCellsConfig, type CellsConfig } from './cells-config.js';
import type { ConfigRewrite } from './config-rewrite.js';
import { insertionOffset, insertProperty } from './insert-property.js';
import { collectStrings, parseJsonTree, toPointer, type JsonPath } from './json-text.js';
import { overrideDatabase, type DsnOverride } from './override-database.js';
import { overrideHostname } from './override-hostname.js';
import { overridePaths, type FolderMove } from './override-paths.js';
import { overridePublicUrl } from './override-public-url.js';
import { isSensitiveValue, maskConfigSecrets, maskConfigValue } from './secrets.js';

export { isSensitiveKey } from './secrets.js';
export type { DsnOverride } from './override-database.js';
export type { FolderMove } from './override-paths.js';

/** One changed value; `before` and `after` are masked when `sensitive`, `before` is null for an added key. */
export interface ConfigChange {
  readonly pointer: string;
  readonly before: string | null;
  readonly after: string;
  readonly sensitive: boolean;
}

/** `restore.overrides` with secrets resolved, plus what the restore knows about the move. */
export interface ConfigPatchInput {
  readonly hostname?: string | undefined;
  readonly publicUrl?: string | undefined;
  readonly database?: DsnOverride | undefined;
  /** Old absolute folder → new. */
  readonly paths?: Readonly<Record<string, string>> | undefined;
  /** The working dir's move when the restore puts it elsewhere; matching nothing is fine. */
  readonly workingDir?: FolderMove | undefined;
  /** The host the snapshot was taken on, to choose among several hosts named in pydio.json. */
  readonly oldHostname?: string | undefined;
}

/** The changes in file order, the patched text to write, and the masked diff ('' without changes). */
export interface ConfigPatch {
  readonly changes: readonly ConfigChange[];
  readonly text: string;
  readonly diff: string;
}

/**
 * Applies the overrides to pydio.json text; an override that matches nothing is OVERRIDE_UNMATCHED.
 * `config` is that text already read, when the caller has it.
 */
export function patchCellsConfig(text: string, input: ConfigPatchInput, read?: CellsConfig): ConfigPatch {
  const root = parseJsonTree(text);
  const config = read ?? readCellsConfig(JSON.parse(text));
  const strings = collectStrings(root);
  const publicUrl = input.publicUrl === undefined ? undefined : overridePublicUrl(config.generation, root, strings, input.publicUrl);
  // Applied in this order to each value: a hostname rewrite of urlInternal comes before the public URL's.
  const rewrites: ConfigRewrite[] = [
    overridePaths(strings, input.paths ?? {}, input.workingDir),
    ...(input.database === undefined ? [] : [overrideDatabase(config, input.database)]),
    ...(input.hostname === undefined ? [] : [overrideHostname(config.generation, strings, input.hostname, input.oldHostname)]),
    ...(publicUrl === undefined ? [] : [publicUrl.rewrite]),
  ];

  const edits: Edit[] = [];
  const placed: { readonly offset: number; readonly change: ConfigChange }[] = [];
  for (const entry of strings) {
    const after = rewrites.reduce((value, rewrite) => rewrite(value, entry), entry.value);
    if (after === entry.value) continue;
    edits.push({ offset: entry.offset, length: entry.length, content: JSON.stringify(after) });
    placed.push({ offset: entry.offset, change: describeChange(entry.path, entry.value, after) });
  }
  let patched = applyEdits(text, edits);
  for (const addition of publicUrl?.additions ?? []) {
    patched = insertProperty(patched, addition);
    const path = [...addition.objectPath, addition.key];
    placed.push({ offset: insertionOffset(root, addition), change: describeChange(path, null, addition.value) });
  }

  const changes = placed.sort((a, b) => a.offset - b.offset).map(({ change }) => change);
  const diff =
    changes.length === 0
      ? ''
      : createTwoFilesPatch('a/pydio.json', 'b/pydio.json', maskConfigSecrets(text), maskConfigSecrets(patched), undefined, undefined, {
          context: 3,
          headerOptions: FILE_HEADERS_ONLY,
        });
  return { changes, text: patched, diff };
}

function describeChange(path: JsonPath, before: string | null, after: string): ConfigChange {
  return {
    pointer: toPointer(path),
    before: before === null ? null : maskConfigValue(path, before),
    after: maskConfigValue(path, after),
    sensitive: (before !== null && isSensitiveValue(path, before)) || isSensitiveValue(path, after),
  };
}
