// `npm run demo` as a newcomer runs it (scripts/demo.ts in its own process), opened in a browser that cannot
// reach Shopify's CDN at all.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../sim/server";
import { freePort } from "../helpers/app-server";
import { CHROME_USER_AGENT, findChromium, launchChromium } from "../helpers/browser";
import { waitFor } from "../helpers/wait";

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)("the demo admin", () => {
  let demo: ChildProcess;
  let appUrl: string;
  let simUrl: string;
  let output = "";
  let browser: Browser;

  beforeAll(async () => {
    const [appPort, simPort] = [await freePort(), await freePort()];
    appUrl = `http://127.0.0.1:${appPort}`;
    simUrl = `http://127.0.0.1:${simPort}`;
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "pb-demo-")), "db");
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    demo = spawn(process.execPath, [tsx, "scripts/demo.ts"], {
      env: {
        ...process.env,
        PORT: String(appPort),
        SIM_PORT: String(simPort),
        DATABASE_URL: `pglite://${dataDir}`,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    demo.stdout!.on("data", (chunk) => (output += chunk));
    demo.stderr!.on("data", (chunk) => (output += chunk));
    await waitFor(
      async () => {
        if (demo.exitCode !== null) throw new Error(`the demo exited with ${demo.exitCode}:\n${output}`);
        return fetch(`${appUrl}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      90_000,
      "the demo to answer",
    );
    browser = await launchChromium(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo.once("exit", resolve));
      demo.kill("SIGINT");
      await exited;
    }
  });

  it("prints where everything is", () => {
    expect(output).toContain(`${appUrl.replace("127.0.0.1", "localhost")}/demo`);
    expect(output).toContain(`${simUrl}/admin/api/2026-10/graphql.json`);
  });

  it("opens in a plain browser with no Shopify CDN, and navigates between sections", async () => {
    const context = await browser.newContext({ userAgent: CHROME_USER_AGENT });
    const page = await context.newPage();
    const cdnRequests: string[] = [];
    await page.route("https://cdn.shopify.com/**", (route) => {
      cdnRequests.push(route.request().url());
      return route.abort();
    });
    await page.goto(`${appUrl}/demo`);
    await expect.poll(() => page.getByRole("heading", { name: "Dashboard" }).count()).toBe(1);
    expect(cdnRequests.some((url) => url.includes("app-bridge"))).toBe(false);

    await page.locator("ui-nav-menu a", { hasText: "Settings" }).click();
    await expect.poll(() => page.getByText(DEMO_SHOP.domain).count()).toBe(1);
    expect(await page.getByText("EUR").count()).toBe(1);
    await page.screenshot({ path: path.resolve("test-results/demo-settings.png"), fullPage: true });
    await context.close();
  });

  it("opens on a dashboard that shows every part working", async () => {
    const context = await browser.newContext({ userAgent: CHROME_USER_AGENT });
    const page = await context.newPage();
    await page.route("https://cdn.shopify.com/**", (route) => route.abort());
    await page.goto(`${appUrl}/demo`);
    const figure = (label: string) =>
      page
        .locator("h3", { hasText: new RegExp(`^${label}$`) })
        .locator("xpath=following-sibling::p")
        .innerText();
    await expect.poll(() => figure("Imported")).toBe("48");
    // Pushed, a dozen paid, the rest invoiced; the unmapped tier and the dropped pledges wait for a decision.
    expect(Number(await figure("Draft orders"))).toBeGreaterThan(12);
    expect(await figure("Paid")).toBe("12");
    expect(await page.getByRole("link", { name: "Reward with no variants" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Address will not ship" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Same backer twice" }).count()).toBe(1);
    await page.screenshot({ path: path.resolve("test-results/demo-dashboard.png"), fullPage: true });

    await page.locator("ui-nav-menu a", { hasText: "Fulfillment" }).click();
    await expect.poll(() => page.getByText("Europe, first parcels").count()).toBeGreaterThan(0);
    await page.locator("ui-nav-menu a", { hasText: "Pre-orders" }).click();
    await expect.poll(() => page.getByText("Late pledge: Dragon's Lair").count()).toBeGreaterThan(0);
    await context.close();
  });

  it("shows the seeded campaign", async () => {
    const context = await browser.newContext({ userAgent: CHROME_USER_AGENT });
    const page = await context.newPage();
    await page.route("https://cdn.shopify.com/**", (route) => route.abort());
    await page.goto(`${appUrl}/demo`);
    await page.locator("ui-nav-menu a", { hasText: "Campaigns" }).click();
    // The dashboard names the campaign too (its campaign picker): wait for the campaigns table itself.
    await expect.poll(() => page.getByRole("cell", { name: "48" }).count()).toBe(1);
    expect(await page.getByText("Deep Delve: the board game").count()).toBe(1);
    await page.screenshot({ path: path.resolve("test-results/demo-campaigns.png"), fullPage: true });
    await context.close();
  });

  it("delivers the stand-in's signed webhooks to the app, which accepts them", async () => {
    const sent = await fetch(`${simUrl}/sim/webhooks/app/scopes_update?shop=${DEMO_SHOP.domain}`, {
      method: "POST",
      body: JSON.stringify({ previous: [], current: ["write_orders"] }),
    });
    expect(sent.status).toBe(202);
    const row = await waitFor(
      async () => {
        const html = await (await fetch(`${simUrl}/`)).text();
        return /<td>app\/scopes_update<\/td><td>delivered<\/td><td>1<\/td><td>200<\/td>/.exec(html)?.[0];
      },
      20_000,
      "the webhook to be delivered",
    );
    expect(row).toBeTruthy();
  });

  it("speaks French when asked", async () => {
    const context = await browser.newContext({ userAgent: CHROME_USER_AGENT });
    const page = await context.newPage();
    await page.route("https://cdn.shopify.com/**", (route) => route.abort());
    await page.goto(`${appUrl}/demo?locale=fr`);
    await expect.poll(() => page.getByRole("heading", { name: "Tableau de bord" }).count()).toBe(1);
    await context.close();
  });
});
