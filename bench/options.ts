import { parseArgs } from 'node:util';

/** What one `npm run bench` measures. */
export interface BenchOptions {
  /** Datasource files of the sample installation. */
  readonly files: number;
  /** Files of 1–6 MiB among them. */
  readonly largeFiles: number;
  /** Rows padded up to about this many MiB. */
  readonly dbMb: number;
  /** A/B pairs per case; each case reports medians. */
  readonly pairs: number;
  /** Instead of the suite: the no-change plan at `files` and ten times as many. */
  readonly scale: boolean;
  /** After the suite: CPU profiles of `cellar plan` and `cellar apply`. */
  readonly profile: boolean;
}

export const usage = `npm run bench [-- OPTIONS]

  --files N        datasource files of the sample installation (default 100000)
  --large-files N  files of 1-6 MiB among them (default one in 500)
  --db-mb M        database rows, in MiB (default 200)
  --pairs K        cellar/plain pairs per case, medians reported (default 3)
  --scale          only the no-change plan, at N and 10 x N files (no database padding)
  --profile        after the suite, CPU-profile cellar plan and cellar apply
  --help           this text
`;

/** Parses the command line; undefined when only the help was asked for. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      files: { type: 'string' },
      'large-files': { type: 'string' },
      'db-mb': { type: 'string' },
      pairs: { type: 'string' },
      scale: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const files = count(values.files, 'files', 100_000, 1);
  return {
    files,
    largeFiles: count(values['large-files'], 'large-files', Math.ceil(files / 500), 0),
    dbMb: count(values['db-mb'], 'db-mb', 200, 1),
    pairs: count(values.pairs, 'pairs', 3, 1),
    scale: values.scale,
    profile: values.profile,
  };
}

function count(text: string | undefined, name: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new RangeError(`--${name} takes a whole number of at least ${min}, not "${text}"`);
  return value;
}
