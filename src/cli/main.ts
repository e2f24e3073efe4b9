#!/usr/bin/env node
import { argv, env, stderr, stdin, stdout } from 'node:process';
import { toolVersion } from '../core/version.js';

// `--version` answers before any library loads: it is what scripts call most.
if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
  stdout.write(`${toolVersion}\n`);
} else {
  const { runCli } = await import('./run.js');
  const { createProcessIo } = await import('./process-io.js');
  const io = createProcessIo({ env, stdin, stdout, stderr });
  const code = await runCli(argv.slice(2), io);
  process.exitCode = code;
}
