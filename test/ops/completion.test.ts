import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCellar } from '../helpers/cli.js';
import { commandExists, runProcess, writeCellarShim } from './support.js';

describe('cellar completion', () => {
  let scratch: string;
  let path: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'cellar-completion-'));
    path = `${await writeCellarShim(join(scratch, 'bin'))}:${process.env.PATH ?? ''}`;
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('prints the script of the shell named, else of the one $SHELL names, else bash', async () => {
    const bash = await runCellar(['completion', 'bash'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(bash.code, bash.stderr).toBe(0);
    expect(bash.stdout).toMatch(/^# cellar completion for bash\./);
    expect(bash.stdout).toContain('complete -o bashdefault -o default -F _cellar_completions cellar\n');

    const fromShell = await runCellar(['completion'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(fromShell.code).toBe(0);
    expect(fromShell.stdout).toMatch(/^#compdef cellar\n/);
    const fallback = await runCellar(['completion'], { env: { SHELL: '/bin/sh' } });
    expect(fallback.stdout).toBe(bash.stdout);

    const fish = await runCellar(['completion', 'fish']);
    expect(fish.code).toBe(1);
    expect(fish.stderr).toContain('Choices: "bash", "zsh"');
  });

  it("answers the scripts' --get-yargs-completions with commands, then with the options of the command", async () => {
    const commands = await runCellar(['--get-yargs-completions', 'cellar', 'pl'], { env: { SHELL: '/bin/bash' } });
    expect(commands.code, commands.stderr).toBe(0);
    expect(commands.stdout.split('\n')).toContain('plan');
    const options = await runCellar(['--get-yargs-completions', 'cellar', 'plan', '--det'], { env: { SHELL: '/bin/bash' } });
    expect(options.stdout.split('\n')).toContain('--detailed-exitcode');
    expect(options.stdout.split('\n')).not.toContain('--yes');
    const described = await runCellar(['--get-yargs-completions', 'cellar', ''], { env: { SHELL: '/usr/bin/zsh' } });
    expect(described.stdout).toContain('plan:Show what drifted since the last snapshot');
  });

  it('completes in bash: commands, options after a dash, shells, and file names elsewhere', async () => {
    // Each line: the words typed, then what bash offers for the last one.
    const cases: [string[], string[]][] = [
      [['cellar', 'pl'], ['plan']],
      [
        ['cellar', 'v'],
        ['validate', 'verify'],
      ],
      [['cellar', 'plan', '--det'], ['--detailed-exitcode']],
      [['cellar', 'apply', '--y'], ['--yes']],
      [
        ['cellar', 'completion', ''],
        ['bash', 'zsh'],
      ],
      [['cellar', 'plan', '-f', ''], []],
      [['cellar', 'apply', 'sav'], []],
    ];
    const script = [
      'source <(cellar completion bash)',
      ...cases.map(([words]) => {
        const quoted = words.map((word) => `'${word}'`).join(' ');
        return `COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _cellar_completions; echo "\${COMPREPLY[*]}"`;
      }),
    ].join('\n');
    const result = await runProcess(['bash', '--noprofile', '--norc', '-c', script], { cwd: scratch, env: { PATH: path, SHELL: '/bin/bash' } });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').slice(0, -1)).toEqual(cases.map(([, offered]) => offered.join(' ')));
  });

  it('completes in zsh through _describe, with descriptions', async (context) => {
    if (!(await commandExists('zsh'))) context.skip('zsh is not installed here');
    // compdef, _describe and _files come from compinit; stand-ins print what they are given.
    const script = [
      'compdef() { print -r -- "compdef $*" }',
      '_describe() { print -rl -- "${(@P)2}" }',
      '_files() { print -r -- "_files" }',
      'source <(cellar completion zsh)',
      'words=(cellar pl); CURRENT=2; _cellar',
      "words=(cellar plan -f ''); CURRENT=4; _cellar",
    ].join('\n');
    const result = await runProcess(['zsh', '-f', '-c', script], { cwd: scratch, env: { PATH: path, SHELL: '/usr/bin/zsh' } });
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('compdef _cellar cellar');
    expect(lines).toContain('plan:Show what drifted since the last snapshot and the actions that would fix it');
    expect(lines.at(-2)).toBe('_files');
  });
});

describe('cellar --help', () => {
  it('shows at least one example for every command', async () => {
    const help = await runCellar(['--help']);
    const commands = [...help.stdout.matchAll(/^ {2}cellar (\w+)/gm)].map((match) => match[1]!);
    expect(commands).toEqual(['init', 'validate', 'plan', 'apply', 'snapshots', 'verify', 'completion']);
    for (const command of commands) {
      const result = await runCellar([command, '--help']);
      expect(result.code).toBe(0);
      const examples = result.stdout.split('\nExamples:\n')[1] ?? '';
      expect(examples, `cellar ${command} --help`).toContain(`cellar ${command}`);
    }
  });
});
