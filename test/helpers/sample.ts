import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SampleInstall, SampleInstallOptions } from '../../demo/sample-install.js';
import { createSampleInstall } from '../../demo/sample-install.js';
import { uniqueName } from './mariadb.js';

/**
 * A small sample Cells installation for one test: in a fresh temporary folder, with a uniquely named
 * database (200 files unless told). `dispose()` removes the folder, the database and the user.
 */
export async function createTestInstall(options: Partial<SampleInstallOptions> = {}): Promise<SampleInstall> {
  const scratch = await mkdtemp(join(tmpdir(), 'cellar-test-'));
  try {
    const install = await createSampleInstall({
      files: 200,
      database: uniqueName('cellar_test'),
      ...options,
      root: join(scratch, 'install'),
    });
    return {
      ...install,
      dispose: async () => {
        await install.dispose();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}
