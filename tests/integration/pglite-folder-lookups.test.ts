// PGlite in a folder looks files up through Emscripten's NODEFS, which let Node throw an exception for each file that
// is not there; PostgreSQL looks for such a file at each page an index grows by (pglite-folder-lookups.ts). A missing
// file must still be missing to PostgreSQL, with no exception from Node, a file made later must be found, and other
// refusals must keep their reason.
import fs, { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookUpMissingFilesWithoutExceptions } from "../../app/db/pglite-folder-lookups";

/** The part of PGlite's Emscripten file system these tests use. */
interface FolderFs {
  open(path: string, flags: number): unknown;
  close(stream: unknown): void;
  stat(path: string): { size: number };
}

// Emscripten's errno values, as PostgreSQL sees them.
const ENOENT = 44;
const ENAMETOOLONG = 37;
const O_RDWR = 2;
// Where PGlite mounts its folder.
const MOUNTED = "/pglite/data";

/** How many times Node's lstatSync threw while `run` ran: NODEFS calls it on the module object, as require gives it. */
async function nodeThrowsDuring(run: () => unknown): Promise<number> {
  const nodeFs = fs as { lstatSync: typeof fs.lstatSync };
  const lstatSync = nodeFs.lstatSync;
  let thrown = 0;
  nodeFs.lstatSync = ((...args: Parameters<typeof lstatSync>) => {
    try {
      return lstatSync(...args);
    } catch (error) {
      thrown++;
      throw error;
    }
  }) as typeof lstatSync;
  try {
    await run();
  } finally {
    nodeFs.lstatSync = lstatSync;
  }
  return thrown;
}

/** What opening `file` in PGlite's file system threw. */
function openRefusal(fsOfPglite: FolderFs, file: string): unknown {
  try {
    fsOfPglite.close(fsOfPglite.open(file, O_RDWR));
  } catch (error) {
    return error;
  }
  return null;
}

describe("files not in PGlite's folder", () => {
  let dir: string;
  let pglite: PGlite;
  let files: FolderFs;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "pb-lookups-"));
    pglite = new PGlite(dir);
    await pglite.waitReady;
    lookUpMissingFilesWithoutExceptions(pglite);
    files = pglite.Module.FS as unknown as FolderFs;
  });
  afterAll(async () => {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("are missing to PostgreSQL without Node throwing", async () => {
    let refusal: unknown;
    const thrown = await nodeThrowsDuring(() => (refusal = openRefusal(files, `${MOUNTED}/base/1/999999_fsm`)));
    expect(refusal).toMatchObject({ errno: ENOENT });
    expect(thrown).toBe(0);
  });

  it("are found once they are made", () => {
    const file = `${MOUNTED}/base/1/999998_fsm`;
    expect(openRefusal(files, file)).toMatchObject({ errno: ENOENT });
    writeFileSync(path.join(dir, "base/1/999998_fsm"), new Uint8Array(8192));
    expect(openRefusal(files, file)).toBeNull();
    expect(files.stat(file).size).toBe(8192);
  });

  it("keep the reason when Node refuses for another one", () => {
    expect(openRefusal(files, `${MOUNTED}/${"x".repeat(300)}`)).toMatchObject({ errno: ENAMETOOLONG });
  });

  it("leave an index that grows by hundreds of pages intact across a restart, with no exception from Node", async () => {
    await pglite.exec("CREATE TABLE grown (key text PRIMARY KEY, n integer NOT NULL)");
    const thrown = await nodeThrowsDuring(() =>
      pglite.query("INSERT INTO grown SELECT md5(g::text) || repeat('k', 60), g FROM generate_series(1, 30000) g"),
    );
    expect(thrown).toBe(0);
    const { rows: pages } = await pglite.query<{ pages: number }>(
      "SELECT pg_relation_size('grown_pkey')::int / 8192 AS pages",
    );
    expect(pages[0]!.pages).toBeGreaterThan(300);

    await pglite.close();
    pglite = new PGlite(dir);
    await pglite.waitReady;
    lookUpMissingFilesWithoutExceptions(pglite);
    files = pglite.Module.FS as unknown as FolderFs;
    await pglite.exec("SET enable_seqscan = off");
    const { rows } = await pglite.query<{ count: number; sum: number }>(
      "SELECT count(*)::int AS count, sum(n)::int AS sum FROM grown WHERE key > ''",
    );
    expect(rows).toEqual([{ count: 30_000, sum: (30_000 * 30_001) / 2 }]);
  });
});
