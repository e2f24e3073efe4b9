import { isFolder } from '../adapters/fs/exists.js';
import { walkTree } from '../adapters/fs/walk-tree.js';
import { runOnThreads, threadsFor, type ThreadTask } from '../adapters/process/thread-pool.js';
import { readFileList } from '../adapters/target/file-list.js';
import { diffTree } from '../model/diff-tree.js';
import { compileExclude } from '../model/exclude.js';
import type { ObservedTree } from './observed.js';
import type { TreeSpec } from '../model/tree.js';

/** One tree to compare: the live side, and the file list the latest snapshot recorded for it. */
export interface TreeToObserve {
  readonly tree: TreeSpec;
  /** Absolute path of the recorded file list; undefined when no snapshot holds the tree. */
  readonly list: string | undefined;
  /** Entries of that list, to start the biggest trees first. */
  readonly entries: number;
  /** How many changed paths to keep. */
  readonly keepPaths: number;
}

const worker = new URL('./observe-tree-worker.js', import.meta.url);

/**
 * Every tree compared with its recorded list, in the order given. With enough recorded entries,
 * each tree is walked and compared on a thread of its own, as many at once as there are cores.
 */
export async function observeTrees(trees: readonly TreeToObserve[]): Promise<ObservedTree[]> {
  const tasks: ThreadTask<TreeToObserve>[] = trees.map((input) => ({ input, weight: input.entries }));
  const threads = threadsFor(worker, tasks);
  if (threads === 0) return trees.map(observeTree);
  return runOnThreads<TreeToObserve, ObservedTree>(worker, tasks, threads);
}

/** One tree: a walk of the live side merged with the recorded list, both streamed. */
export function observeTree({ tree, list, keepPaths }: TreeToObserve): ObservedTree {
  const recorded = list === undefined ? [] : readFileList(list);
  const present = tree.optional !== true || isFolder(tree.source);
  const live = present ? walkTree(tree.source, { exclude: tree.exclude.map(compileExclude), only: tree.only }) : [];
  const { drift, digest } = diffTree(tree, live, recorded, { keep: keepPaths });
  return { drift, digest, recorded: list !== undefined, present };
}
