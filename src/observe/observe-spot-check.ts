import type { Manifest, ManifestTree } from '../model/manifest.js';
import type { Host, SnapshotStore } from '../model/ports.js';
import type { SpotObservation, SpotSample } from '../model/spot-check.js';
import type { RecordedEntry } from '../model/tree.js';

export interface SpotOptions {
  /** Percent of the recorded files to look at again. */
  readonly sample: number;
  /** A number in [0, 1): which files are drawn. */
  readonly random: () => number;
}

/**
 * Gathers a spot check of the live trees against `manifest`: each tree walked (metadata only) for
 * its file count, and a random `sample` percent of its recorded files looked at again on the host,
 * which reads only those whose size and time did not change. At least one file per tree is drawn
 * when the sample is above 0.
 */
export async function observeSpotCheck(store: SnapshotStore, host: Host, manifest: Manifest, options: SpotOptions): Promise<SpotObservation> {
  const trees = manifest.trees.filter((tree) => tree.entries > 0);
  const walked = await host.observeTrees(trees.map((tree) => ({ tree, list: store.listFile(manifest.id, tree.list), entries: tree.entries, keepPaths: 0 })));
  let candidates = 0;
  const samples: SpotSample[] = [];
  for (const tree of trees) {
    const drawn = drawSample(store.readList(manifest.id, tree.list), options);
    candidates += drawn.candidates;
    const found = await host.sampleFiles(tree.source, drawn.entries);
    drawn.entries.forEach((entry, index) => {
      const live = found[index];
      if (live) samples.push(sampleOf(tree, entry, live));
    });
  }
  return {
    snapshot: manifest.id,
    trees: trees.map((tree, index) => ({ address: tree.address, tree: tree.id, snapshotFiles: tree.files, liveFiles: walked[index]?.drift.files ?? 0 })),
    candidates,
    samples,
  };
}

function sampleOf(tree: ManifestTree, entry: RecordedEntry, live: Awaited<ReturnType<Host['sampleFiles']>>[number]): SpotSample {
  return {
    address: tree.address,
    tree: tree.id,
    path: entry.path,
    recorded: entry.sha256 ?? '',
    live: live.state === 'unchanged' ? { state: 'unchanged', sha256: live.sha256 } : { state: live.state },
  };
}

/** Each hashed file drawn with probability `sample` percent, streaming through the list; one kept aside in case none is. */
function drawSample(entries: Iterable<RecordedEntry>, options: SpotOptions): { readonly candidates: number; readonly entries: RecordedEntry[] } {
  const rate = options.sample / 100;
  const drawn: RecordedEntry[] = [];
  let candidates = 0;
  let fallback: RecordedEntry | undefined;
  for (const entry of entries) {
    if (entry.type !== 'file' || entry.sha256 === undefined) continue;
    candidates += 1;
    // Reservoir of one: every candidate is equally likely to be the fallback.
    if (options.random() < 1 / candidates) fallback = entry;
    if (options.random() < rate) drawn.push(entry);
  }
  if (drawn.length === 0 && fallback && rate > 0) drawn.push(fallback);
  return { candidates, entries: drawn };
}
