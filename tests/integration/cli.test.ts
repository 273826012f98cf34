// The CLI as an operator runs it: a separate process, a PGlite folder, the stand-in over HTTP.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../../sim/server";

const run = promisify(execFile);

describe("npx pledgebridge", () => {
  let sim: RunningSim;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sim = await startSim({
      shops: [{ domain: "demo-shop.myshopify.com", accessToken: "sim-token", name: "Demo Shop", currencyCode: "EUR" }],
    });
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "pb-cli-")), "db");
    env = {
      ...process.env,
      DATABASE_URL: `pglite://${dataDir}`,
      SHOPIFY_ADMIN_ORIGIN: sim.url,
      NODE_ENV: "development",
    };
  });
  afterAll(() => sim.close());

  async function cli(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, ["bin/pledgebridge.js", ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it("migrates the database, then finds it up to date", async () => {
    const first = await cli("db", "migrate", "--json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).applied.length).toBeGreaterThan(0);
    const second = await cli("db", "migrate", "--json");
    expect(JSON.parse(second.stdout)).toMatchObject({ applied: [] });
  });

  it("connects a shop with its token, checked against the shop, and lists it", async () => {
    const connected = await cli(
      "shop",
      "connect",
      "--shop",
      "demo-shop.myshopify.com",
      "--token",
      "sim-token",
      "--json",
    );
    expect(connected.code).toBe(0);
    expect(JSON.parse(connected.stdout)).toMatchObject({
      domain: "demo-shop.myshopify.com",
      name: "Demo Shop",
      currencyCode: "EUR",
    });
    const listed = await cli("shop", "list", "--json");
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        domain: "demo-shop.myshopify.com",
        installed: true,
        scopes: expect.arrayContaining(["write_orders"]),
      }),
    ]);
  });

  it("imports a backer report into a new campaign of the connected shop, and changes nothing the second time", async () => {
    const first = await cli("import", "tests/fixtures/kickstarter/2021.csv", "--campaign", "Meeple Quest", "--json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      platform: "kickstarter",
      dryRun: false,
      rows: 3,
      created: 2,
      rejected: 1,
      campaignId: expect.any(String),
    });
    const campaignId = JSON.parse(first.stdout).campaignId;
    const again = await cli("import", "tests/fixtures/kickstarter/2021.csv", "--campaign", campaignId, "--json");
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 1, campaignId });
    const human = await cli("import", "tests/fixtures/kickstarter/2021.csv", "--campaign", "Meeple Quest");
    expect(human.stdout).toMatch(/3 rows: 0 created, 0 updated, 2 unchanged, 1 rejected/);
    expect((await cli("import", "tests/fixtures/kickstarter/2021.csv")).code).toBe(2);
  });

  it("refuses a wrong token with a clear error and stores nothing", async () => {
    const result = await cli("shop", "connect", "--shop", "other-shop.myshopify.com", "--token", "wrong", "--json");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Could not connect other-shop\.myshopify\.com: Shopify answered HTTP 401\. Check the token\./,
    );
    const listed = await cli("shop", "list", "--json");
    expect(JSON.parse(listed.stdout).map((s: { domain: string }) => s.domain)).not.toContain(
      "other-shop.myshopify.com",
    );
  });

  it("answers wrong usage with exit code 2 and says what is expected", async () => {
    const badDomain = await cli("shop", "connect", "--shop", "https://demo-shop.myshopify.com", "--token", "x");
    expect(badDomain).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--shop must be a domain like my-brand\.myshopify\.com/),
    });
    expect((await cli("shop", "connect", "--token", "x")).code).toBe(2);
    expect((await cli("nonsense")).code).toBe(2);
    // No built-in BackerKit layout (its columns are not published): the merchant maps the file once.
    const backerkit = await cli(
      "import",
      "tests/fixtures/generic/late-pledges.csv",
      "--campaign",
      "BK",
      "--platform",
      "backerkit",
      "--dry-run",
    );
    expect(backerkit).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no built-in layout for backerkit files: map their columns once/),
    });
  });

  it("has help on every command", async () => {
    for (const args of [
      ["--help"],
      ["db", "--help"],
      ["db", "migrate", "--help"],
      ["shop", "connect", "--help"],
      ["shop", "list", "--help"],
    ]) {
      const result = await cli(...args);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout).toMatch(/Usage: pledgebridge/);
    }
  });

  it("explains a bad DATABASE_URL instead of crashing", async () => {
    const result = await run(process.execPath, ["bin/pledgebridge.js", "shop", "list"], {
      env: { ...env, DATABASE_URL: "mysql://x" },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(result).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/DATABASE_URL must start with postgres:\/\//),
    });
  });
});
