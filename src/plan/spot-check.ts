import type { SpotTolerances } from '../config/plan.js';
import type { SpotObservation, SpotReport, SpotTreeVerdict } from '../model/spot-check.js';

/**
 * Judges a spot check with the plan's tolerances: each tree's live file count within
 * `countTolerance` percent of the snapshot's, and at most `dataTolerance` percent of the compared
 * sample with contents that differ although size and time did not change (silent corruption, or
 * an encryption that kept the timestamps).
 */
export function judgeSpotCheck(observation: SpotObservation, tolerances: SpotTolerances): SpotReport {
  const trees = observation.trees.map((tree): SpotTreeVerdict => {
    const differencePercent = percent(Math.abs(tree.liveFiles - tree.snapshotFiles), tree.snapshotFiles);
    return { ...tree, differencePercent, withinTolerance: differencePercent <= tolerances.countTolerance };
  });
  const compared = observation.samples.flatMap((sample) => (sample.live.state === 'unchanged' ? [{ ...sample, sha256: sample.live.sha256 }] : []));
  const differing = compared.filter((sample) => sample.sha256 !== sample.recorded).map(({ address, tree, path }) => ({ address, tree, path }));
  const differencePercent = percent(differing.length, compared.length);
  const withinTolerance = differencePercent <= tolerances.dataTolerance;
  return {
    snapshot: observation.snapshot,
    tolerances,
    trees,
    sample: {
      candidates: observation.candidates,
      compared: compared.length,
      skipped: observation.samples.length - compared.length,
      differing: differing.map(({ address, path }) => ({ address, path })),
      differencePercent,
      withinTolerance,
    },
    passed: withinTolerance && trees.every((tree) => tree.withinTolerance),
  };
}

/** `part` as a percentage of `whole`; a change from nothing counts as 100%. */
function percent(part: number, whole: number): number {
  if (whole === 0) return part === 0 ? 0 : 100;
  return (part / whole) * 100;
}
