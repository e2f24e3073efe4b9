/**
 * Malformed and hostile plan files, generated with fast-check: wrong types, huge numbers, deep
 * nesting, YAML aliases and anchors, paths with `..`, NUL bytes, overlapping targets, broken
 * bytes. Every one must be refused as PLAN_INVALID with `file:line:col:` lines (pointing at the
 * mutated line where there is one), in-process through the plan loader; a sample of them also
 * through the real CLI, where `apply --yes` must exit 1 without starting any child process.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlanBytes } from '../../src/observe/load-plan.js';
import { CellarError } from '../../src/core/errors.js';
import { fixturesDir } from '../../demo/repo-paths.js';
import { runCellar } from '../helpers/cli.js';
import { stackLine, writeTool } from './support.js';

/** A valid plan, one setting per line, so that a mutation's line is known. */
interface Scene {
  readonly root: string;
  readonly workingDir: string;
  readonly target: string;
  readonly lines: readonly string[];
}

const datasources = ['pydiods1', 'personal', 'cellsdata', 'versions', 'thumbnails'];

function baseLines(workingDir: string, target: string, recorder: string): string[] {
  const q = JSON.stringify;
  return [
    'version: 1', // 1
    'cells:', // 2
    `  workingDir: ${q(workingDir)}`, // 3
    '  service:', // 4
    `    stop: [${q(recorder)}, stop]`, // 5
    `    start: [${q(recorder)}, start]`, // 6
    '    stopFor: always', // 7
    '  exclude: [logs/]', // 8
    'database:', // 9
    '  host: 127.0.0.1', // 10
    '  port: 3306', // 11
    '  user: cells', // 12
    '  password: { env: CELLS_DB_PASSWORD }', // 13
    '  name: cells', // 14
    'datasources:', // 15
    ...datasources.map((name) => `  ${name}: { backup: files }`), // 16-20
    'targets:', // 21
    '  local:', // 22
    `    path: ${q(target)}`, // 23
    '    keep: { last: 7, daily: 14 }', // 24
    'restore:', // 25
    '  from: local', // 26
    'hooks:', // 27
    `  after: [${q(recorder)}, hook]`, // 28
  ];
}

/** A hostile plan: its text, and the line the problem must be reported on when one line is to blame. */
interface Hostile {
  readonly kind: string;
  readonly text: string | Buffer;
  readonly line?: number | undefined;
}

const replaceLine = (scene: Scene, line: number, text: string): string =>
  scene.lines.map((current, index) => (index === line - 1 ? text : current)).join('\n') + '\n';
const appendLines = (scene: Scene, lines: readonly string[]): string => [...scene.lines, ...lines].join('\n') + '\n';

/** A JSON value of any kind, rendered as YAML flow text (JSON is YAML). */
const anyValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

interface Slot {
  readonly line: number;
  readonly key: string;
  readonly indent: string;
  /** The values of the right type for this slot: the generator avoids them. */
  readonly fits: (value: unknown) => boolean;
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyStringList = (value: unknown): boolean => Array.isArray(value) && value.length > 0 && value.every(isString) && value[0] !== '';
const slots: readonly Slot[] = [
  { line: 1, key: 'version', indent: '', fits: (value) => value === 1 },
  { line: 3, key: 'workingDir', indent: '  ', fits: (value) => typeof value === 'string' },
  { line: 5, key: 'stop', indent: '    ', fits: isNonEmptyStringList },
  { line: 7, key: 'stopFor', indent: '    ', fits: (value) => value === 'changes' || value === 'always' || value === 'never' },
  { line: 8, key: 'exclude', indent: '  ', fits: (value) => Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '') },
  { line: 11, key: 'port', indent: '  ', fits: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535 },
  { line: 12, key: 'user', indent: '  ', fits: (value) => typeof value === 'string' && value.length >= 1 && value.length <= 80 },
  { line: 13, key: 'password', indent: '  ', fits: (value) => isRecord(value) && ('env' in value || 'file' in value) },
  { line: 16, key: 'pydiods1', indent: '  ', fits: (value) => isRecord(value) && 'backup' in value },
  { line: 23, key: 'path', indent: '    ', fits: (value) => typeof value === 'string' },
  { line: 24, key: 'keep', indent: '    ', fits: (value) => isRecord(value) && ['last', 'daily', 'weekly', 'monthly'].some((key) => key in value) },
  { line: 26, key: 'from', indent: '  ', fits: (value) => value === 'local' },
  { line: 28, key: 'after', indent: '  ', fits: isNonEmptyStringList },
];

