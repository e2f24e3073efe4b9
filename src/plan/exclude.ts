/**
 * rsync's exclude-pattern rules, so that what cellar reports as drift is exactly what rsync copies:
 * a leading `/` anchors at the tree root; a trailing `/` matches directories only; a pattern with a
 * `/` or `**` is matched against the end of the whole relative path, any other against the last
 * component; `*` stops at `/`, `**` does not, `?` is one character, `[...]` a class, `dir/***` the
 * folder and everything in it.
 */
export interface ExcludeMatcher {
  readonly pattern: string;
  matches(relativePath: string, isDirectory: boolean): boolean;
}

export function compileExclude(pattern: string): ExcludeMatcher {
  let body = pattern;
  const directoryOnly = body.endsWith('/') && body.length > 1;
  if (directoryOnly) body = body.slice(0, -1);
  const anchored = body.startsWith('/');
  if (anchored) body = body.slice(1);
  const wholePath = anchored || body.includes('/') || body.includes('**');
  const prefix = anchored ? '^' : wholePath ? '(?:^|/)' : '^';
  const regex = new RegExp(`${prefix}${globToRegex(body)}$`, 's');
  return {
    pattern,
    matches(relativePath, isDirectory) {
      if (directoryOnly && !isDirectory) return false;
      const subject = wholePath ? relativePath : relativePath.slice(relativePath.lastIndexOf('/') + 1);
      return regex.test(subject);
    },
  };
}

/** True when any of the patterns excludes the path. */
export function isExcluded(matchers: readonly ExcludeMatcher[], relativePath: string, isDirectory: boolean): boolean {
  return matchers.some((matcher) => matcher.matches(relativePath, isDirectory));
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob.charAt(++i));
    } else if (glob.startsWith('/***', i) && i + 4 === glob.length) {
      out += '(?:/.*)?';
      i += 3;
    } else if (glob.startsWith('**', i)) {
      out += '.*';
      while (glob.charAt(i + 1) === '*') i++;
    } else if (char === '*') {
      out += '[^/]*';
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
      } else {
        let set = glob.slice(i + 1, end);
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        out += `[${set.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else {
      out += escapeRegex(char);
    }
  }
  return out;
}

function escapeRegex(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}
