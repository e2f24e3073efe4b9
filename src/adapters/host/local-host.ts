import { isFolder } from '../fs/exists.js';
import { runCommand } from '../process/run-command.js';
import { rsyncCopy } from '../rsync/rsync.js';
import type { Host } from '../../model/ports.js';
import { observeTrees } from './observe-tree.js';
import { sampleFiles } from './sample-files.js';

/** The machine cellar runs on: trees walked on worker threads, copied with a local rsync, sampled files hashed here, commands run directly. */
export const localHost: Host = {
  name: 'local',
  hasFolder: isFolder,
  observeTrees,
  copyFrom: rsyncCopy,
  copyTo: rsyncCopy,
  sampleFiles,
  run: runCommand,
};
