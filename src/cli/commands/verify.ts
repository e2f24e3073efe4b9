import { verifySnapshot } from '../../observe/verify-snapshot.js';
import { loadPlan, planFilePath } from '../../observe/load-plan.js';
import { CellarError, isCellarError } from '../../core/errors.js';
import { findSnapshot } from '../../observe/find-snapshot.js';
import { targetStore } from '../../observe/target-store.js';
import type { SnapshotStore } from '../../model/ports.js';
import type { Manifest } from '../../model/manifest.js';
import { renderVerifyJson, toVerifyDocument } from '../../render/verify-json.js';
import { renderVerifySummary, verifyFailureDetails, verifyFailureMessage } from '../../render/verify-text.js';
import type { Io } from '../io.js';
import { createReporter } from '../reporter.js';

export interface VerifyCommandArgs {
  readonly file?: string | undefined;
  readonly target?: string | undefined;
  readonly snapshot?: string | undefined;
  readonly readData?: boolean | undefined;
  readonly json?: boolean | undefined;
}

const problemsShown = 50;

/** `cellar verify`: checks one snapshot against its manifest; exit 1 (VERIFY_FAILED) listing each mismatch. */
export async function runVerify(args: VerifyCommandArgs, io: Io): Promise<number> {
  const { plan } = await loadPlan(planFilePath(args.file, io.env, io.cwd), io.env, io.cwd);
  const store = targetStore(plan, args.target);
  const manifest = chooseSnapshot(store, args.snapshot ?? 'latest');
  const readData = args.readData === true;
  const reporter = createReporter(io, { progressBars: io.interactive });
  const label = `reading snapshot ${manifest.id}`;
  const result = verifySnapshot(store, manifest, {
    readData,
    keepProblems: problemsShown,
    onProgress: (done, total) => {
      reporter.progress(label, { unit: 'bytes', done, total });
    },
  });
  reporter.progressDone();
  const document = toVerifyDocument({ target: { name: store.name, path: store.location }, snapshot: manifest.id, readData }, result);
  if (args.json === true) io.out(renderVerifyJson(document));
  if (!document.verified) throw new CellarError('VERIFY_FAILED', verifyFailureMessage(document), { details: verifyFailureDetails(document) });
  if (args.json !== true) io.out(renderVerifySummary(document));
  return 0;
}

/** The snapshot to verify; a manifest that cannot be read fails verification. */
function chooseSnapshot(store: SnapshotStore, wanted: string): Manifest {
  try {
    return findSnapshot(store, wanted);
  } catch (error) {
    if (!isCellarError(error) || error.code !== 'SNAPSHOT_DAMAGED') throw error;
    throw new CellarError('VERIFY_FAILED', `verification failed: ${error.message}`, { cause: error });
  }
}
