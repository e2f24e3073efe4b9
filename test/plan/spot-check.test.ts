import { describe, expect, it } from 'vitest';
import type { SpotObservation, SpotSample } from '../../src/model/spot-check.js';
import { judgeSpotCheck } from '../../src/plan/spot-check.js';

const tolerances = { countTolerance: 10, sample: 1, dataTolerance: 0 };

function sample(path: string, recorded: string, live: SpotSample['live']): SpotSample {
  return { address: 'datasource.pydiods1', tree: 'datasource.pydiods1', path, recorded, live };
}

function observation(overrides: Partial<SpotObservation> = {}): SpotObservation {
  return {
    snapshot: '20261207T010000Z',
    trees: [
      { address: 'workdir', tree: 'workdir', snapshotFiles: 100, liveFiles: 100 },
      { address: 'datasource.pydiods1', tree: 'datasource.pydiods1', snapshotFiles: 1000, liveFiles: 1040 },
    ],
    candidates: 1100,
    samples: [sample('a', 'h1', { state: 'unchanged', sha256: 'h1' }), sample('b', 'h2', { state: 'changed' }), sample('c', 'h3', { state: 'missing' })],
    ...overrides,
  };
}

describe('judgeSpotCheck', () => {
  it('passes counts within the tolerance and a sample whose unchanged files hash as recorded', () => {
    const report = judgeSpotCheck(observation(), tolerances);
    expect(report.passed).toBe(true);
    expect(report.trees.map((tree) => [tree.tree, tree.differencePercent, tree.withinTolerance])).toEqual([
      ['workdir', 0, true],
      ['datasource.pydiods1', 4, true],
    ]);
    // Changed and vanished files are the file counts' business: they are not compared.
    expect(report.sample).toEqual({ candidates: 1100, compared: 1, skipped: 2, differing: [], differencePercent: 0, withinTolerance: true });
  });

  it('fails a tree whose file count moved more than the tolerance, either way', () => {
    const trees = [
      { address: 'workdir' as const, tree: 'workdir', snapshotFiles: 100, liveFiles: 111 },
      { address: 'datasource.pydiods1' as const, tree: 'datasource.pydiods1', snapshotFiles: 1000, liveFiles: 500 },
    ];
    const report = judgeSpotCheck(observation({ trees }), tolerances);
    expect(report.trees.map((tree) => tree.withinTolerance)).toEqual([false, false]);
    expect(report.passed).toBe(false);
    expect(judgeSpotCheck(observation({ trees }), { ...tolerances, countTolerance: 50 }).passed).toBe(true);
  });

  it('counts a tree that was empty and now has files as a 100% change', () => {
    const trees = [{ address: 'workdir' as const, tree: 'workdir', snapshotFiles: 0, liveFiles: 3 }];
    expect(judgeSpotCheck(observation({ trees }), tolerances).trees[0]?.differencePercent).toBe(100);
  });

  it('fails on a file whose contents changed under an unchanged size and time, and names it', () => {
    const samples = [sample('a', 'h1', { state: 'unchanged', sha256: 'h1' }), sample('x/encrypted', 'h2', { state: 'unchanged', sha256: 'other' })];
    const report = judgeSpotCheck(observation({ samples }), tolerances);
    expect(report.sample.differing).toEqual([{ address: 'datasource.pydiods1', path: 'x/encrypted' }]);
    expect(report.sample.differencePercent).toBe(50);
    expect(report.passed).toBe(false);
    expect(judgeSpotCheck(observation({ samples }), { ...tolerances, dataTolerance: 50 }).passed).toBe(true);
  });

  it('passes an empty sample', () => {
    expect(judgeSpotCheck(observation({ samples: [] }), tolerances).sample).toMatchObject({ compared: 0, differencePercent: 0, withinTolerance: true });
  });
});
