/** The streams and terminal facts a command needs; tests pass their own. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** stdin and stderr are terminals: prompts and progress bars are allowed. */
  readonly interactive: boolean;
  readonly color: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Reads one line from the terminal, after printing the question on stderr. */
  readonly ask: (question: string) => Promise<string>;
}

/** Colour is on only for a terminal, and off with --no-color or NO_COLOR (https://no-color.org). */
export function wantsColor(flag: boolean, env: Io['env'], isTTY: boolean): boolean {
  return flag && isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
