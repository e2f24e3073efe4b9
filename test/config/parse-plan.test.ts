import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/config/decode-text.js';
import { closestMatch } from '../../src/config/did-you-mean.js';
import { parsePlan } from '../../src/config/parse-plan.js';
import { describePath } from '../../src/config/problem.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const minimal = 'version: 1\ndatasources: {}\ntargets:\n  local: { path: /backups }\n';

describe('parsePlan', () => {
  it('reads a plan written with a byte-order mark', () => {
    const parsed = parsePlan(new Uint8Array([0xef, 0xbb, 0xbf, ...encode(minimal)]));
    expect(parsed.ok).toBe(true);
  });

  it('accepts anchors reused a few times', () => {
    const text = `version: 1\ndatasources: {}\ntargets:\n  a: { path: /a, keep: &keep { last: 7, daily: 14 } }\n  b: { path: /b, keep: *keep }\n  c: { path: /c, keep: *keep }\n`;
    const parsed = parsePlan(encode(text));
    expect(parsed.ok && parsed.raw.targets.c?.keep).toEqual({ last: 7, daily: 14 });
  });

  it('reports a duplicate key deep in the plan with its path and the first occurrence', () => {
    const parsed = parsePlan(
      encode(`${minimal}    keep: { last: 1, last: 2 }\n`.replace('local: { path: /backups }\n    keep', 'local:\n    path: /backups\n    keep')),
    );
    expect(parsed).toEqual({
      ok: false,
      problems: [{ line: 6, col: 22, message: 'duplicate key "last" in targets.local.keep (first written on line 6); each name may appear once' }],
    });
  });
});

describe('decodeUtf8', () => {
  it('points at the first byte that is not UTF-8, past a U+FFFD that was really in the file', () => {
    const bytes = new Uint8Array([...encode('a: \uFFFD\nb: x'), 0xff, ...encode('\n')]);
    expect(decodeUtf8(bytes)).toEqual({ problem: { line: 2, col: 5, message: 'the file is not valid UTF-8 (byte 0xFF); save it as UTF-8' } });
  });

  it('counts columns in characters', () => {
    expect(decodeUtf8(new Uint8Array([...encode('é: '), 0xc3]))).toEqual({
      problem: { line: 1, col: 4, message: 'the file is not valid UTF-8 (byte 0xC3); save it as UTF-8' },
    });
  });
});

describe('closestMatch', () => {
  it.each([
    ['workingdir', ['workingDir', 'binary'], 'workingDir'],
    ['exlude', ['exclude', 'service'], 'exclude'],
    ['stopfor', ['stop', 'start', 'stopFor'], 'stopFor'],
    ['tagrets', ['targets', 'restore'], 'targets'],
    ['x', ['version', 'cells'], undefined],
    ['database', ['datasources'], undefined],
  ])('%s among %j → %s', (word, candidates, expected) => {
    expect(closestMatch(word, candidates)).toBe(expected);
  });
});

describe('describePath', () => {
  it('names nodes the way the plan is written', () => {
    expect(describePath([])).toBe('the plan');
    expect(describePath(['targets', 'local', 'keep', 'daily'])).toBe('targets.local.keep.daily');
    expect(describePath(['cells', 'exclude', 2])).toBe('cells.exclude[2]');
    expect(describePath(['datasources', 'my.ds'])).toBe('datasources["my.ds"]');
  });
});
