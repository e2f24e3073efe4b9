import { Buffer, isUtf8 } from 'node:buffer';

/*
 * File names are bytes. Names that are not valid UTF-8 are kept exactly with the "surrogateescape"
 * scheme: each undecodable byte 0xNN becomes the lone surrogate U+DCNN, which valid UTF-8 never
 * produces, so decoding is reversible and the names survive JSON.
 */

/** Decodes a file name's bytes into a string that `encodeName` turns back into the same bytes. */
export function decodeName(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      out += String.fromCharCode(0xdc00 + (bytes[i] ?? 0));
      i += 1;
    } else {
      out += bytes.subarray(i, i + length).toString('utf8');
      i += length;
    }
  }
  return out;
}

/** True when the name holds escaped bytes and must reach the file system as a Buffer. */
export function hasEscapedBytes(name: string): boolean {
  return /[\udc80-\udcff]/u.test(name);
}

/** The bytes of a decoded name. */
export function encodeName(name: string): Buffer {
  if (!hasEscapedBytes(name)) return Buffer.from(name, 'utf8');
  const parts: Buffer[] = [];
  let plain = '';
  for (const char of name) {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xdc80 && code <= 0xdcff) {
      parts.push(Buffer.from(plain, 'utf8'), Buffer.from([code - 0xdc00]));
      plain = '';
    } else {
      plain += char;
    }
  }
  parts.push(Buffer.from(plain, 'utf8'));
  return Buffer.concat(parts);
}

/** `root/relative` as the file system wants it: a string, or a Buffer when the path holds escaped bytes. */
export function fsPath(root: string, relative: string): string | Buffer {
  const joined = relative === '' ? root : `${root}/${relative}`;
  return hasEscapedBytes(joined) ? encodeName(joined) : joined;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i] ?? 0;
  const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length <= 1) return length;
  if (i + length > bytes.length) return 0;
  return isUtf8(bytes.subarray(i, i + length)) ? length : 0;
}
