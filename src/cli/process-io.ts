import type { Readable, Writable } from 'node:stream';
import { askLine } from '../adapters/terminal/prompt.js';
import type { Io } from './io.js';

interface ProcessStreams {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
}

/** The real process's streams as an Io; colour is decided later, once --no-color is parsed. */
export function createProcessIo({ env, stdin, stdout, stderr }: ProcessStreams): Io {
  const interactive = stdin.isTTY === true && stderr.isTTY === true;
  return {
    out: (text) => stdout.write(text),
    err: (text) => stderr.write(text),
    interactive,
    color: stderr.isTTY === true,
    env,
    cwd: process.cwd(),
    ask: (question) => askLine(stdin, stderr, question),
  };
}
