/** Turns the plan file's bytes into text, refusing anything that is not UTF-8. */
import type { LocatedProblem } from './problem.js';

const REPLACEMENT = 0xfffd;

/** The text (a leading BOM dropped), or the position of the first byte that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { readonly text: string } | { readonly problem: LocatedProblem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: locateInvalidByte(bytes) };
  }
}

// The lenient decoder marks each bad sequence with U+FFFD; a U+FFFD that was really in the file
// (bytes EF BF BD) is skipped.
function locateInvalidByte(bytes: Uint8Array): LocatedProblem {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  let offset = 0;
  let index = text.indexOf(String.fromCharCode(REPLACEMENT));
  while (index >= 0) {
    offset = encoder.encode(text.slice(0, index)).length;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
    index = text.indexOf(String.fromCharCode(REPLACEMENT), index + 1);
  }
  const before = text.slice(0, Math.max(index, 0));
  const lineStart = before.lastIndexOf('\n') + 1;
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return {
    line: before.split('\n').length,
    col: before.length - lineStart + 1,
    message: `the file is not valid UTF-8 (byte 0x${byte}); save it as UTF-8`,
  };
}
