// Installations: connecting a shop, its uninstall, scope changes and the shop/redact erasure.
import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { SHOP_IDENTITY } from "../shopify/operations/shop";
import type { AdminClient } from "../shopify/admin-client";

export function offlineSessionId(shop: string): string {
  return `offline_${shop}`;
}

export interface ConnectedShop {
  domain: string;
  name: string | null;
  currencyCode: string | null;
  scopes: string[];
}

/**
 * Connects a shop with an Admin API access token (a custom app's token, or the stand-in's): checks the
 * token against the shop, then stores the offline session and the Shop row the way an install would.
 */
export async function connectShop(
  prisma: PrismaClient,
  admin: AdminClient,
  accessToken: string,
): Promise<ConnectedShop> {
  const { data } = await admin.request(SHOP_IDENTITY);
  const scopes = data.appInstallation?.accessScopes.map((scope) => scope.handle) ?? [];
  const storage = new PrismaSessionStorage(prisma, { connectionRetries: 1 });
  const session = new Session({
    id: offlineSessionId(admin.shop),
    shop: admin.shop,
    state: "",
    isOnline: false,
    accessToken,
    scope: scopes.join(","),
  });
  if (!(await storage.storeSession(session))) throw new Error(`Could not store the session for ${admin.shop}`);
  const shop = await prisma.shop.upsert({
    where: { domain: admin.shop },
    create: { domain: admin.shop, name: data.shop.name, currencyCode: data.shop.currencyCode },
    update: { name: data.shop.name, currencyCode: data.shop.currencyCode, uninstalledAt: null },
  });
  return { domain: shop.domain, name: shop.name, currencyCode: shop.currencyCode, scopes };
}

export async function listShops(prisma: PrismaClient) {
  const [shops, sessions] = await Promise.all([
    prisma.shop.findMany({ orderBy: { domain: "asc" } }),
    prisma.session.findMany({ where: { isOnline: false }, select: { shop: true, scope: true } }),
  ]);
  const scopesByShop = new Map(sessions.map((session) => [session.shop, session.scope]));
  return shops.map((shop) => ({
    domain: shop.domain,
    name: shop.name,
    currencyCode: shop.currencyCode,
    installed: shop.uninstalledAt === null && scopesByShop.has(shop.domain),
    scopes: scopesByShop.get(shop.domain)?.split(",").filter(Boolean) ?? [],
  }));
}

/** app/uninstalled: the tokens are dead, so the sessions go; the data stays until shop/redact. */
export async function markShopUninstalled(prisma: PrismaClient, shop: string) {
  const [sessions] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.updateMany({ where: { domain: shop, uninstalledAt: null }, data: { uninstalledAt: new Date() } }),
  ]);
  return { sessionsDeleted: sessions.count };
}

export async function updateGrantedScopes(prisma: PrismaClient, shop: string, scopes: string[]) {
  const updated = await prisma.session.updateMany({ where: { shop }, data: { scope: scopes.join(",") } });
  return { sessionsUpdated: updated.count };
}

/** shop/redact (48 hours after uninstall): every row of the shop goes, through the cascades on Shop. */
export async function redactShop(prisma: PrismaClient, shop: string) {
  const [sessions, shops] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { domain: shop } }),
  ]);
  return { sessionsDeleted: sessions.count, shopsDeleted: shops.count };
}

/** The Shop row for an authenticated session, created on first sight; the admin locale is remembered. */
export async function ensureShop(prisma: PrismaClient, domain: string, locale?: string | null) {
  return prisma.shop.upsert({
    where: { domain },
    create: { domain, ...(locale ? { locale } : {}) },
    update: { uninstalledAt: null, ...(locale ? { locale } : {}) },
  });
}
