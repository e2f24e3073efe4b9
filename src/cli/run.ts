import yargs from 'yargs';
import type { Argv } from 'yargs';
import { CellarError } from '../core/errors.js';
import { wantsColor, type Io } from './io.js';
import { reportError } from './report-error.js';
import { cellarOptions, describeUsage } from './usage-error.js';
import { toolVersion } from '../core/version.js';

type Handler = (args: Record<string, unknown>, io: Io) => Promise<number>;
type Loader = () => Promise<Handler>;

const planFileOption = {
  alias: 'f',
  type: 'string',
  describe: 'The plan file (default: $CELLAR_PLAN, then ./backup-plan.yaml)',
} as const;

/** Options shared by plan and apply. */
function planOptions(y: Argv): Argv {
  return y
    .option('file', planFileOption)
    .option('target', { type: 'string', describe: 'The target to use when the plan declares several' })
    .option('restore', { type: 'boolean', default: false, describe: 'Plan a restore instead of a backup' })
    .option('snapshot', { type: 'string', describe: 'Snapshot to restore: an id or latest (default latest)' })
    .option('only', {
      type: 'string',
      array: true,
      describe:
        'With --restore: restore only these addresses (config, workdir, database, datasource.NAME, datasource.NAME:PATH); repeat it or separate with commas',
    })
    .option('to', { type: 'string', describe: 'With --only datasource.NAME:PATH: restore the path into this folder, beside its original' })
    .option('safety-snapshot', { type: 'boolean', default: true, describe: 'Before a restore, snapshot what it overwrites (--no-safety-snapshot skips it)' })
    .option('uninstall', { type: 'boolean', default: false, describe: 'Plan removing the working dir (refused unless the last snapshot is current)' })
    .option('drop-database', { type: 'boolean', default: false, describe: 'With --uninstall: also drop the database' })
    .option('force', { type: 'boolean', default: false, describe: 'With --uninstall: proceed even if the last snapshot is not current' });
}

