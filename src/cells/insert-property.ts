/** Adding a key to pydio.json where Go's sorted keys would put it, in the file's own indentation. */
import { applyEdits, findNodeAtLocation, modify, type FormattingOptions, type Node } from 'jsonc-parser';
import type { ConfigAddition } from './override-public-url.js';

/** The text with the key added to its object. */
export function insertProperty(text: string, addition: ConfigAddition): string {
  const formattingOptions = detectFormatting(text);
  const edits = modify(text, [...addition.objectPath, addition.key], addition.value, {
    ...(formattingOptions === undefined ? {} : { formattingOptions }),
    getInsertionIndex: (keys) => insertionIndex(keys, addition.key),
  });
  return applyEdits(text, edits);
}

/** Where the key lands in the text of `root`, so that it sorts among the other changes. */
export function insertionOffset(root: Node, addition: ConfigAddition): number {
  const object = findNodeAtLocation(root, [...addition.objectPath]);
  if (object === undefined) return root.offset + root.length;
  const properties = object.children ?? [];
  const keys = properties.map((property) => String(property.children?.[0]?.value));
  return properties[insertionIndex(keys, addition.key)]?.offset ?? object.offset + object.length - 1;
}

function insertionIndex(keys: readonly string[], key: string): number {
  return keys.filter((existing) => existing < key).length;
}

// A file without indented lines is written on one line: the key is added without line breaks.
function detectFormatting(text: string): FormattingOptions | undefined {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  if (indent === undefined) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}
