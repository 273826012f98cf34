// PGlite in memory (pglite://memory) keeps the database's files in Emscripten's MEMFS. PostgreSQL makes a table's
// file longer with ftruncate when it extends it by many pages at once, and MEMFS answers every ftruncate by copying
// the whole file into a new array of exactly the new size: a copy of a 60 MB file for each half-megabyte it grows.
// An import of 100,000 rows made 800 of them and took 67 s and 1.1 GB in memory against 8.7 s and 730 MB once a file
// grows as a write makes it grow: by an eighth of itself at least, the rest kept for the writes after
// (bench/import.ts with DATABASE_URL=pglite://memory).
import type { PGlite } from "@electric-sql/pglite";

/** The part of a MEMFS file this needs: its bytes, of which the first usedBytes are the file. */
interface MemoryFile {
  contents: Uint8Array;
  usedBytes: number;
}

interface MemoryFileSystem {
  resizeFileStorage(node: MemoryFile, size: number): void;
  expandFileStorage(node: MemoryFile, capacity: number): void;
}

/**
 * Makes a longer ftruncate of PGlite's in-memory files take room as a write does (expandFileStorage), with the new
 * bytes zero. A shorter one is left as it is. A PGlite whose MEMFS lacks either function (another Emscripten) is left
 * alone: slower, never wrong.
 */
export function growMemoryFilesGeometrically(pglite: PGlite): void {
  const memfs = pglite.Module.MEMFS as unknown as Partial<MemoryFileSystem>;
  const { resizeFileStorage, expandFileStorage } = memfs;
  if (typeof resizeFileStorage !== "function" || typeof expandFileStorage !== "function") return;
  memfs.resizeFileStorage = (node, size) => {
    if (size <= node.usedBytes) return resizeFileStorage.call(memfs, node, size);
    expandFileStorage.call(memfs, node, size);
    // The bytes past the old end read as zeros, as ftruncate promises, whatever the room held.
    node.contents.fill(0, node.usedBytes, size);
    node.usedBytes = size;
  };
}