/** Parses argv, runs one command and returns the process exit code; never calls process.exit. */
// eslint-disable-next-line max-lines-per-function -- the yargs command table: one short entry per command
export async function runCli(argv: readonly string[], baseIo: Io): Promise<number> {
  let exitCode = 0;
  let verbose = argv.includes('--verbose');
  let io = baseIo;

  const command =
    (load: Loader) =>
    async (args: Record<string, unknown>): Promise<void> => {
      verbose = args.verbose === true;
      io = { ...baseIo, color: wantsColor(args.color !== false, baseIo.env, baseIo.color) };
      const handler = await load();
      exitCode = await handler(args, io);
    };

  const parser = yargs([...argv])
    .scriptName('cellar')
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .usage('cellar <command> [options]\n\nBack up and restore a Pydio Cells installation from a plan kept in git.')
    .option('verbose', { type: 'boolean', default: false, describe: 'Show every path and, on failure, the stack trace' })
    .option('color', { type: 'boolean', default: true, describe: 'Colour the output on a terminal (--no-color or NO_COLOR turn it off)' })
    .command(
      'init',
      'Write a commented backup plan for an existing Cells installation',
      (y: Argv) =>
        y
          .option('working-dir', { type: 'string', demandOption: true, describe: 'The Cells working dir (holds pydio.json)' })
          .option('target', { type: 'string', describe: 'Folder that will hold the snapshots' })
          .option('output', { alias: 'o', type: 'string', default: 'backup-plan.yaml', describe: 'Where to write the plan' })
          .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing plan file' })
          .example('cellar init --working-dir /var/cells --target /backup/cells', 'Write ./backup-plan.yaml for /var/cells'),
      command(async () => (await import('./commands/init.js')).runInit),
    )
    .command(
      'validate',
      'Check a plan file: schema, safety rules, datasources',
      (y: Argv) =>
        y.option('file', planFileOption).example('cellar validate -f backup-plan.yaml', 'Exit 0 when the plan is valid, 1 with every problem otherwise'),
      command(async () => (await import('./commands/validate.js')).runValidate),
    )
    .command(
      'plan',
      'Show what drifted since the last snapshot and the actions that would fix it',
      (y: Argv) =>
        planOptions(y)
          .option('out', { type: 'string', describe: 'Save the plan to apply it exactly later (cellar apply FILE)' })
          .option('detailed-exitcode', { type: 'boolean', default: false, describe: 'Exit 2 when there are changes, 0 when none, 1 on error' })
          .option('json', { type: 'boolean', default: false, describe: 'Print the plan as one JSON document' })
          .example('cellar plan', 'What a backup would do now')
          .example('cellar plan --detailed-exitcode', 'CI drift check: exit 2 when the backup is stale')
          .example('cellar plan --restore --snapshot latest', 'What a restore would change, with the pydio.json diff'),
      command(async () => (await import('./commands/plan.js')).runPlan as Handler),
    )
    .command(
      'apply [saved-plan]',
      'Carry out the plan (asks for yes on a terminal)',
      (y: Argv) =>
        planOptions(y)
          .positional('saved-plan', { type: 'string', describe: 'A plan saved with cellar plan --out' })
          .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask; required when not on a terminal' })
          .option('json', { type: 'boolean', default: false, describe: 'Print the plan and the outcome as one JSON document' })
          .option('diff', { type: 'boolean', default: false, describe: "Show pydio.json's patches as a unified diff too (cellar plan always does)" })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only warnings, errors and the outcome line; needs --yes' })
          .example('cellar apply --yes', 'Take a backup now (from cron or systemd)')
          .example('cellar apply plan.json', 'Carry out a saved plan, or refuse it when stale'),
      command(async () => (await import('./commands/apply.js')).runApply as Handler),
    )
    .command(
      'snapshots',
      'List the snapshots in the target, newest last',
      (y: Argv) =>
        y
          .option('file', planFileOption)
          .option('target', { type: 'string', describe: 'The target to list when the plan declares several' })
          .option('json', { type: 'boolean', default: false, describe: 'Print the list as one JSON document' })
          .example('cellar snapshots', 'Each snapshot: time, files, size, new bytes, database dumped or unchanged'),
      command(async () => (await import('./commands/snapshots.js')).runSnapshots as Handler),
    )
    .command(
      'verify',
      'Check a snapshot against its manifest (exit 1 listing every mismatch)',
      (y: Argv) =>
        y
          .option('file', planFileOption)
          .option('target', { type: 'string', describe: 'The target to use when the plan declares several' })
          .option('snapshot', { type: 'string', default: 'latest', describe: 'Snapshot to check: an id, or latest (the newest backup)' })
          .option('read-data', { type: 'boolean', default: false, describe: 'Also re-hash every file and dump (reads the whole snapshot)' })
          .option('against-live', {
            type: 'boolean',
            default: false,
            describe: "Spot check: compare the live installation with the snapshot's file counts and a sample of its contents",
          })
          .option('sample', { type: 'number', describe: 'With --against-live: percent of the files to hash (default: verify.spot.sample, else 1)' })
          .option('json', { type: 'boolean', default: false, describe: 'Print the outcome as one JSON document' })
          .example('cellar verify --read-data', 'Re-hash the latest snapshot, e.g. weekly from cron')
          .example('cellar verify --against-live --sample 5', 'Is the live data still what was backed up? Hash 5% of the unchanged files'),
      command(async () => (await import('./commands/verify.js')).runVerify as Handler),
    )
    .command(
      'completion [shell]',
      'Print a bash or zsh completion script',
      (y: Argv) =>
        y
          .positional('shell', { choices: ['bash', 'zsh'] as const, describe: 'The shell (default: the one $SHELL names, else bash)' })
          .example('source <(cellar completion bash)', 'Complete commands and options in this bash (keep it in ~/.bashrc)')
          .example('cellar completion zsh > ~/.zfunc/_cellar', 'For zsh: save it as _cellar in a folder of $fpath'),
      command(async () => (await import('./commands/completion.js')).runCompletion as Handler),
    )
    .strict()
    .demandCommand(1, 'Name a command; `cellar --help` lists them.')
    .recommendCommands()
    .version(toolVersion)
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      throw error ?? new CellarError('USAGE', describeUsage(message ?? 'invalid arguments', cellarOptions));
    });

  try {
    // A shell asking for candidates, from the script that `cellar completion` prints.
    if (argv[0] === '--get-yargs-completions') return await (await import('./commands/completion.js')).printCompletions(parser, argv, io);
    const output = await new Promise<string>((resolve, reject) => {
      void parser
        .parseAsync([...argv], {}, (error: Error | undefined | null, _args: unknown, text: string) => {
          if (error) reject(error);
          else resolve(text);
        })
        .catch(reject);
    });
    if (output) io.out(`${output}\n`);
    return exitCode;
  } catch (error) {
    return reportError(error, io, verbose);
  }
}