function wrongType(scene: Scene): fc.Arbitrary<Hostile> {
  return fc
    .tuple(fc.constantFrom(...slots), anyValue)
    .filter(([slot, value]) => !slot.fits(value) && !(slot.key === 'path' && typeof value === 'string'))
    .map(([slot, value]) => ({
      kind: `wrong type for ${slot.key}`,
      text: replaceLine(scene, slot.line, `${slot.indent}${slot.key}: ${JSON.stringify(value)}`),
      line: slot.line,
    }));
}

function hugeNumber(scene: Scene): fc.Arbitrary<Hostile> {
  const odd = ['1e400', '-1e400', '.inf', '-.inf', '.nan', '99999999999999999999999999999', '0x1000000000000', '-1', '0.5', '1e-300', '9007199254740993'];
  const number = (limit: number): fc.Arbitrary<string> =>
    fc.oneof(
      fc.constantFrom(...odd, String(limit + 1)),
      fc.bigInt({ min: 10n ** 20n, max: 10n ** 60n }).map(String),
      fc.double({ min: limit + 1, noNaN: true }).map((value) => String(value)),
    );
  return fc.oneof(
    number(65535).map((value) => ({ kind: 'huge or odd port', text: replaceLine(scene, 11, `  port: ${value}`), line: 11 })),
    number(100000).map((value) => ({ kind: 'huge or odd count', text: replaceLine(scene, 24, `    keep: { last: ${value} }`), line: 24 })),
  );
}

function deepNesting(scene: Scene): fc.Arbitrary<Hostile> {
  return fc.tuple(fc.integer({ min: 2, max: 4000 }), fc.constantFrom('flow-list', 'flow-map', 'block-list', 'block-map')).map(([depth, style]) => {
    switch (style) {
      case 'flow-list':
        return { kind: 'deep flow list', text: replaceLine(scene, 16, `  pydiods1: ${'['.repeat(depth)}${']'.repeat(depth)}`) };
      case 'flow-map':
        return { kind: 'deep flow map', text: replaceLine(scene, 16, `  pydiods1: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`) };
      case 'block-list':
        return { kind: 'deep block list', text: appendLines(scene, ['extra:', ...Array.from({ length: depth }, (_, level) => `${' '.repeat(level + 1)}- `)]) };
      case 'block-map':
        return { kind: 'deep block map', text: appendLines(scene, ['extra:', ...Array.from({ length: depth }, (_, level) => `${' '.repeat(level + 1)}k:`)]) };
    }
  });
}

function aliases(scene: Scene): fc.Arbitrary<Hostile> {
  const laughs = fc.tuple(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 2, max: 10 })).map(([levels, fan]) => {
    const lines = [`lol0: &l0 [${Array.from({ length: fan }, () => '"lol"').join(', ')}]`];
    for (let level = 1; level < levels; level++) lines.push(`lol${level}: &l${level} [${Array.from({ length: fan }, () => `*l${level - 1}`).join(', ')}]`);
    return { kind: 'billion laughs', text: appendLines(scene, lines) };
  });
  const dangling = fc
    .constantFrom(3, 23, 26)
    .map((line) => ({ kind: 'alias without anchor', text: replaceLine(scene, line, scene.lines[line - 1]!.replace(/: .*/, ': *nowhere')), line }));
  const wrongKind = fc.constant({
    kind: 'alias of the wrong kind',
    text: replaceLine(scene, 21, 'targets: &t [a, b]').replace('datasources:', 'datasources: *t\nignored:'),
    line: undefined,
  });
  const selfReference = fc.constant({
    kind: 'self-referencing alias',
    text: replaceLine(scene, 22, '  local: &self { path: *self }').replace(/\n {4}path: .*\n {4}keep: .*\n/, '\n'),
    line: 22,
  });
  const merge = fc.constantFrom('*scalar', '[*scalar]').map((value) => ({
    kind: 'merge of a scalar',
    text: `anchor: &scalar 42\n${replaceLine(scene, 22, `  local: { <<: ${value} }`).replace(/\n {4}path: .*\n {4}keep: .*\n/, '\n')}`,
    line: 23,
  }));
  return fc.oneof(laughs, dangling, wrongKind, selfReference, merge);
}

