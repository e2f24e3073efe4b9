import { isFolder } from '../fs/exists.js';
import { walkTree } from '../fs/walk-tree.js';
import { runOnThreads, threadsFor, type ThreadTask } from '../process/thread-pool.js';
import { readFileList } from '../target/file-list.js';
import { diffTree } from '../../model/diff-tree.js';
import { compileExclude } from '../../model/exclude.js';
import type { ObservedTree, TreeToObserve } from '../../model/ports.js';

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
