import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../demo/repo-paths.js';

/** The generated parts of docs/benchmarks.md; the text around them is written by hand. */
export type DocSection = 'suite' | 'scale' | 'profile';

const headings: Record<DocSection, string> = {
  suite: '## Results',
  scale: '## Scaling: the no-change plan at 10× the files',
  profile: '## CPU profiles',
};

/** Replaces one generated section of docs/benchmarks.md (adding it at the end when absent). */
export async function writeDocSection(section: DocSection, body: string): Promise<string> {
  const path = join(repoRoot(), 'docs', 'benchmarks.md');
  const before = await readFile(path, 'utf8').catch(() => '# Benchmarks\n');
  await writeFile(path, replaceSection(before, section, body));
  return path;
}

/** The document with `section`'s marked block replaced by a new one holding `body`. */
function replaceSection(document: string, section: DocSection, body: string): string {
  const start = `<!-- bench:${section}:start -->`;
  const end = `<!-- bench:${section}:end -->`;
  const block = `${start}\n${headings[section]}\n\n${body.trim()}\n${end}`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from < 0 || to < from) return `${document.trimEnd()}\n\n${block}\n`;
  return `${document.slice(0, from)}${block}${document.slice(to + end.length)}`;
}
