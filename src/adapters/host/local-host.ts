import { isFolder } from '../fs/exists.js';
import { runCommand } from '../process/run-command.js';
import { rsyncCopy } from '../rsync/rsync.js';
import type { Host } from '../../model/ports.js';
import { observeTrees } from './observe-tree.js';

/** The machine cellar runs on: trees walked on worker threads, copied with a local rsync, commands run directly. */
export const localHost: Host = {
  name: 'local',
  hasFolder: isFolder,
  observeTrees,
  copyFrom: rsyncCopy,
  copyTo: rsyncCopy,
  run: runCommand,
};
