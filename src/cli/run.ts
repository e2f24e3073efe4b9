import yargs from 'yargs';
import type { Argv } from 'yargs';
import { CellarError } from '../core/errors.js';
import { wantsColor, type Io } from './io.js';
import { reportError } from './report-error.js';
import { toolVersion } from './version.js';

type Handler = (args: Record<string, unknown>, io: Io) => Promise<number>;
type Loader = () => Promise<Handler>;

const planFileOption = {
  alias: 'f',
  type: 'string',
  describe: 'The plan file (default: $CELLAR_PLAN, then ./backup-plan.yaml)',
} as const;

/** Parses argv, runs one command and returns the process exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], baseIo: Io): Promise<number> {
  let exitCode = 0;
  let verbose = argv.includes('--verbose');
  let io = baseIo;

  const command = (load: Loader) => async (args: Record<string, unknown>): Promise<void> => {
    verbose = args.verbose === true;
    io = { ...baseIo, color: wantsColor(args.color !== false, baseIo.env, baseIo.color) };
    const handler = await load();
    exitCode = await handler(args, io);
  };

  const parser = yargs([...argv])
    .scriptName('cellar')
    .usage('cellar <command> [options]\n\nBack up and restore a Pydio Cells installation from a plan kept in git.')
    .option('verbose', { type: 'boolean', default: false, describe: 'Show every path and, on failure, the stack trace' })
    .option('color', { type: 'boolean', default: true, describe: 'Colour the output on a terminal (--no-color or NO_COLOR turn it off)' })
    .command('init', 'Write a commented backup plan for an existing Cells installation', (y: Argv) =>
      y
        .option('working-dir', { type: 'string', demandOption: true, describe: 'The Cells working dir (holds pydio.json)' })
        .option('target', { type: 'string', describe: 'Folder that will hold the snapshots' })
        .option('output', { alias: 'o', type: 'string', default: 'backup-plan.yaml', describe: 'Where to write the plan' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing plan file' })
        .example('cellar init --working-dir /var/cells --target /backup/cells', 'Write ./backup-plan.yaml for /var/cells'),
      command(async () => (await import('./commands/init.js')).runInit as Handler))
    .command('validate', 'Check a plan file: schema, safety rules, datasources', (y: Argv) =>
      y.option('file', planFileOption)
        .example('cellar validate -f backup-plan.yaml', 'Exit 0 when the plan is valid, 1 with every problem otherwise'),
      command(async () => (await import('./commands/validate.js')).runValidate as Handler))
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
      throw error ?? new CellarError('USAGE', `${message ?? 'invalid arguments'} (see cellar --help)`);
    });

  try {
    const output = await new Promise<string>((resolve, reject) => {
      void parser.parseAsync([...argv], {}, (error: Error | undefined | null, _args: unknown, text: string) => {
        if (error) reject(error);
        else resolve(text);
      }).catch(reject);
    });
    if (output) io.out(`${output}\n`);
    return exitCode;
  } catch (error) {
    return reportError(error, io, verbose);
  }
}
