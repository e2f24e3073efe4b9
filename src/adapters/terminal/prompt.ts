import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

/** Asks one question on `output` and resolves with the answer typed on `input` (empty on end of input). */
export async function askLine(input: Readable, output: Writable, question: string): Promise<string> {
  const rl = createInterface({ input, output, terminal: false });
  try {
    const answer = await Promise.race([
      rl.question(question),
      new Promise<string>((resolve) =>
        rl.once('close', () => {
          resolve('');
        }),
      ),
    ]);
    return answer.trim();
  } finally {
    rl.close();
  }
}
