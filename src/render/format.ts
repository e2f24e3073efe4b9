export type Tone = 'add' | 'change' | 'remove' | 'warn' | 'dim' | 'bold';

const codes: Record<Tone, [number, number]> = {
  add: [32, 39],
  change: [33, 39],
  remove: [31, 39],
  warn: [33, 39],
  dim: [2, 22],
  bold: [1, 22],
};

export type Paint = (tone: Tone, text: string) => string;

/** ANSI colours when enabled; the identity otherwise (tests render without colour). */
export function painter(color: boolean): Paint {
  return color ? (tone, text) => `\u001b[${codes[tone][0]}m${text}\u001b[${codes[tone][1]}m` : (_tone, text) => text;
}
