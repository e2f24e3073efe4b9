/*
 * `npm run bench`: cellar against the plain tools on a synthetic Cells installation, A B A B, medians;
 * prints the ratio table and writes it to docs/benchmarks.md. See usage in options.ts.
 */
import { tmpdir } from 'node:os';
import { writeDocSection } from './doc-file.js';
import { cleanUpOnInterrupt } from './interrupt.js';
import { describeMachine, loadAverage } from './machine.js';
import { parseBenchOptions, usage, type BenchOptions } from './options.js';
import { profileCellar } from './profile.js';
import { renderMachine, renderSuite, renderTable } from './report.js';
import { renderScale, runScale } from './scale.js';
import { runSuite } from './suite.js';
import { createWorkspace } from './workspace.js';

async function main(options: BenchOptions): Promise<void> {
  const machine = await describeMachine(tmpdir());
  show(`${renderMachine(machine)}\n- load average ${loadAverage()}\n`);
  if (options.scale) {
    const sizes = [options.files, options.files * 10];
    show(`Scaling: cellar plan (no change) at ${sizes.join(' and ')} files, ${options.pairs} pairs each`);
    const points = await runScale(sizes, options.largeFiles, options.pairs, show);
    const text = `${renderScale(points, new Date().toISOString(), loadAverage())}\n\n${renderMachine(machine)}`;
    show(`\n${text}\nWritten to ${await writeDocSection('scale', text)}`);
    return;
  }

  show(`Creating the sample installation: ${options.files} files, about ${options.dbMb} MiB of rows…`);
  const ws = await createWorkspace({ files: options.files, largeFiles: options.largeFiles, dbMb: options.dbMb });
  const stopListening = cleanUpOnInterrupt(() => ws.dispose());
  try {
    const start = loadAverage();
    show(`  ${ws.install.files} files in ${ws.install.workingDir}; load average ${start}`);
    const results = await runSuite(ws, options.pairs, show);
    const report = {
      date: new Date().toISOString(),
      pairs: options.pairs,
      machine,
      load: { start, end: loadAverage() },
      install: { files: ws.install.files, bytes: ws.install.bytes, databaseBytes: ws.install.databaseBytes },
      results,
    };
    show(`\n${renderTable(results)}\n\nWritten to ${await writeDocSection('suite', renderSuite(report))}`);
    if (options.profile) {
      show('\nProfiling cellar plan and cellar apply (node --cpu-prof)…');
      const { folder, text } = await profileCellar(ws, show);
      show(`\n${text}\n\nProfiles kept in ${folder}; written to ${await writeDocSection('profile', text)}`);
    }
  } finally {
    await ws.dispose();
    stopListening();
  }
}

function show(line: string): void {
  process.stdout.write(`${line}\n`);
}

try {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === undefined) process.stdout.write(usage);
  else await main(options);
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
