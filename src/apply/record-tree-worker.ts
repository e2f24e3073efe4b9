import { serveTasks } from '../adapters/process/thread-pool.js';
import { recordTree } from './record-tree.js';

serveTasks(recordTree);
