import { fileURLToPath } from 'node:url';
import type { Sample } from './measure.js';
import { runCommand } from './measure.js';
import type { StepRequest } from './step.js';

const stepScript = fileURLToPath(new URL('./step.js', import.meta.url));

/** Runs one cellar step in a process of its own (see step.ts) and returns what it measured of itself. */
export async function runStep(request: StepRequest, env: Readonly<Record<string, string>>): Promise<Sample> {
  const output = await runCommand([process.execPath, stepScript, JSON.stringify(request)], { env });
  const sample = JSON.parse(output) as Partial<Sample>;
  if (typeof sample.seconds !== 'number' || typeof sample.peakKib !== 'number') throw new Error(`the step printed no measurement: ${output}`);
  return { seconds: sample.seconds, peakKib: sample.peakKib };
}
