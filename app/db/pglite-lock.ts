// PGlite is single-process: two processes opening the same folder corrupt it. This lock file makes the second
// one fail at once with a message that says what to do, instead of failing later in a confusing way.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "pledgebridge.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lockFile, "utf8"));
      if (holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `The embedded database in ${dataDir} is open in another process (pid ${holder}). PGlite serves one ` +
            `process at a time: stop that process first, or use a PostgreSQL DATABASE_URL to run several.`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
