import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../demo/repo-paths.js';
import { changeRow, touchFiles } from '../demo/sample-install.js';
import { renderProfile, summarizeProfile, type CpuProfile } from './cpu-profile.js';
import { measureCommand, type Measured } from './measure.js';
import { renderTimeline, stepTimeline, type TimedLine } from './step-timeline.js';
import type { Workspace } from './workspace.js';

/** Functions listed per table, for the main thread and for each worker thread. */
const top = 15;
const workerTop = 8;

function threadOf(file: string): number {
  return Number(file.split('.')[4] ?? 0);
}

/**
 * CPU-profiles `cellar plan` with nothing to do, then `cellar apply` after 1% of the files and a
 * row changed, writing the profiles to a new temp folder. Returns the folder and the summaries.
 */
export async function profileCellar(ws: Workspace, log: (line: string) => void): Promise<{ readonly folder: string; readonly text: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'cellar-bench-profiles-'));
  // The plain side changed files after cellar's last snapshot: catch up first, not profiled.
  await measureCommand(ws.cellar(['apply', '--yes', '-f', ws.planFile]), { env: ws.env });
  const sections: string[] = [];
  const profile = async (name: string, args: readonly string[], expect: RegExp): Promise<void> => {
    const dir = join(folder, name);
    const [node = process.execPath, ...rest] = ws.cellar([...args, '-f', ws.planFile]);
    const lines: TimedLine[] = [];
    const run: Measured = await measureCommand([node, '--cpu-prof', `--cpu-prof-dir=${dir}`, ...rest], {
      env: ws.env,
      onStderrLine: (line, seconds) => lines.push({ line, seconds }),
    });
    if (!expect.test(run.stdout)) throw new Error(`cellar ${args.join(' ')} did not do what is profiled:\n${run.stdout.slice(-2000)}`);
    // One profile per thread: CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile, the main thread's id 0.
    const files = (await readdir(dir)).filter((entry) => entry.endsWith('.cpuprofile')).sort((a, b) => threadOf(a) - threadOf(b));
    if (files.length === 0) throw new Error(`node wrote no profile in ${dir}`);
    log(`  ${name}: ${run.seconds.toFixed(2)} s with the profiler, ${dir}`);
    const title = `cellar ${args.join(' ')}: ${run.seconds.toFixed(2)} s wall with the profiler on`;
    for (const file of files) {
      const summary = summarizeProfile(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile, repoRoot());
      const thread = threadOf(file);
      sections.push(thread === 0 ? renderProfile(title, summary, top) : renderProfile(`${title}, worker thread ${thread}`, summary, workerTop));
    }
    const steps = stepTimeline(lines, run.seconds);
    if (steps.length > 1) sections.push(`Wall time by step:\n\n${renderTimeline(steps)}`);
  };
  await profile('plan', ['plan'], /No changes\./);
  await touchFiles(ws.install, Math.max(1, Math.round(ws.install.layout.files / 100)));
  await changeRow(ws.install);
  await profile('apply', ['apply', '--yes'], /database dumped/);
  return { folder, text: sections.join('\n\n') };
}
