// The CLI as an operator runs it: a separate process, a PGlite folder, the stand-in over HTTP.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

  it("imports a large report read on a thread of its own, and finds every row unchanged the second time", async () => {
    // Over 4 MB: on PGlite it is read on a thread of its own (batch-reader.ts), which loads the sources with tsx.
    const header = "Backer Number,Backer UID,Backer Name,Email,Shipping Country,Pledge Amount,Pledged Status,Notes";
    const note = "n".repeat(300);
    const rows = Array.from(
      { length: 14_000 },
      (_, n) => `${n + 1},${80_000 + n},Backer ${n},large${n}@example.com,US,$10.00 USD,collected,${note}`,
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pb-cli-large-")), "large.csv");
    writeFileSync(file, [header, ...rows].join("\n"));
    const first = await cli("import", file, "--campaign", "Large", "--json");
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 14_000, created: 14_000, rejected: 0 });
    const again = await cli("import", file, "--campaign", "Large", "--json");
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 14_000, created: 0, updated: 0, unchanged: 14_000 });
  });

  it("maps the campaign's rewards, pushes its pledges as draft orders, and shows where it stands", async () => {
    const variant = (sku: string) =>
      `gid://shopify/ProductVariant/${[...sim.store.shop("demo-shop.myshopify.com")!.state.variants.values()].find((v) => v.sku === sku)!.id}`;
    const listed = await cli("rewards", "list", "--campaign", "Meeple Quest", "--json");
    expect(listed.code).toBe(0);
    const { rewards, blockedPledges } = JSON.parse(listed.stdout);
    expect(blockedPledges).toBe(2);
    expect(rewards.map((r: { title: string; items: unknown[] }) => [r.title, r.items])).toEqual([
      ["Deluxe", []],
      ["Standard", []],
    ]);

    const auto = await cli("rewards", "map", "--campaign", "Meeple Quest", "--auto", "--json");
    expect(JSON.parse(auto.stdout)).toEqual({
      mapped: [],
      unmapped: [
        expect.objectContaining({ title: "Deluxe", candidates: 0 }),
        expect.objectContaining({ title: "Standard", candidates: 0 }),
      ],
    });
    expect((await cli("rewards", "map", "--campaign", "Meeple Quest", "--auto", "--reward", "x")).code).toBe(2);
    const unknown = await cli(
      "rewards",
      "map",
      "--campaign",
      "Meeple Quest",
      "--reward",
      rewards[0].id,
      "--variant",
      "gid://shopify/ProductVariant/1",
    );
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("no variant") });
    const deluxe = await cli(
      "rewards",
      "map",
      "--campaign",
      "Meeple Quest",
      "--reward",
      rewards[0].id,
      "--variant",
      variant("DD-CORE"),
      `${variant("DD-EXP-DRAGON")}:2`,
      "--json",
    );
    expect(JSON.parse(deluxe.stdout).items).toEqual([
      expect.objectContaining({ variantId: variant("DD-CORE"), quantity: 1, sku: "DD-CORE" }),
      expect.objectContaining({ variantId: variant("DD-EXP-DRAGON"), quantity: 2, sku: "DD-EXP-DRAGON" }),
    ]);
    await cli(
      "rewards",
      "map",
      "--campaign",
      "Meeple Quest",
      "--reward",
      rewards[1].id,
      "--variant",
      variant("DD-CORE"),
    );

    // The campaign is in USD and the store in EUR: nothing is ordered until the merchant says how.
    const blocked = await cli("orders", "push", "--campaign", "Meeple Quest", "--json");
    expect(JSON.parse(blocked.stdout)).toMatchObject({ planned: 0, created: 0, blocked: 2 });
    expect((await cli("campaign", "set", "Meeple Quest", "--currency", "dollars")).code).toBe(2);
    expect((await cli("campaign", "set", "Meeple Quest", "--currency", "store", "--reserve-days", "14")).code).toBe(0);

    const pushed = await cli("orders", "push", "--campaign", "Meeple Quest", "--json");
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.stdout)).toMatchObject({ planned: 2, created: 2, updated: 0, skipped: 0, failed: 0 });
    const again = await cli("orders", "push", "--campaign", "Meeple Quest", "--json");
    expect(JSON.parse(again.stdout)).toMatchObject({ planned: 2, created: 0, updated: 0, skipped: 2, failed: 0 });
    expect([...sim.store.shop("demo-shop.myshopify.com")!.state.draftOrders.values()]).toHaveLength(2);
    const invoiced = await cli("orders", "push", "--campaign", "Meeple Quest", "--invoice", "--json");
    expect(JSON.parse(invoiced.stdout)).toMatchObject({ created: 0, invoiced: 2, failed: 0 });
    expect(
      sim.store
        .shop("demo-shop.myshopify.com")!
        .state.invoicesSent.map((sent) => sent.to)
        .sort(),
    ).toEqual(["alan@example.org", "grace@example.com"]);

    const shown = await cli("campaign", "show", "Meeple Quest", "--json");
    expect(JSON.parse(shown.stdout)).toMatchObject({
      name: "Meeple Quest",
      counts: { pledges: 2, invoiced: 2, ready: 0, blocked: 0 },
      ordering: { currency: "store", reserveInventoryDays: 14 },
      lastPush: { status: "SUCCEEDED", invoice: true, counts: { created: 0, skipped: 2, sent: 2 } },
    });
    expect((await cli("campaign", "show", "No Such Campaign")).code).toBe(2);
  }, 240_000);

  it("links a paid order whose webhook never came, completes what owes nothing, and prints a backer's link", async () => {
    const state = sim.store.shop("demo-shop.myshopify.com")!.state;
    const draft = [...state.draftOrders.values()][0]!;
    // The backer pays; the stand-in has no app to tell.
    expect(
      (
        await fetch(`${sim.url}/checkout/demo-shop.myshopify.com/invoices/${draft.invoiceToken}`, {
          method: "POST",
          redirect: "manual",
        })
      ).status,
    ).toBe(303);
    const reconciled = await cli("orders", "reconcile", "--json");
    expect(reconciled.code).toBe(0);
    expect(JSON.parse(reconciled.stdout)).toEqual({ checked: 1, linked: 1 });
    expect(JSON.parse((await cli("orders", "reconcile", "--json")).stdout)).toEqual({ checked: 1, linked: 0 });
    const shown = await cli("campaign", "show", "Meeple Quest", "--json");
    expect(JSON.parse(shown.stdout).counts).toMatchObject({ paid: 1, invoiced: 1 });

    // No backer has confirmed an address in the portal yet: nothing to complete.
    const completed = await cli("orders", "complete", "--campaign", "Meeple Quest", "--json");
    expect(JSON.parse(completed.stdout)).toEqual({ completed: 0, owes: 0, refused: 0 });

    const link = await cli("portal", "link", "--campaign", "Meeple Quest", "--backer", "GRACE@example.com", "--json");
    expect(link.code).toBe(0);
    expect(JSON.parse(link.stdout)).toMatchObject({
      link: expect.stringMatching(/\/store\/demo-shop\.myshopify\.com\/apps\/pledge\/p\/[\w-]+\.[\w-]{43}$/),
    });
    expect((await cli("portal", "link", "--campaign", "Meeple Quest", "--backer", "nobody@example.com")).code).toBe(1);
    expect((await cli("portal", "link", "--campaign", "Meeple Quest", "--backer", "1", "--days", "0")).code).toBe(2);
  }, 120_000);

  it("prints stock against demand per variant of a campaign, as JSON, CSV or a table", async () => {
    const state = sim.store.shop("demo-shop.myshopify.com")!.state;
    const result = await cli("inventory", "--campaign", "Meeple Quest", "--json");
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, number | string>>;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Object.keys(row).slice(0, 8)).toEqual([
        "variantId",
        "sku",
        "onHand",
        "available",
        "reserved",
        "pledged",
        "preordered",
        "toManufacture",
      ]);
      const variant = [...state.variants.values()].find((v) => v.sku === row.sku)!;
      const levels = [...state.inventoryItems.get(variant.inventoryItemId)!.levels.values()];
      expect(row.available).toBe(levels.reduce((sum, l) => sum + l.available, 0));
    }
    expect(rows.reduce((sum, r) => sum + (r.pledged as number) + (r.inDrafts as number), 0)).toBeGreaterThan(0);
    const csv = await cli("inventory", "--campaign", "Meeple Quest", "--csv", "--no-refresh");
    expect(csv.stdout).toMatch(/^\uFEFFSKU,Product,Variant,Variant ID,On hand,Available/);
    const table = await cli("inventory", "--campaign", "Meeple Quest", "--no-refresh");
    expect(table.stdout).toMatch(/^SKU\s+On hand\s+Available/);
    expect((await cli("inventory", "--product", "42")).code).toBe(2);
    expect(await cli("inventory", "--campaign", "No Such Campaign")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("No Such Campaign"),
    });
  }, 120_000);

  it("makes a wave of the paid orders, releases it, exports it for a 3PL and imports its tracking", async () => {
    const bad = await cli("waves", "create", "--campaign", "Meeple Quest", "--countries", "France");
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining("two-letter ISO code") });
    const both = await cli("waves", "create", "--campaign", "Meeple Quest", "--offers", "o1", "--rewards", "r1");
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining("offers, or rewards, not both") });
    const created = await cli("waves", "create", "--campaign", "Meeple Quest", "--name", "First", "--lock", "--json");
    expect(created.code).toBe(0);
    const wave = JSON.parse(created.stdout);
    expect(wave).toMatchObject({ name: "First", status: "LOCKED", orders: 1 });
    expect(wave.pickList.length).toBeGreaterThan(0);
    expect(JSON.parse((await cli("waves", "release", wave.waveId, "--json")).stdout)).toEqual({ released: 1, left: 0 });

    const dir = mkdtempSync(path.join(tmpdir(), "pb-cli-wave-"));
    const out = path.join(dir, "wave.csv");
    expect((await cli("waves", "export", wave.waveId, "--out", out)).code).toBe(0);
    const csv = readFileSync(out, "utf8");
    expect(csv).toMatch(/^\uFEFFWave,Order,SKU,Item,Quantity,Customs value/);
    const orderName = csv.split("\n")[1]!.split(",")[1]!;
    const tracking = path.join(dir, "tracking.csv");
    writeFileSync(tracking, `Order,Tracking number,Carrier\n${orderName},1Z999AA10123456784,UPS\n`);
    const imported = await cli("waves", "tracking", tracking, "--campaign", "Meeple Quest", "--json");
    expect(JSON.parse(imported.stdout)).toEqual({ fulfilled: 1, alreadyShipped: 0, rejected: [] });
    const again = await cli("waves", "tracking", tracking, "--campaign", "Meeple Quest", "--json");
    expect(JSON.parse(again.stdout)).toEqual({ fulfilled: 0, alreadyShipped: 1, rejected: [] });
    const listed = JSON.parse((await cli("waves", "list", "--campaign", "Meeple Quest", "--json")).stdout);
    expect(listed).toEqual([expect.objectContaining({ name: "First", status: "RELEASED", orders: 1, shipped: 1 })]);
  }, 180_000);

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
