import { serveTasks } from '../process/thread-pool.js';
import { observeTree } from './observe-tree.js';

serveTasks(observeTree);
