import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Undo steps, run last first; every step runs even when an earlier one fails. */
export class Teardown {
  private readonly steps: (() => Promise<void>)[] = [];
  private done: Promise<void> | undefined;

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** A new temporary folder (mode 0755, so that servers dropping privileges can read it), removed on teardown. */
  async folder(prefix: string): Promise<string> {
    const path = await mkdtemp(join(tmpdir(), `cellar-${prefix}-`));
    this.add(() => rm(path, { recursive: true, force: true }));
    await chmod(path, 0o755);
    return path;
  }

  /** Runs the steps once; later calls wait for the same run. */
  run(): Promise<void> {
    this.done ??= this.runSteps();
    return this.done;
  }

  private async runSteps(): Promise<void> {
    const errors: unknown[] = [];
    for (const step of this.steps.reverse()) {
      await step().catch((error: unknown) => errors.push(error));
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} teardown steps failed`);
  }
}

/** Builds something with a teardown; if building fails, tears down what was built and rethrows. */
export async function withTeardown<T>(build: (teardown: Teardown) => Promise<T>): Promise<T> {
  const teardown = new Teardown();
  try {
    return await build(teardown);
  } catch (error) {
    await teardown.run().catch(() => undefined);
    throw error;
  }
}
