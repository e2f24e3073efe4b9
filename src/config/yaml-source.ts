/** The plan's YAML: parsed with positions, so that every later problem can be reported at its line. */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { describePath, type LocatedProblem, type Problem, type YamlPath } from './problem.js';

/** A parsed plan file: its data, and where each node of it was written. */
export interface YamlSource {
  readonly data: unknown;
  locate(problem: Problem): LocatedProblem;
}

// Plans reuse an anchor a few times at most; a limit this low stops "billion laughs" files at once.
const MAX_ALIAS_COUNT = 20;

const SECOND_DOCUMENT = 'invalid YAML: a second document starts here (after ---); a plan is one document';

// A plan nests a handful of levels. Far deeper input would overflow the parser's stack.
const MAX_NESTING = 64;

const TOO_DEEP = `the plan nests lists or mappings more than ${MAX_NESTING} levels deep; a plan needs a few levels only`;

/** Parses YAML text; syntax errors, duplicate keys and absurd nesting come back as located problems. */
export function parseYamlSource(text: string): { readonly source: YamlSource | undefined; readonly problems: readonly LocatedProblem[] } {
  const deep = excessiveNesting(text);
  if (deep !== undefined) return { source: undefined, problems: [{ ...deep, message: TOO_DEEP }] };
  try {
    return parseChecked(text);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { source: undefined, problems: [{ line: 1, col: 1, message: TOO_DEEP }] };
  }
}

function parseChecked(text: string): { readonly source: YamlSource | undefined; readonly problems: readonly LocatedProblem[] } {
  const lines = new LineCounter();
  // `<<: *defaults` merge keys are allowed: they are how YAML shares settings between targets.
  // Duplicate keys are found by findDuplicateKeys, in one pass: the library's own check is quadratic in a mapping's size.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true });
  const at = (offset: number, message: string): LocatedProblem => ({ ...lines.linePos(offset), message });
  const duplicates = findDuplicateKeys(document, lines).map(({ offset, message }) => at(offset, message));
  const syntax = [...document.errors, ...document.warnings].map((error) =>
    at(error.pos[0], error.code === 'MULTIPLE_DOCS' ? SECOND_DOCUMENT : `invalid YAML: ${firstLine(error.message)}`),
  );
  const dangling = danglingAliases(document).map(({ offset, name }) => at(offset, `*${name} refers to no &${name} anchor written before it`));
  if (syntax.length + dangling.length > 0) return { source: undefined, problems: [...syntax, ...dangling, ...duplicates] };

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError) {
      const message = `the file expands its *aliases into too many values (a "billion laughs" file); write the values out instead`;
      return { source: undefined, problems: [at(firstAliasOffset(document), message)] };
    }
    // `<<: *x` where x is no mapping: the yaml library refuses it only now.
    if (error instanceof Error && /merge/i.test(error.message)) {
      return {
        source: undefined,
        problems: [at(firstMergeOffset(document), `invalid YAML: ${firstLine(error.message)}; a << merge takes a mapping, or a list of mappings`)],
      };
    }
    throw error;
  }
  const source: YamlSource = {
    data,
    locate: (problem) => ({ ...lines.linePos(offsetOf(document, problem)), message: problem.message }),
  };
  return { source, problems: duplicates };
}

/**
 * Where the text first nests deeper than MAX_NESTING, counting open brackets, the indentation
 * levels of block collections and `- ` entries opened on one line. Quoted text and comments are
 * skipped (a quote is taken to end with its line: enough to find absurd depths, which is all
 * this is for).
 */
function excessiveNesting(text: string): { readonly line: number; readonly col: number } | undefined {
  const indents: number[] = [];
  let brackets = 0;
  let line = 0;
  for (const content of text.split('\n')) {
    line += 1;
    const indent = /^[ \t]*/.exec(content)?.[0].length ?? 0;
    const body = content.slice(indent);
    if (body === '' || body.startsWith('#')) continue;
    while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
    indents.push(indent);
    const entries = /^(?:[-?] +)*/.exec(body)?.[0].replace(/ /g, '').length ?? 0;
    if (indents.length + entries + brackets > MAX_NESTING) return { line, col: indent + 1 };
    let quote: string | undefined;
    for (let index = indent; index < content.length; index++) {
      const char = content[index];
      const before = index === 0 ? ' ' : (content[index - 1] ?? ' ');
      if (quote !== undefined) {
        if (char === '\\' && quote === '"') index += 1;
        else if (char === quote) quote = undefined;
      } else if ((char === '"' || char === "'") && /[\s[{,:]/.test(before)) {
        quote = char;
      } else if (char === '#' && /\s/.test(before)) {
        break;
      } else if (char === '[' || char === '{') {
        brackets += 1;
        if (indents.length + entries + brackets > MAX_NESTING) return { line, col: index + 1 };
      } else if ((char === ']' || char === '}') && brackets > 0) {
        brackets -= 1;
      }
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Every key written twice in the same mapping (names of datasources and targets included), at its second occurrence. */
function findDuplicateKeys(document: Document, lines: LineCounter): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  const walk = (node: unknown, path: YamlPath): void => {
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const key = keyText(pair);
        const start = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
        const first = key === undefined ? undefined : seen.get(key);
        if (key !== undefined && first !== undefined) {
          const where = path.length === 0 ? 'at the top level' : `in ${describePath(path)}`;
          found.push({ offset: start, message: `duplicate key ${JSON.stringify(key)} ${where} (first written on line ${first}); each name may appear once` });
        } else if (key !== undefined) {
          seen.set(key, lines.linePos(start).line);
        }
        walk(pair.value, key === undefined ? path : [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        walk(item, [...path, index]);
      });
    }
  };
  walk(document.contents, []);
  return found;
}

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function danglingAliases(document: Document): { offset: number; name: string }[] {
  const found: { offset: number; name: string }[] = [];
  visit(document, {
    Alias(_, alias) {
      if (alias.resolve(document) === undefined) found.push({ offset: alias.range?.[0] ?? 0, name: alias.source });
    },
  });
  return found;
}

function firstAliasOffset(document: Document): number {
  let offset = 0;
  visit(document, {
    Alias(_, alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function firstMergeOffset(document: Document): number {
  let offset = 0;
  visit(document, {
    Pair(_, pair) {
      // With merge keys on, the library gives `<<` a symbol as its value; its source text stays `<<`.
      if (!isScalar(pair.key) || pair.key.source !== '<<') return undefined;
      offset = pair.key.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * The offset a problem points at: the deepest node of its path that was written, the key for
 * `key` problems and for values that are written empty, the holding key for `parent` problems.
 */
function offsetOf(document: Document, problem: Problem): number {
  let node: unknown = document.contents;
  let holder: Pair | undefined;
  for (const segment of problem.path) {
    if (isAlias(node)) node = node.resolve(document);
    const pair = isMap(node) ? node.items.find((item) => isPair(item) && keyText(item) === String(segment)) : undefined;
    const item = isSeq(node) && typeof segment === 'number' ? node.items[segment] : undefined;
    if (pair !== undefined) {
      holder = pair;
      node = pair.value;
    } else if (item !== undefined) {
      holder = undefined;
      node = item;
    } else {
      return start(holder?.key) ?? start(node) ?? 0;
    }
  }
  const keyStart = start(holder?.key);
  if (problem.at !== 'value' && keyStart !== undefined) return keyStart;
  if (isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1]) return keyStart ?? start(node) ?? 0;
  return start(node) ?? keyStart ?? 0;
}

function start(node: unknown): number | undefined {
  return (node as Node | undefined)?.range?.[0];
}
