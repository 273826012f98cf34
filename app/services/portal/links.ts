// Backer links: each shop signs its own with a secret made on first use (rotating it voids every link the shop
// ever sent). A link opens https://<shop>/apps/pledge/p/<token>, the app proxy declared in shopify.app.toml.
import type { PrismaClient } from "@prisma/client";
import { newPortalSecret, signLink } from "../../domain/portal/link";

/** The proxy's prefix and subpath from shopify.app.toml (a test keeps the two in step). */
export const PORTAL_PATH = "/apps/pledge";

/** Where the shop's storefront is: the shop itself, or the stand-in's storefront when the app points at it. */
export function storefrontOrigin(domain: string, adminOrigin?: string): string {
  return adminOrigin ? `${adminOrigin.replace(/\/$/, "")}/store/${domain}` : `https://${domain}`;
}

export async function portalSecret(prisma: PrismaClient, shopId: string): Promise<string> {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { portalSecret: true } });
  if (shop.portalSecret) return shop.portalSecret;
  // Two requests at once may both make one: only the first is kept, and both sign with it.
  await prisma.shop.updateMany({
    where: { id: shopId, portalSecret: null },
    data: { portalSecret: newPortalSecret() },
  });
  return (await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { portalSecret: true } })).portalSecret!;
}

/** A new secret: every link sent before stops working. */
export async function rotatePortalSecret(prisma: PrismaClient, shopId: string): Promise<void> {
  await prisma.shop.update({ where: { id: shopId }, data: { portalSecret: newPortalSecret() } });
}

export interface LinkOptions {
  adminOrigin?: string;
  days: number;
  now?: Date;
}

/** Signs links for many pledges of one shop with one read of its secret. */
export async function portalLinker(prisma: PrismaClient, shopId: string, options: LinkOptions) {
  const secret = await portalSecret(prisma, shopId);
  const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { domain: true } });
  const origin = storefrontOrigin(shop.domain, options.adminOrigin);
  const expiresAt = new Date((options.now ?? new Date()).getTime() + options.days * 86_400_000);
  return (pledgeId: string) => `${origin}${PORTAL_PATH}/p/${signLink(secret, pledgeId, expiresAt)}`;
}
