/**
 * Runs `cleanup` when the benchmark is interrupted (Ctrl-C, kill), then exits: a sample holds
 * gigabytes of files and several databases that must not be left behind. Returns the way to
 * stop listening once the work is done.
 */
export function cleanUpOnInterrupt(cleanup: () => Promise<void>): () => void {
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\nbench: ${signal}, removing the sample installation…\n`);
    void cleanup().finally(() => process.exit(130));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const signal of signals) process.once(signal, stop);
  return () => {
    for (const signal of signals) process.off(signal, stop);
  };
}
