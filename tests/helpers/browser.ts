// Debian's Chromium driven by playwright-core. Shopify's CDN is out of reach here, so App Bridge is answered
// by a small stub that defines window.shopify, as the admin would.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { signDemoSessionToken } from "../../app/demo/session-token";

export const CHROME_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  return candidates.find((path): path is string => Boolean(path && existsSync(path))) ?? null;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const APP_BRIDGE_STUB = `
  window.shopify = {
    config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: async () => window.__PB_ID_TOKEN__,
    toast: { show() {}, hide() {} },
    loading() {},
    saveBar: { show() {}, hide() {}, toggle() {} },
    modal: { show() {}, hide() {}, toggle() {} },
  };
  // App Bridge adds the session token to the app's own fetches (Remix data requests among them).
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init = {}) => {
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    if (url.origin !== location.origin) return originalFetch(input, init);
    const headers = new Headers(init.headers || (typeof input === "string" ? undefined : input.headers));
    headers.set("Authorization", "Bearer " + (await window.shopify.idToken()));
    return originalFetch(input, { ...init, headers });
  };
`;

/** Serves the App Bridge stub and empty fonts for everything the page asks of Shopify's CDN. */
export async function stubShopifyCdn(page: Page, idToken: string) {
  await page.addInitScript((token) => {
    (window as unknown as { __PB_ID_TOKEN__: string }).__PB_ID_TOKEN__ = token;
  }, idToken);
  await page.route("https://cdn.shopify.com/**", (route) => {
    const isScript = route.request().url().endsWith(".js");
    return route.fulfill({
      status: 200,
      contentType: isScript ? "application/javascript" : "text/css",
      body: isScript ? APP_BRIDGE_STUB : "",
    });
  });
}

/** A fresh browser context on one admin page, embedded as Shopify opens it: shop, host and a signed id_token. */
export async function openEmbeddedAdmin(
  browser: Browser,
  app: { url: string; shop: string; apiKey: string; secret: string },
  pathname: string,
  options: { acceptDownloads?: boolean; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ userAgent: CHROME_USER_AGENT, acceptDownloads: options.acceptDownloads });
  const page = await context.newPage();
  const token = await signDemoSessionToken({ shop: app.shop, apiKey: app.apiKey, secret: app.secret });
  await stubShopifyCdn(page, token);
  const host = Buffer.from(`admin.shopify.com/store/${app.shop.split(".")[0]}`).toString("base64url");
  const params = new URLSearchParams({
    shop: app.shop,
    host,
    embedded: "1",
    id_token: token,
    locale: options.locale ?? "en",
  });
  await page.goto(`${app.url}${pathname}?${params}`);
  return page;
}
