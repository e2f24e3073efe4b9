import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeName, encodeName, fsPath, hasEscapedBytes } from '../../src/adapters/fs/path-bytes.js';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

/** Any text UTF-8 can hold: code points outside the surrogate range. */
const codePoint = fc.oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }));
const validText = fc.array(codePoint, { maxLength: 30 }).map((points) => String.fromCodePoint(...points));

describe('decodeName / encodeName', () => {
  it('round-trips any byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (raw) => {
        const name = decodeName(Buffer.from(raw));
        expect(encodeName(name).equals(Buffer.from(raw))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('round-trips byte strings made mostly of UTF-8 pieces cut at random', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', '/', '\u00e9', '\u65e5', '\u{1f600}', '\u{1f480}', '\u{10ffff}').map((text) => Buffer.from(text, 'utf8')),
      fc.uint8Array({ minLength: 1, maxLength: 2 }).map((raw) => Buffer.from(raw)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const raw = Buffer.concat(pieces);
        expect(encodeName(decodeName(raw)).equals(raw)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('decodes valid UTF-8 to itself, and encodes it back as UTF-8', () => {
    fc.assert(
      fc.property(validText, (text) => {
        const raw = Buffer.from(text, 'utf8');
        expect(decodeName(raw)).toBe(text);
        expect(encodeName(text).equals(raw)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives different names for different bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.uint8Array({ maxLength: 12 }), (a, b) => {
        fc.pre(!Buffer.from(a).equals(Buffer.from(b)));
        expect(decodeName(Buffer.from(a))).not.toBe(decodeName(Buffer.from(b)));
      }),
      { numRuns: 300 },
    );
  });

  it.each<[string, Buffer, string]>([
    ['ASCII', bytes(0x61, 0x62), 'ab'],
    ['UTF-8 é', bytes(0x63, 0xc3, 0xa9), 'c\u00e9'],
    ['a 4-byte sequence', bytes(0xf0, 0x9f, 0x98, 0x80), '\u{1f600}'],
    ['a lone Latin-1 byte', bytes(0x63, 0x61, 0x66, 0xe9), 'caf\udce9'],
    ['0xff', bytes(0xff), '\udcff'],
    ['a truncated sequence', bytes(0xe2, 0x82), '\udce2\udc82'],
    ['an overlong encoding of "/"', bytes(0xc0, 0xaf), '\udcc0\udcaf'],
    ['an encoded surrogate (CESU-8)', bytes(0xed, 0xa0, 0x80), '\udced\udca0\udc80'],
    ['valid UTF-8 after an invalid byte', bytes(0xff, 0xc3, 0xa9, 0x78), '\udcff\u00e9x'],
    ['an invalid byte before a 4-byte sequence', bytes(0x80, 0xf0, 0x9f, 0x98, 0x80), '\udc80\u{1f600}'],
  ])('%s', (_name, raw, decoded) => {
    expect(decodeName(raw)).toBe(decoded);
    expect(encodeName(decoded).equals(raw)).toBe(true);
  });

  it('leaves an empty name empty', () => {
    expect(decodeName(Buffer.alloc(0))).toBe('');
    expect(encodeName('').length).toBe(0);
  });
});

describe('hasEscapedBytes and fsPath', () => {
  it.each([
    ['plain', false],
    ['caf\u00e9', false],
    ['\u{1f600}', false],
    ['caf\udce9', true],
    ['\udc80', true],
    ['\udcff', true],
  ])('%j holds escaped bytes: %s', (name, escaped) => {
    expect(hasEscapedBytes(name)).toBe(escaped);
  });

  it.each<[string, Buffer]>([
    ['\u{1f480}', bytes(0xf0, 0x9f, 0x92, 0x80)],
    ['\u{1f4c1} P', bytes(0xf0, 0x9f, 0x93, 0x81, 0x20, 0x50)],
    ['x\u{1f4ff}\udcff', bytes(0x78, 0xf0, 0x9f, 0x93, 0xbf, 0xff)],
  ])('%j (an astral character whose second UTF-16 half lies in the escape range) encodes right', (name, raw) => {
    expect(encodeName(name).equals(raw)).toBe(true);
    expect(decodeName(raw)).toBe(name);
  });

  // The test matches UTF-16 code units, so the second half of a surrogate pair (U+1F480 💀,
  // U+1F4C1 📁: one astral character in eight) counts as an escaped byte.
  it.each([['\u{1f480}'], ['\u{1f4c1} Projects'], ['\u{10080}']])('valid text %j holds no escaped bytes', (name) => {
    expect(hasEscapedBytes(name)).toBe(false);
    expect(typeof fsPath('/srv', name)).toBe('string');
  });

  it('joins plain paths as strings and paths with escaped bytes as Buffers', () => {
    expect(fsPath('/srv/cells', '')).toBe('/srv/cells');
    expect(fsPath('/srv/cells', 'data/a.txt')).toBe('/srv/cells/data/a.txt');
    const raw = fsPath('/srv/cells', 'data/caf\udce9');
    expect(Buffer.isBuffer(raw)).toBe(true);
    expect((raw as Buffer).equals(Buffer.concat([Buffer.from('/srv/cells/data/caf'), bytes(0xe9)]))).toBe(true);
  });
});
