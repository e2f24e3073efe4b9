import { execa } from 'execa';

/** What a restic client needs to reach a repository, whatever its backend. */
export interface ResticRepository {
  /** The `-r` value: a folder, `rest:http://…/`, `sftp:user@host:/path`, `s3:https://…/bucket`. */
  readonly repository: string;
  /** Global options the backend needs (`-o sftp.command=…`, `--cacert …`), as separate argv words. */
  readonly options: readonly string[];
  /** Variables the backend needs (S3 credentials). The password is not among them. */
  readonly env: Readonly<Record<string, string>>;
}

export interface ResticResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ResticRunOptions {
  /** Reaches restic as RESTIC_PASSWORD only, never in argv. */
  readonly password: string;
  readonly cwd?: string;
}

/** Runs `restic -r REPO …options …args` without a cache and without reading the caller's restic variables. */
export async function runRestic(repo: ResticRepository, args: readonly string[], options: ResticRunOptions): Promise<ResticResult> {
  const argv = ['--no-cache', '-r', repo.repository, ...repo.options, ...args];
  if (argv.some((word) => word.includes(options.password))) throw new Error('the restic password must not be passed in argv');
  const result = await execa('restic', argv, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: { ...resticFreeEnv(), ...repo.env, RESTIC_PASSWORD: options.password },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
  });
  return { code: result.exitCode ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs restic and throws, with its stderr, unless it exits with 0. */
export async function restic(repo: ResticRepository, args: readonly string[], options: ResticRunOptions): Promise<string> {
  const result = await runRestic(repo, args, options);
  if (result.code !== 0) throw new Error(`restic ${args.join(' ')} exited with ${result.code}:\n${result.stderr}`);
  return result.stdout;
}

/** This process's environment without RESTIC_* and AWS_* variables, which would change what restic does. */
export function resticFreeEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(RESTIC_|AWS_)/.test(entry[0])),
  );
}
