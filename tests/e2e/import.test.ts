// A merchant's first import, in the production build and headless Chromium: create the campaign, upload the
// backer report, watch the run finish, read the rejected rows and download them, then find a backer.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../app/db/migrate";
import { openDatabase } from "../../app/db/open";
import { startBuiltApp, type RunningApp } from "../helpers/app-server";
import { findChromium, launchChromium, openEmbeddedAdmin } from "../helpers/browser";
import { createOfflineSession } from "../helpers/factories";

const SHOP = "import-shop.myshopify.com";
const API_KEY = "e2e-api-key";
const SECRET = "e2e-api-secret";
const chromiumPath = findChromium();
const work = mkdtempSync(path.join(tmpdir(), "pb-e2e-import-"));

describe.skipIf(!chromiumPath)("importing backers from the admin", () => {
  let app: RunningApp;
  let browser: Browser;
  const screenshots = path.resolve("test-results");

  beforeAll(async () => {
    const dataDir = path.join(work, "db");
    const db = await openDatabase(`pglite://${dataDir}`);
    await migrateDatabase(db);
    await createOfflineSession(db.prisma, SHOP, "shpat_e2e");
    await db.close();
    app = await startBuiltApp({
      DATABASE_URL: `pglite://${dataDir}`,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: SECRET,
      SCOPES: "write_orders,write_draft_orders",
      IMPORT_MAX_UPLOAD_MB: "1",
      LOG_LEVEL: "warn",
    });
    browser = await launchChromium(chromiumPath!);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (process.env.SHOW_APP_OUTPUT) console.warn(app?.output());
    await app?.stop();
  });

  const openAdmin = (pathname: string) =>
    openEmbeddedAdmin(browser, { url: app.url, shop: SHOP, apiKey: API_KEY, secret: SECRET }, pathname, {
      acceptDownloads: true,
    });

  it("creates a campaign, imports its report with a summary, and lets the rejected rows be downloaded", async () => {
    const page = await openAdmin("/app/campaigns");
    await page.getByRole("link", { name: "Create campaign" }).first().click();
    await expect.poll(() => page.getByRole("heading", { name: "New campaign" }).count()).toBe(1);

    // A currency that is not one is refused at the form, with nothing created.
    await page.getByLabel("Name").fill("Nordic Sagas");
    await page.getByLabel("Currency").fill("XYZ");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await expect.poll(() => page.getByText("Give an ISO 4217 currency code").count()).toBe(1);

    await page.getByLabel("Currency").fill("SEK");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Import backers" }).count()).toBe(1);
    expect(await page.getByText("No imports yet").count()).toBe(1);

    await page.setInputFiles('input[type="file"]', "tests/fixtures/kickstarter/2016.csv");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: "2016.csv" }).count()).toBe(1);
    // The run page polls the run until the job is done.
    await expect.poll(() => page.getByText("Done", { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByText("Read as kickstarter/2016").count()).toBe(1);
    await expect.poll(() => page.getByRole("heading", { name: "Rejected rows" }).count()).toBe(1);
    expect(await page.getByRole("cell", { name: /The amount is in/ }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshots, "import-summary.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download rejected rows (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("2016-rejected.csv");
    const rows = parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Row: "4" });
    expect(rows[0]!.Errors).toMatch(/currency|amount is in/i);
    expect(Object.keys(rows[0]!)).toContain("Pledge Amount");

    await page.getByRole("link", { name: "Campaign", exact: true }).click();
    await expect.poll(() => page.getByRole("link", { name: "2016.csv" }).count()).toBe(1);
    await page.context().close();
  });

  it("asks for a column mapping for an unknown layout, then imports with it", async () => {
    const file = path.join(work, "late-pledges.csv");
    writeFileSync(
      file,
      "Order,Mail,Paid,Tier\nLP-1,ada@example.com,300.00 kr,Late tier\nLP-2,bob@example.com,300.00,Late tier\n",
    );
    const page = await openAdmin("/app/campaigns");
    await page.getByRole("link", { name: "Nordic Sagas" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Import backers" }).count()).toBe(1);
    await page.setInputFiles('input[type="file"]', file);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Map the columns of this file" }).count()).toBe(1);
    await page.getByLabel("Backer id *").selectOption("Order");
    await page.getByLabel("Email *").selectOption("Mail");
    await page.getByLabel("Pledge amount *").selectOption("Paid");
    await page.getByLabel("Reward title").selectOption("Tier");
    await page.getByRole("button", { name: "Save the mapping and import" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "late-pledges.csv" }).count()).toBe(1);
    await expect.poll(() => page.getByText("Done", { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await page.screenshot({ path: path.join(screenshots, "import-mapped.png"), fullPage: true });
    expect(await page.getByText("Read as csv/mapped").count()).toBe(1);
    await page.context().close();
  });

  it("refuses a file over the size limit with a clear message", async () => {
    const file = path.join(work, "huge.csv");
    writeFileSync(file, "Backer UID,Email\n" + "1,a@example.com\n".repeat(100_000));
    const page = await openAdmin("/app/campaigns");
    await page.getByRole("link", { name: "Nordic Sagas" }).click();
    await page.setInputFiles('input[type="file"]', file);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => page.getByText("larger than 1 MB").count()).toBe(1);
    await page.context().close();
  });

  it("lists the backers, searched and filtered", async () => {
    const page = await openAdmin("/app/campaigns");
    await page.getByRole("link", { name: "Nordic Sagas" }).click();
    await page.getByRole("link", { name: "Backers" }).click();
    await expect.poll(() => page.getByText("4 pledges").count()).toBe(1);
    await page.getByLabel("Search").fill("sven@");
    await expect.poll(() => page.getByText("1 pledge", { exact: true }).count()).toBe(1);
    expect(await page.getByText("sven@example.se").count()).toBe(1);
    await page.getByLabel("Search").fill("");
    await expect.poll(() => page.getByText("4 pledges").count()).toBe(1);
    await page.getByLabel("Source").selectOption("CSV");
    await expect.poll(() => page.getByText("2 pledges").count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, "backers-list.png"), fullPage: true });
    await page.context().close();
  });
});
