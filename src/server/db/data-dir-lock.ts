import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

/**
 * PGlite is one process per data directory. The lock file sits beside the directory and
 * holds the owner's pid; a lock left by a killed process (pid gone) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const abs = path.resolve(dataDir);
  const lockPath = `${abs}.lock`;
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The embedded database ${abs} is already in use by process ${owner} (lock file ${lockPath}). ` +
            'PGlite allows one process per data directory: stop the other SGZ process, ' +
            'or set SGZ_DATA_DIR to another directory, or use PostgreSQL (DATABASE_URL) to run several processes.',
        );
      }
      fs.unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new DataDirLockedError(`Could not take the lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