/** Paths that lead, once `..` and `.` are resolved, onto the working dir or a datasource. */
function dotDot(scene: Scene): fc.Arbitrary<Hostile> {
  const onto = fc.constantFrom(
    scene.workingDir,
    join(scene.workingDir, 'data'),
    join(scene.workingDir, 'data', 'pydiods1'),
    join(scene.workingDir, 'services'),
    scene.root,
    '/',
  );
  const detour = fc.array(fc.constantFrom('nowhere/..', '.', 'data/..', 'x/y/../..', ''), { maxLength: 4 });
  return fc.tuple(onto, detour, fc.constantFrom(23, 16, 'restore')).map(([base, steps, where]) => {
    const path = [base === '/' ? '' : base, ...steps].join('/') || '/';
    if (where === 23) return { kind: 'target path with ..', text: replaceLine(scene, 23, `    path: ${JSON.stringify(path)}`), line: 23 };
    if (where === 16) {
      // A datasource folder declared over the target (or around it).
      const text = replaceLine(scene, 16, `  pydiods1: { backup: files, path: ${JSON.stringify(`${scene.target}/${steps.join('/')}`)} }`);
      return { kind: 'datasource path with .. over the target', text, line: 23 };
    }
    return {
      kind: 'restore into the target',
      text: replaceLine(scene, 26, `  from: local\n  workingDir: ${JSON.stringify(`${scene.target}/${steps.join('/')}`)}`),
      line: 27,
    };
  });
}

/** A NUL byte in any string the plan gives to the file system, a command or a login. */
function nulBytes(scene: Scene): fc.Arbitrary<Hostile> {
  const q = JSON.stringify;
  const places: readonly [number, (value: string) => string, string][] = [
    [3, (value) => `  workingDir: ${q(value)}`, scene.workingDir],
    [5, (value) => `    stop: [${q(value)}, stop]`, '/bin/true'],
    [8, (value) => `  exclude: [${q(value)}]`, 'logs/'],
    [12, (value) => `  user: ${q(value)}`, 'cells'],
    [13, (value) => `  password: { file: ${q(value)} }`, '/etc/cellar/db.pass'],
    [14, (value) => `  name: ${q(value)}`, 'cells'],
    [23, (value) => `    path: ${q(value)}`, scene.target],
    [28, (value) => `  after: [sh, -c, ${q(value)}]`, 'echo done'],
  ];
  return fc.tuple(fc.constantFrom(...places), fc.nat()).map(([[line, render, base], at]) => {
    const cut = at % (base.length + 1);
    return { kind: 'NUL byte', text: replaceLine(scene, line, render(`${base.slice(0, cut)}\0${base.slice(cut)}`)), line };
  });
}

function overlappingTargets(scene: Scene): fc.Arbitrary<Hostile> {
  const other = fc.constantFrom(scene.target, `${scene.target}/`, `${scene.target}/nested`, `${scene.target}/x/..`, join(scene.target, '..', 'backups'));
  return fc.tuple(other, fc.boolean()).map(([path, first]) => {
    const lines = [...scene.lines];
    lines.splice(first ? 21 : 24, 0, '  other:', `    path: ${JSON.stringify(path)}`);
    return { kind: 'overlapping targets', text: lines.join('\n') + '\n', line: first ? 25 : 26 };
  });
}

/** Bytes that are no YAML plan at all, and YAML that breaks the rules of a plan file. */
function brokenFiles(scene: Scene): fc.Arbitrary<Hostile> {
  const text = scene.lines.join('\n') + '\n';
  return fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ kind: 'random bytes', text: Buffer.concat([Buffer.from([0xff]), Buffer.from(bytes)]) })),
    fc.constant({ kind: 'UTF-16', text: Buffer.from(`\ufeff${text}`, 'utf16le') }),
    fc.constant({ kind: 'empty', text: '' }),
    fc.constant({ kind: 'only comments', text: '# nothing\n# here\n' }),
    fc.constant({ kind: 'two documents', text: `${text}---\n${text}` }),
    fc
      .constantFrom('!!binary aGVsbG8=', '!!js/function "x"', '!!set {a, b}', '!<tag:evil> x')
      .map((tag) => ({ kind: 'tag', text: replaceLine(scene, 23, `    path: ${tag}`), line: 23 })),
    fc.nat({ max: 27 }).map((line) => ({
      kind: 'duplicate key',
      text: [...scene.lines.slice(0, line + 1), scene.lines[line]!, ...scene.lines.slice(line + 1)].join('\n') + '\n',
    })),
    fc.nat({ max: 27 }).map((line) => ({ kind: 'tab indentation', text: replaceLine(scene, line + 1, `\t${scene.lines[line]!}`) })),
    fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((key) => /^[a-z]+$/.test(key) && !['version', 'cells', 'database', 'datasources', 'targets', 'restore', 'hooks'].includes(key))
      .map((key) => ({ kind: 'unknown key', text: appendLines(scene, [`${key}: 1`]), line: 29 })),
  );
}

function hostilePlans(scene: Scene): fc.Arbitrary<Hostile> {
  return fc.oneof(
    wrongType(scene),
    hugeNumber(scene),
    deepNesting(scene),
    aliases(scene),
    dotDot(scene),
    nulBytes(scene),
    overlappingTargets(scene),
    brokenFiles(scene),
  );
}

