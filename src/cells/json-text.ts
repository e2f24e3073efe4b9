/** pydio.json as text: strict parsing with positions, and the string values with where they sit. */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { assertNever } from '../core/assert-never.js';
import { CellarError } from '../core/errors.js';

/** A key or an array index on the way from the root to a value. */
export type JsonPath = readonly (string | number)[];

/** One string value of the file, its path, and its span in the text (quotes included). */
export interface JsonString {
  readonly path: JsonPath;
  readonly value: string;
  readonly offset: number;
  readonly length: number;
}

/** The syntax tree of strict JSON text; CELLS_CONFIG_INVALID naming line and column otherwise. */
export function parseJsonTree(text: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = errors;
  if (first !== undefined || root === undefined) {
    const { line, column } = lineColumn(text, first?.offset ?? 0);
    const problem = first === undefined ? 'no value' : words(printParseErrorCode(first.error));
    throw new CellarError('CELLS_CONFIG_INVALID', `pydio.json is not valid JSON: ${problem} at line ${line}, column ${column}`);
  }
  return root;
}

/** Every string value under the node, in the order they appear in the text. */
export function collectStrings(node: Node, path: JsonPath = []): JsonString[] {
  switch (node.type) {
    case 'string':
      return [{ path, value: node.value as string, offset: node.offset, length: node.length }];
    case 'object':
      return (node.children ?? []).flatMap((property) => {
        const [key, value] = property.children ?? [];
        return key === undefined || value === undefined ? [] : collectStrings(value, [...path, key.value as string]);
      });
    case 'array':
      return (node.children ?? []).flatMap((item, index) => collectStrings(item, [...path, index]));
    case 'property':
    case 'number':
    case 'boolean':
    case 'null':
      return [];
    default:
      return assertNever(node.type);
  }
}

/** True when the path matches the pattern part for part, `*` standing for any key or index. */
export function matchesPath(path: JsonPath, pattern: readonly string[]): boolean {
  return path.length === pattern.length && pattern.every((part, index) => part === '*' || path[index] === part);
}

/** The RFC 6901 JSON pointer of a path. */
export function toPointer(path: JsonPath): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** A path written for people, e.g. `services["pydio.grpc.data.sync"].sources`. */
export function describePath(path: JsonPath): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(part)) return index === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join('');
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

function words(code: string): string {
  return code.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}
