/* How names and sizes are written for people, wherever a message or a plan shows them. */

/** Sizes as people read them: 1023 B, 10.0 KiB, 1.2 GiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

/** `1 file`, `3 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A path as one printable line: control characters (a newline in a file name) escaped. */
export function printablePath(path: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return path.replace(/[\u0000-\u001f\u007f\\]|[\udc80-\udcff]/gu, (char) => {
    const code = char.charCodeAt(0);
    if (char === '\\') return '\\\\';
    if (code >= 0xdc80) return `\\x${(code - 0xdc00).toString(16).padStart(2, '0')}`;
    return `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
