import { describe, expect, it } from 'vitest';
import { cellarOptions, describeUsage } from '../../src/cli/usage-error.js';
import { runCellar } from '../helpers/cli.js';

describe('a misspelt option', () => {
  it('is named once, as typed, with the option meant', async () => {
    const result = await runCellar(['plan', '--detailed-exitcod'], { env: { CELLAR_PLAN: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('cellar: unknown option --detailed-exitcod (did you mean --detailed-exitcode?); see cellar --help\n');
  });

  it('names each unknown option, and suggests only close ones', () => {
    expect(describeUsage('Unknown arguments: yess, dry, drop-databse, dropDatabse', cellarOptions)).toBe(
      'unknown options --yess (did you mean --yes?), --dry, --drop-databse (did you mean --drop-database?); see cellar --help',
    );
    expect(describeUsage('Not enough non-option arguments: got 0, need at least 1', cellarOptions)).toBe(
      'Not enough non-option arguments: got 0, need at least 1 (see cellar --help)',
    );
  });

  it.each(['init', 'validate', 'plan', 'apply', 'snapshots', 'verify', 'completion'])(
    'is looked up among every option `cellar %s --help` lists',
    async (command) => {
      const help = await runCellar([command, '--help']);
      expect(help.code, help.stderr).toBe(0);
      const listed = [...new Set([...help.stdout.matchAll(/--([a-z][a-z-]+)/g)].map((match) => match[1]!))];
      expect(listed.filter((option) => !cellarOptions.includes(option))).toEqual([]);
    },
  );
});
