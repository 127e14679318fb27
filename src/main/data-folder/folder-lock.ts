import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { isProcessAlive } from '../../common/index.js';
import { DataFolderError } from './cluster-manifest.js';

/**
 * One process at a time in a data folder: two clusters writing the same commit logs would destroy both.
 * The lock file names its process; a lock left by a process that is gone (kill -9) is taken over.
 */
export class FolderLock {
  private constructor(private readonly path: string) {}

  static take(path: string): FolderLock {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new FolderLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const holder = Number(readFileSync(path, 'utf8'));
        if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isProcessAlive(holder)) {
          throw new DataFolderError(`The data folder is in use by process ${holder} (${path})`);
        }
        if (holder === process.pid) throw new DataFolderError(`The data folder is already open in this process (${path})`);
        rmSync(path, { force: true });
      }
    }
    throw new DataFolderError(`Could not lock the data folder (${path})`);
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}
