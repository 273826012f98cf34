// Which of V8's compilers makes PGlite's WebAssembly (app/db/open.ts): by default only the baseline one, whose code
// takes no optimizing compilation's memory; with PGLITE_OPTIMIZE=true the optimizing one too. V8 says which compiled
// each function when asked (--trace-wasm-compilation-times): the app's own CLI migrates a new database in memory.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

async function migrateInMemory(optimize?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "pglite://memory", NODE_ENV: "test" };
  delete env.PGLITE_OPTIMIZE;
  if (optimize !== undefined) env.PGLITE_OPTIMIZE = optimize;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--trace-wasm-compilation-times", "bin/pledgebridge.js", "db", "migrate"],
    { env, maxBuffer: 64 * 1024 * 1024 },
  );
  const compiledBy = (compiler: string) => stdout.split("\n").filter((line) => line.includes(`using ${compiler},`));
  return { liftoff: compiledBy("Liftoff").length, turbofan: compiledBy("TurboFan").length, stdout };
}

describe("PGlite's WebAssembly compiler", () => {
  it("is the baseline compiler only, by default", async () => {
    const { liftoff, turbofan, stdout } = await migrateInMemory();
    expect(stdout).toMatch(/Applied \d+ migration/);
    expect(liftoff).toBeGreaterThan(1000); // PostgreSQL ran: initdb and the migrations
    expect(turbofan).toBe(0);
  }, 60_000);

  it("is the optimizing compiler too with PGLITE_OPTIMIZE=true", async () => {
    const { liftoff, turbofan, stdout } = await migrateInMemory("true");
    expect(stdout).toMatch(/Applied \d+ migration/);
    expect(liftoff).toBeGreaterThan(1000);
    expect(turbofan).toBeGreaterThan(10); // PostgreSQL's hot functions, compiled again
  }, 60_000);

  it("refuses a PGLITE_OPTIMIZE it cannot read", async () => {
    await expect(migrateInMemory("fast")).rejects.toMatchObject({ stderr: expect.stringContaining("PGLITE_OPTIMIZE") });
  }, 60_000);
});
