// PGlite in a folder reaches its files through Emscripten's NODEFS, which looks a file up with fs.lstatSync and, when
// it is not there, catches the exception Node throws. PostgreSQL looks for files that are not there all the time: each
// page a B-tree index grows by, it asks the index's free-space map, which no index has until VACUUM finds a page to give
// back, and each time it tries to open that file afresh. An import of 100,000 rows made 5,800 such lookups, and Node's
// exception, with a stack taken through PostgreSQL's WebAssembly, made each cost 61 µs: 0.36 s of a 7.7 s import
// (bench/import.ts). Asked not to throw, lstatSync answers a missing file in 2–3 µs.
import fs from "node:fs";
import type { PGlite } from "@electric-sql/pglite";

/** The part of Emscripten's NODEFS this needs. */
interface NodeFileSystem {
  realPath(node: unknown): string;
  node_ops: { lookup(parent: unknown, name: string): unknown };
}

// Emscripten's errno for "no such file or directory", as its MEMFS throws it.
const ENOENT = 44;

/**
 * Makes a lookup of a file that is not in PGlite's folder fail with Emscripten's ENOENT without Node throwing first.
 * A file that is there (or that cannot be told apart: a permission refused, a path through a file) is looked up as
 * before, and nothing is remembered, so a file made later is found. A PGlite without NODEFS is left alone.
 */
export function lookUpMissingFilesWithoutExceptions(pglite: PGlite): void {
  const nodefs = pglite.Module.NODEFS as unknown as Partial<NodeFileSystem> | undefined;
  const ErrnoError = (pglite.Module.FS as unknown as { ErrnoError?: new (errno: number) => Error }).ErrnoError;
  if (!nodefs?.node_ops || typeof nodefs.realPath !== "function" || typeof ErrnoError !== "function") return;
  const { realPath, node_ops: operations } = nodefs as NodeFileSystem;
  const lookup = operations.lookup;
  // One error for every missing file, as MEMFS does: Emscripten reads only its errno.
  const missing = new ErrnoError(ENOENT);
  operations.lookup = function (parent, name) {
    if (isMissing(`${realPath(parent)}/${name}`)) throw missing;
    return lookup.call(this, parent, name);
  };
}

/** Whether nothing is at path; any other refusal (a permission, a path through a file) is NODEFS's own to report. */
function isMissing(path: string): boolean {
  try {
    return fs.lstatSync(path, { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}
