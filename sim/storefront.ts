// The shop's storefront, as far as the app proxy goes: https://<shop>/<prefix>/<subpath>/* is served here as
// /store/<shop>/<prefix>/<subpath>/*, forwarded to the app's proxy URL with Shopify's signed query string
// (shop, logged_in_customer_id, path_prefix, timestamp; signature = hex HMAC-SHA256 of the sorted "key=value"
// pairs joined with nothing, with the app's secret). Cookies are not forwarded. An application/liquid answer
// is rendered with a real Liquid engine inside a small theme layout, unless it opens with {% layout none %}.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Liquid } from "liquidjs";
import { parse } from "smol-toml";
import type { SimShop } from "./store";
import { escapeHtml, page } from "./pages/html";

export interface ProxyConfig {
  /** The app's proxy path, e.g. /proxy (the host is the app's URL). */
  path: string;
  /** e.g. /apps/pledge */
  mount: string;
}

export function proxyFromToml(file = "shopify.app.toml"): ProxyConfig | null {
  const toml = parse(readFileSync(file, "utf8")) as { app_proxy?: { url: string; subpath: string; prefix: string } };
  if (!toml.app_proxy) return null;
  return { path: new URL(toml.app_proxy.url).pathname, mount: `/${toml.app_proxy.prefix}/${toml.app_proxy.subpath}` };
}

/** Shopify's app-proxy signature over the query parameters. */
export function signProxyQuery(params: URLSearchParams, secret: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) if (key !== "signature") grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const message = [...grouped]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

const liquid = new Liquid({ strictFilters: true });

export async function proxyToApp(
  request: IncomingMessage,
  response: ServerResponse,
  shop: SimShop,
  rest: string,
  config: ProxyConfig,
  app: { appUrl: string; secret: string } | null,
  body: Buffer,
) {
  if (!app) {
    response.writeHead(502, { "Content-Type": "text/html; charset=utf-8" });
    return response.end("<h1>No app is installed to answer this proxy</h1>");
  }
  const incoming = new URL(request.url ?? "/", "http://sim");
  const query = new URLSearchParams(incoming.search);
  for (const key of ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"]) query.delete(key);
  query.set("shop", shop.domain);
  query.set("logged_in_customer_id", "");
  query.set("path_prefix", config.mount);
  query.set("timestamp", String(Math.floor(Date.now() / 1000)));
  query.set("signature", signProxyQuery(query, app.secret));
  const target = `${app.appUrl.replace(/\/$/, "")}${config.path}${rest}?${query}`;
  const answer = await fetch(target, {
    method: request.method,
    redirect: "manual",
    headers: {
      ...(request.headers["content-type"] ? { "Content-Type": request.headers["content-type"] } : {}),
      "Accept-Language": request.headers["accept-language"] ?? "en",
    },
    body: request.method === "GET" || request.method === "HEAD" ? undefined : new Uint8Array(body),
  });
  const location = answer.headers.get("location");
  if (answer.status >= 300 && answer.status < 400 && location) {
    // A redirect inside the app's own paths stays on the storefront's proxy path, as Shopify rewrites it.
    const local = location.startsWith(config.path)
      ? `/store/${shop.domain}${config.mount}${location.slice(config.path.length)}`
      : onStorefront(shop, location);
    response.writeHead(answer.status, { Location: local });
    return response.end();
  }
  const type = answer.headers.get("content-type") ?? "";
  const text = await answer.text();
  if (!type.startsWith("application/liquid")) {
    response.writeHead(answer.status, { "Content-Type": type || "text/plain" });
    return response.end(text);
  }
  const layoutNone = /^\s*\{%-?\s*layout\s+none\s*-?%\}/.test(text);
  const rendered = await liquid.parseAndRender(text.replace(/^\s*\{%-?\s*layout\s+none\s*-?%\}/, ""), {
    shop: { name: shop.name, domain: shop.domain, currency: shop.state.currencyCode },
    request: { locale: { iso_code: "en" } },
  });
  response.writeHead(answer.status, { "Content-Type": "text/html; charset=utf-8" });
  response.end(rootRelative(shop, layoutNone ? rendered : themeLayout(shop, rendered)));
}

// A real storefront is the root of its own domain; this one lives under /store/<shop>, so addresses that start at
// the root ("/apps/pledge/…", as the app writes them) are moved under it, as the browser would resolve them there.
function onStorefront(shop: SimShop, location: string): string {
  return location.startsWith("/") && !location.startsWith("//") ? `/store/${shop.domain}${location}` : location;
}

function rootRelative(shop: SimShop, html: string): string {
  return html.replace(
    /\b(href|action|src)="(\/(?!\/)[^"]*)"/g,
    (_, name: string, url: string) => `${name}="${onStorefront(shop, url)}"`,
  );
}

/** The theme around a proxied page: the shop's header, as a real theme's layout/theme.liquid would give it. */
function themeLayout(shop: SimShop, content: string): string {
  return page(
    shop.name,
    `<header class="card" data-theme-header><strong>${escapeHtml(shop.name)}</strong> · <span class="muted">storefront</span></header>${content}`,
  );
}
