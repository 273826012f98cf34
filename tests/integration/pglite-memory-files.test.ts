// PGlite in memory keeps its files in Emscripten's MEMFS, which answered every longer ftruncate with a copy of the
// whole file (pglite-memory-files.ts). Made longer that way, a file must keep its bytes, read zeros after them, and
// take room for what comes after instead of a new array each time; made shorter, it must lose what was cut.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { growMemoryFilesGeometrically } from "../../app/db/pglite-memory-files";

/** The part of PGlite's Emscripten file system these tests use. */
interface MemoryFs {
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
  truncate(path: string, length: number): void;
  lookupPath(path: string): { node: { contents: Uint8Array } };
}

const MB = 1024 * 1024;

/** Whether every byte is `value`. */
const allAre = (bytes: Uint8Array, value: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(Buffer.alloc(bytes.byteLength, value));

describe("PGlite's in-memory files made longer by ftruncate", () => {
  let pglite: PGlite;
  let fs: MemoryFs;
  beforeAll(async () => {
    pglite = new PGlite();
    await pglite.waitReady;
    growMemoryFilesGeometrically(pglite);
    fs = pglite.Module.FS as unknown as MemoryFs;
  });
  afterAll(() => pglite.close());

  it("keep their bytes, read zeros after them, and take room ahead instead of a new array each time", () => {
    fs.writeFile("/tmp/grown", new Uint8Array(MB).fill(7));
    const arrays = new Set<Uint8Array>();
    // As PostgreSQL extends a table: 64 pages at a time, 128 times.
    for (let length = MB + 512 * 1024; length <= 65 * MB; length += 512 * 1024) {
      fs.truncate("/tmp/grown", length);
      arrays.add(fs.lookupPath("/tmp/grown").node.contents);
    }
    // A copy per ftruncate made 128 arrays, and copied 4 GB.
    expect(arrays.size).toBeLessThan(40);
    const bytes = fs.readFile("/tmp/grown");
    expect(bytes.length).toBe(65 * MB);
    expect(allAre(bytes.subarray(0, MB), 7)).toBe(true);
    expect(allAre(bytes.subarray(MB), 0)).toBe(true);
  });

  it("lose what is cut, and read zeros there once made longer again", () => {
    fs.writeFile("/tmp/cut", new Uint8Array(2 * MB).fill(9));
    fs.truncate("/tmp/cut", MB);
    expect(fs.readFile("/tmp/cut").length).toBe(MB);
    fs.truncate("/tmp/cut", 3 * MB);
    const bytes = fs.readFile("/tmp/cut");
    expect(allAre(bytes.subarray(0, MB), 9)).toBe(true);
    expect(allAre(bytes.subarray(MB), 0)).toBe(true);
  });

  it("hold a table that COPY extends many pages at a time", async () => {
    await pglite.exec("CREATE TABLE wide (n integer, filler text)");
    const lines = Array.from({ length: 20_000 }, (_, i) => `${i + 1}\t${"x".repeat(500)}\n`).join("");
    await pglite.query("COPY wide FROM '/dev/blob'", [], { blob: new Blob([lines]) });
    const { rows } = await pglite.query(
      "SELECT count(*)::int AS count, sum(n)::int AS sum, min(filler) = max(filler) AS same FROM wide",
    );
    expect(rows).toEqual([{ count: 20_000, sum: (20_000 * 20_001) / 2, same: true }]);
  });
});