/** A working dir holding the Cells v4 pydio.json of the fixtures, with one folder per datasource. */
function makeScene(root: string, recorder: string): Scene {
  const workingDir = join(root, 'cells');
  const config = readFileSync(join(fixturesDir(), 'pydio', 'v4.0.0-dev.json'), 'utf8').replaceAll('/home/user/.config/pydio/cells', workingDir);
  mkdirSync(join(workingDir, 'services'), { recursive: true });
  for (const name of ['pydiods1', 'personal', 'cellsdata', 'versions', 'thumbs']) mkdirSync(join(workingDir, 'data', name), { recursive: true });
  writeFileSync(join(workingDir, 'pydio.json'), config);
  const target = join(root, 'backups');
  return { root, workingDir, target, lines: baseLines(workingDir, target, recorder) };
}

describe('bad input: hostile plan files', () => {
  let root: string;
  let scene: Scene;
  let recorded: string;
  let fakePath: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cellar-bad-input-'));
    recorded = join(root, 'started.log');
    // Every program cellar could start records that it was started, and nothing else is on PATH.
    fakePath = join(root, 'bin');
    mkdirSync(fakePath);
    const recorder = writeTool(fakePath, 'recorder', [`echo "$0 $*" >> ${JSON.stringify(recorded)}`]);
    for (const tool of ['rsync', 'mysqldump', 'mariadb-dump', 'mysql', 'mariadb', 'sh', 'systemctl', 'cells'])
      writeTool(fakePath, tool, [`exec ${JSON.stringify(recorder)} "$@"`]);
    chmodSync(recorder, 0o755);
    scene = makeScene(root, recorder);
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const context = (): { file: string; label: string; env: Record<string, string> } => ({
    file: join(root, 'plan.yaml'),
    label: 'plan.yaml',
    env: { CELLS_DB_PASSWORD: 'x' },
  });

  it('the base plan is valid (so that each mutation is what breaks it)', async () => {
    const { plan, warnings } = await checkPlanBytes(Buffer.from(scene.lines.join('\n') + '\n'), context());
    expect(warnings).toEqual([]);
    expect(plan.cells.workingDir).toBe(scene.workingDir);
    expect(Object.values(plan.targets).map((target) => target.path)).toContain(scene.target);
  });

  it('1,200 generated hostile plans: each refused as PLAN_INVALID with file:line:col: lines', async () => {
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(hostilePlans(scene), async (hostile) => {
        kinds.set(hostile.kind, (kinds.get(hostile.kind) ?? 0) + 1);
        const bytes = typeof hostile.text === 'string' ? Buffer.from(hostile.text, 'utf8') : hostile.text;
        let thrown: unknown;
        try {
          await checkPlanBytes(bytes, context());
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${hostile.kind} was accepted`).toBeInstanceOf(CellarError);
        const error = thrown as CellarError;
        expect(error.code, `${hostile.kind}: ${error.message}`).toBe('PLAN_INVALID');
        expect(error.details.length).toBeGreaterThan(0);
        for (const detail of error.details) expect(detail).toMatch(/^plan\.yaml:\d+:\d+: \S/);
        if (hostile.line !== undefined) {
          expect(
            error.details.some((detail) => detail.startsWith(`plan.yaml:${hostile.line ?? 0}:`)),
            `${hostile.kind}: ${error.details.join(' | ')}`,
          ).toBe(true);
        }
      }),
      { numRuns: 1200 },
    );
    expect(kinds.size).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('a sample through the real CLI: apply --yes exits 1 with the located problems, starting no process', async () => {
    const samples = fc.sample(hostilePlans(scene), { numRuns: 12, seed: 5 });
    const run = async (hostile: Hostile, index: number): Promise<void> => {
      const file = join(root, `sample-${index}.yaml`);
      writeFileSync(file, hostile.text);
      const result = await runCellar(['apply', '--yes', '-f', file], { cwd: root, env: { PATH: fakePath, CELLS_DB_PASSWORD: 'x', TMPDIR: root } });
      expect(result.code, `${hostile.kind}: ${result.stderr}`).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^cellar: sample-${index}\\.yaml has \\d+ problems?$`));
      for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`^  sample-${index}\\.yaml:\\d+:\\d+: \\S`));
      expect(result.stderr).not.toMatch(stackLine);
    };
    for (let index = 0; index < samples.length; index += 3) {
      await Promise.all(samples.slice(index, index + 3).map((hostile, offset) => run(hostile, index + offset)));
    }
    expect(readdirSync(root)).not.toContain('started.log');
    expect(readdirSync(root)).not.toContain('backups');
  });
});
