// PGlite reads a COPY's rows through its /dev/blob device, which copied them a byte at a time in JavaScript;
// copyInputInBlocks has it copy a block at a time from the rows it gave PGlite. The rows must arrive byte for byte
// whatever the blocks cut through, and a blob given to PGlite from anywhere else must still be read as PGlite reads it.
import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyInputInBlocks, type CopyInput } from "../../app/db/pglite-copy-input";

/** The part of PGlite's Emscripten file system these tests use. */
interface DeviceFs {
  open(path: string, flags: number): unknown;
  read(stream: unknown, buffer: Uint8Array, offset: number, length: number, position: number): number;
  close(stream: unknown): void;
}

const O_RDONLY = 0;

describe("a COPY's rows read into PGlite a block at a time", () => {
  let pglite: PGlite;
  let input: CopyInput;
  beforeAll(async () => {
    pglite = new PGlite();
    await pglite.waitReady;
    input = copyInputInBlocks(pglite);
    await pglite.exec("CREATE TABLE line (n integer PRIMARY KEY, body text NOT NULL)");
  });
  afterAll(() => pglite.close());

  const copyLines = (rows: Uint8Array) =>
    input.from(rows, (blob) => pglite.query("COPY line FROM '/dev/blob'", [], { blob }));
  const bodies = async (from: number, to: number) =>
    (
      await pglite.query<{ body: string }>("SELECT body FROM line WHERE n BETWEEN $1 AND $2 ORDER BY n", [from, to])
    ).rows.map((row) => row.body);

  it("arrive byte for byte, from a view into a larger buffer, however the blocks cut their characters", async () => {
    // 5,000 lines of 1-, 2-, 3- and 4-byte characters: about 300 KB, so PostgreSQL's 64 KB reads end inside them.
    const lines = Array.from({ length: 5_000 }, (_, i) => `Zoë 山田 🎲 ${"ß".repeat(i % 17)} ${i}`);
    const text = lines.map((body, i) => `${i + 1}\t${body}\n`).join("");
    const encoded = new TextEncoder().encode(text);
    const larger = new Uint8Array(encoded.length + 100).fill(0x41);
    larger.set(encoded, 37);
    await copyLines(larger.subarray(37, 37 + encoded.length));

    const loaded = await bodies(1, 5_000);
    expect(loaded).toHaveLength(5_000);
    const digest = (values: string[]) => createHash("sha256").update(values.join("\n")).digest("hex");
    expect(digest(loaded)).toBe(digest(lines));
  });

  it("are read at any position while PGlite takes them, and nothing past their end", async () => {
    const rows = new TextEncoder().encode("0123456789abcdefghij");
    const fs = pglite.Module.FS as unknown as DeviceFs;
    const reads = await input.from(rows, async (blob) => {
      await blob.arrayBuffer(); // as PGlite takes the blob when its statement starts
      const stream = fs.open("/dev/blob", O_RDONLY);
      try {
        const read = (position: number, length: number) => {
          const into = new Uint8Array(length).fill(0x2e);
          const count = fs.read(stream, into, 0, length, position);
          return new TextDecoder().decode(into.subarray(0, count));
        };
        return [read(0, 4), read(5, 10), read(17, 10), read(20, 10), read(40, 10)];
      } finally {
        fs.close(stream);
      }
    });
    expect(reads).toEqual(["0123", "56789abcde", "hij", "", ""]);
  });

  it("leave a blob from anywhere else, and one given after a COPY that failed, to PGlite's own read", async () => {
    const refused = new TextEncoder().encode("9001\tfine\nnot a number\toops\n");
    await expect(copyLines(refused)).rejects.toThrow(/invalid input syntax for type integer/);
    expect(await bodies(9001, 9001)).toEqual([]);

    await pglite.query("COPY line FROM '/dev/blob'", [], { blob: new Blob(["9002\tfrom a Blob\n"]) });
    expect(await bodies(9001, 9002)).toEqual(["from a Blob"]);
  });
});
