import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleInstall, type SampleInstall } from '../../demo/sample-install.js';
import { runCellar } from '../helpers/cli.js';
import { dropDatabase, uniqueName } from '../helpers/mariadb.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

/** The fenced blocks of a language in a Markdown text, in order. */
function fencedBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1] ?? '');
}

/** The `cellar …` command lines of the README's shell blocks, in the order a reader meets them. */
function cellarCommands(markdown: string): string[][] {
  return fencedBlocks(markdown, 'sh')
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('cellar '))
    .map((line) => line.split(/\s+/).slice(1));
}

describe('the README', () => {
  let root: string;
  let install: SampleInstall;
  let restoredDatabase: string;
  let places: [string, string][];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cellar-readme-'));
    install = await createSampleInstall({ root: join(root, 'site'), files: 200 });
    restoredDatabase = uniqueName('cellar_readme_restored');
    places = [
      ['/srv/cells-restored', join(root, 'restored')],
      ['/srv/backups/cells', join(root, 'backups')],
      ['/srv/cells', install.workingDir],
      ['db2.internal', '127.0.0.1'],
      ['name: cells,', `name: ${restoredDatabase},`],
    ];
  });

  afterAll(async () => {
    await install.dispose();
    await dropDatabase(restoredDatabase);
    rmSync(root, { recursive: true, force: true });
  });

  const here = (text: string): string => places.reduce((result, [from, to]) => result.replaceAll(from, to), text);

  it('runs every cellar command it shows, in order, on a real installation', async () => {
    const commands = cellarCommands(readme);
    expect(commands.length).toBeGreaterThanOrEqual(9);
    const env = { CELLS_DB_PASSWORD: install.database.password, NEW_DB_PASSWORD: install.database.password };
    for (const args of commands) {
      if (args[0] === 'plan' && args.includes('--restore')) {
        const restoreYaml = fencedBlocks(readme, 'yaml').find((block) => block.startsWith('restore:'));
        if (restoreYaml !== undefined && !readFileSync(join(root, 'backup-plan.yaml'), 'utf8').includes('\nrestore:')) {
          appendFileSync(join(root, 'backup-plan.yaml'), `\n${here(restoreYaml)}`);
        }
      }
      const result = await runCellar(args.map(here), { cwd: root, env });
      const allowed = args.includes('--detailed-exitcode') ? [0, 2] : [0];
      expect(allowed, `cellar ${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toContain(result.code);
    }
  });

  it('states the two commands, and .ci/run runs the test one', () => {
    const quickStart = fencedBlocks(readme, 'sh')
      .slice(0, 2)
      .map((block) => block.trim());
    expect(quickStart).toEqual(['npm run setup && npm run demo', 'npm run setup && npm test']);
    expect(readFileSync(join(repo, '.ci', 'run'), 'utf8')).toContain('npm run setup && npm test');
  });

  it('runs the demo it promises, from start to end', async () => {
    const name = uniqueName('cellar_demo_test');
    const folder = join(root, 'demo');
    try {
      const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [join(repo, 'dist', 'demo', 'main.js')], {
          cwd: repo,
          env: { ...process.env, CELLAR_DEMO_FOLDER: folder, CELLAR_DEMO_NAME: name, NO_COLOR: '1' },
        });
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.on('error', reject);
        child.on('close', (exit) => {
          resolve({ code: exit ?? 1, output: text });
        });
      });
      expect(code, output).toBe(0);
      expect(output).toContain('No changes.');
      expect(output).toMatch(/Apply complete: snapshot \d{8}T\d{6}Z written/);
      expect(output).toContain('+        "ReverseProxyURL": "https://files.example.com",');
      expect(output).toContain('Apply complete: restored snapshot');
      expect(output).not.toContain(install.database.password);
    } finally {
      await dropDatabase(`${name}_restored`);
      await dropDatabase(name);
      await import('../../demo/sample-database.js').then(({ dropSampleDatabase }) => dropSampleDatabase(name, name));
    }
  }, 180_000);
});
