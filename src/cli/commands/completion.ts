import type { Argv } from 'yargs';
import type { Io } from '../io.js';

/** Shells `cellar completion` writes a script for (the choices of its argument in run.ts). */
export type CompletionShell = 'bash' | 'zsh';

export interface CompletionCommandArgs {
  readonly shell?: CompletionShell | undefined;
}

// Both scripts ask cellar itself for candidates (yargs' `--get-yargs-completions` protocol), so
// they stay right when commands and options change. Without candidates, they complete file names.
const scripts: Record<CompletionShell, string> = {
  bash: `# cellar completion for bash. Install it with
#   cellar completion bash > /etc/bash_completion.d/cellar
# or add  source <(cellar completion bash)  to ~/.bashrc.
_cellar_completions() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -W "$(cellar --get-yargs-completions "\${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null)" -- "\${COMP_WORDS[COMP_CWORD]}"))
}
complete -o bashdefault -o default -F _cellar_completions cellar
`,
  zsh: `#compdef cellar
# cellar completion for zsh. Install it as _cellar in a folder of $fpath, e.g.
#   cellar completion zsh > "\${fpath[1]}/_cellar"
# then start a new shell (compinit must run in ~/.zshrc).
_cellar() {
  local -a candidates
  candidates=(\${(f)"$(cellar --get-yargs-completions "\${(@)words[1,CURRENT]}" 2>/dev/null)"})
  if (( \${#candidates} )); then
    _describe 'cellar' candidates
  else
    _files
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _cellar "$@"
else
  compdef _cellar cellar
fi
`,
};

/** `cellar completion [bash|zsh]`: prints the script for the shell named, else for the one $SHELL names. */
export function runCompletion(args: CompletionCommandArgs, io: Io): Promise<number> {
  io.out(scripts[args.shell ?? shellOf(io.env.SHELL)]);
  return Promise.resolve(0);
}

/**
 * Answers a shell's `cellar --get-yargs-completions WORDS...` with one candidate per line. yargs
 * finds a command's options through a nested parse that calls the parse callback again, so the
 * candidates are in the last output it reports, not the first.
 */
export async function printCompletions(parser: Argv, argv: readonly string[], io: Io): Promise<number> {
  let output = '';
  await parser.parseAsync([...argv], {}, (_error: Error | undefined | null, _args: unknown, text: string) => {
    output = text;
  });
  const current = argv.at(-1) ?? '';
  const candidates = output.split('\n').filter((line) => line !== '' && wanted(line, current));
  if (candidates.length > 0) io.out(`${candidates.join('\n')}\n`);
  return 0;
}

/**
 * Options only once a dash is typed, so that a bare word falls back to file names (`-f <TAB>`,
 * `apply <TAB>`); never yargs' `--f` spelling of a one-letter alias.
 */
function wanted(candidate: string, current: string): boolean {
  if (!candidate.startsWith('-')) return true;
  return current.startsWith('-') && !/^--[^-:](:|$)/.test(candidate);
}

function shellOf(path: string | undefined): CompletionShell {
  return path?.endsWith('/zsh') === true || path === 'zsh' ? 'zsh' : 'bash';
}
