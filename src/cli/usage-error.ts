import { closestMatch } from '../config/did-you-mean.js';

/** Every option of every cellar command, for "did you mean"; a test keeps it equal to what `--help` lists. */
export const cellarOptions: readonly string[] = [
  'color',
  'no-color',
  'detailed-exitcode',
  'diff',
  'quiet',
  'drop-database',
  'file',
  'force',
  'help',
  'json',
  'out',
  'output',
  'read-data',
  'against-live',
  'sample',
  'only',
  'to',
  'restore',
  'safety-snapshot',
  'no-safety-snapshot',
  'snapshot',
  'target',
  'uninstall',
  'verbose',
  'version',
  'working-dir',
  'yes',
];

/**
 * yargs' usage message, told as an operator reads it: an unknown option named once, as it is
 * typed (yargs also echoes its camelCase spelling), with the closest option the command has.
 */
export function describeUsage(message: string, knownOptions: readonly string[]): string {
  const names = /^Unknown arguments?: (.+)$/s.exec(message)?.[1]?.split(', ');
  if (names === undefined) return `${message} (see cellar --help)`;
  const options = knownOptions.filter((option) => /^[a-z][a-z0-9-]+$/.test(option));
  const typed = names.filter((name) => !/[A-Z]/.test(name) || !names.includes(kebab(name)));
  const described = typed.map((name) => {
    const match = closestMatch(name, options);
    return `--${name}${match === undefined ? '' : ` (did you mean --${match}?)`}`;
  });
  return `unknown option${described.length === 1 ? '' : 's'} ${described.join(', ')}; see cellar --help`;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
