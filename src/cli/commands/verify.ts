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
import { localHost } from '../../adapters/host/local-host.js';
import type { PlanFile } from '../../config/plan.js';
import { observeSpotCheck } from '../../observe/observe-spot-check.js';
import { judgeSpotCheck } from '../../plan/spot-check.js';
import { renderSpotJson, renderSpotText, spotFailureMessage, toSpotDocument } from '../../render/spot-check.js';
import { createReporter } from '../reporter.js';

export interface VerifyCommandArgs {
  readonly file?: string | undefined;
  readonly target?: string | undefined;
  readonly snapshot?: string | undefined;
  readonly readData?: boolean | undefined;
  readonly againstLive?: boolean | undefined;
  readonly sample?: number | undefined;
  readonly json?: boolean | undefined;
}

const problemsShown = 50;

/** `cellar verify`: checks one snapshot against its manifest; exit 1 (VERIFY_FAILED) listing each mismatch. */
export async function runVerify(args: VerifyCommandArgs, io: Io): Promise<number> {
  checkOptions(args);
  const { plan } = await loadPlan(planFilePath(args.file, io.env, io.cwd), io.env, io.cwd);
  const store = targetStore(plan, args.target);
  const manifest = chooseSnapshot(store, args.snapshot ?? 'latest');
  if (args.againstLive === true) return spotCheck(plan, store, manifest, args, io);
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

function checkOptions(args: VerifyCommandArgs): void {
  if (args.sample !== undefined && args.againstLive !== true)
    throw new CellarError('USAGE', '--sample goes with --against-live; add it, or leave --sample out');
  if (args.sample !== undefined && !(args.sample >= 0 && args.sample <= 100))
    throw new CellarError('USAGE', '--sample is a percentage: give a number from 0 to 100');
  if (args.againstLive === true && args.readData === true) {
    throw new CellarError('USAGE', '--against-live checks the live installation, --read-data the snapshot: run them one at a time');
  }
}

/** `verify --against-live`: the live trees against the snapshot, judged by the plan's tolerances. */
async function spotCheck(plan: PlanFile, store: SnapshotStore, manifest: Manifest, args: VerifyCommandArgs, io: Io): Promise<number> {
  const tolerances = { ...plan.spot, sample: args.sample ?? plan.spot.sample };
  const observation = await observeSpotCheck(store, localHost, manifest, { sample: tolerances.sample, random: Math.random });
  const document = toSpotDocument({ name: store.name, path: store.location }, judgeSpotCheck(observation, tolerances));
  io.out(args.json === true ? renderSpotJson(document) : renderSpotText(document));
  if (!document.passed) throw new CellarError('VERIFY_FAILED', spotFailureMessage(document));
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
