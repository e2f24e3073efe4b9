/**
 * rsync's exclude-pattern rules, so that what cellar reports as drift is exactly what rsync copies
 * (checked against rsync itself in test/adapters/exclude-vs-rsync.test.ts): a leading `/` anchors
 * at the tree root; a trailing `/` matches folders only; a pattern with a `/` or `**` is matched
 * against the end of the whole relative path, any other against the last component; `*` stops at
 * `/`, `**` does not, `?` is one byte, `[...]` a class of bytes (never `/`), `dir/***` the folder and
 * everything in it. A pattern without `*`, `?` or `[` is compared literally, backslashes included.
 */
export interface ExcludeMatcher {
  readonly pattern: string;
  matches(relativePath: string, isDirectory: boolean): boolean;
}

const posixClasses: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\v\\f\\r',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

export function compileExclude(pattern: string): ExcludeMatcher {
  let body = toBytes(pattern);
  const directoryOnly = body.endsWith('/') && body.length > 1;
  if (directoryOnly) body = body.slice(0, -1);
  const anchored = body.startsWith('/');
  if (anchored) body = body.slice(1);
  const wild = /[*?[]/.test(body);
  const wholePath = anchored || body.includes('/') || body.includes('**');
  // rsync matches a pattern that starts with `**` against the path with a leading `/`.
  const leadingSlash = !anchored && body.startsWith('**');
  const andContents = wild && body.endsWith('/***');
  if (andContents) body = body.slice(0, -4);
  const prefix = anchored ? '^' : wholePath ? '(?:^|/)' : '^';
  const translated = wild ? globToRegex(body) : escapeRegex(body);
  const itself = translated === undefined ? undefined : new RegExp(`${prefix}${translated}$`, 's');
  const inside = translated === undefined ? undefined : new RegExp(`${prefix}${translated}/`, 's');

  return {
    pattern,
    matches(relativePath, isDirectory) {
      if (!itself || !inside) return false;
      const path = toBytes(relativePath);
      const subject = leadingSlash ? `/${path}` : wholePath ? path : path.slice(path.lastIndexOf('/') + 1);
      if (andContents) return (isDirectory && itself.test(subject)) || inside.test(subject);
      if (directoryOnly && !isDirectory) return false;
      return itself.test(subject);
    },
  };
}

/** True when any of the patterns excludes the path. */
export function isExcluded(matchers: readonly ExcludeMatcher[], relativePath: string, isDirectory: boolean): boolean {
  return matchers.some((matcher) => matcher.matches(relativePath, isDirectory));
}

/**
 * A text as one character per UTF-8 byte (escaped bytes U+DC80–U+DCFF back to their byte), so that
 * `?` and classes match bytes as rsync's do.
 */
function toBytes(text: string): string {
  // Fast path: plain ASCII is already one character per byte.
  // eslint-disable-next-line no-control-regex -- the ASCII range is exactly what is tested
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code >= 0xdc80 && code <= 0xdcff ? String.fromCharCode(code - 0xdc00) : Buffer.from(char, 'utf8').toString('latin1');
  }
  return out;
}

/** The regex for a wildcard pattern; undefined when rsync would never match it (an unclosed class). */
function globToRegex(glob: string): string | undefined {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob.charAt(++i));
    } else if (glob.startsWith('**', i)) {
      out += '.*';
      while (glob.charAt(i + 1) === '*') i++;
    } else if (char === '*') {
      out += '[^/]*';
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[') {
      const parsed = parseClass(glob, i);
      if (!parsed) return undefined;
      out += `(?!/)${parsed.regex}`;
      i = parsed.end;
    } else {
      out += escapeRegex(char);
    }
  }
  return out;
}

/** A `[...]` class starting at `start`: negation by `!` or `^`, `]` first is a member, ranges, POSIX classes. */
function parseClass(glob: string, start: number): { readonly regex: string; readonly end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (glob.charAt(i) === '!' || glob.charAt(i) === '^') {
    negated = true;
    i++;
  }
  let members = '';
  let first = true;
  for (; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === ']' && !first) return { regex: `[${negated ? '^' : ''}${members}]`, end: i };
    first = false;
    const posix = /^\[:([a-z]+):\]/.exec(glob.slice(i));
    if (posix) {
      const range = posixClasses[posix[1] ?? ''];
      if (range === undefined) return undefined;
      members += range;
      i += posix[0].length - 1;
    } else if (char === '\\' && i + 1 < glob.length) {
      members += escapeClassMember(glob.charAt(++i));
    } else if (char === '-' && members !== '' && glob.charAt(i + 1) !== ']') {
      members += '-';
    } else {
      members += escapeClassMember(char);
    }
  }
  return undefined;
}

function escapeClassMember(char: string): string {
  return /[\\\]^[-]/.test(char) ? `\\${char}` : char;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, (char) => `\\${char}`);
}

/**
 * A path as an rsync pattern that matches it literally: rsync reads backslash escapes only in a
 * pattern that holds a wildcard, so a name without one is left as it is.
 */
export function literalPattern(path: string): string {
  return /[*?[]/.test(path) ? path.replace(/[*?[\\]/g, (char) => `\\${char}`) : path;
}
