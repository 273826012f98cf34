// The Admin client a job or a command uses for one shop: the shop's offline session, and the stand-in's origin
// when the configuration points at it (refused in production by the config itself).
import type { PrismaClient, Shop } from "@prisma/client";
import { createAdminClient, type AdminClient } from "../shopify/admin-client";
import { offlineSessionId } from "./shops";

export class ShopNotConnectedError extends Error {
  override name = "ShopNotConnectedError";
}

export async function adminForShop(
  prisma: PrismaClient,
  shopId: string,
  options: { adminOrigin?: string; timeoutMs?: number } = {},
): Promise<{ shop: Shop; admin: AdminClient }> {
  const shop = await prisma.shop.findUnique({ where: { id: shopId } });
  if (!shop) throw new ShopNotConnectedError(`No shop ${shopId}`);
  const session = await prisma.session.findUnique({ where: { id: offlineSessionId(shop.domain) } });
  if (!session?.accessToken || shop.uninstalledAt) {
    throw new ShopNotConnectedError(`${shop.domain} is not connected: install the app or run "shop connect"`);
  }
  const admin = createAdminClient({
    shop: shop.domain,
    accessToken: session.accessToken,
    adminOrigin: options.adminOrigin,
    timeoutMs: options.timeoutMs,
  });
  return { shop, admin };
}

/** The same, or null when the shop is not connected: for work that can leave its Shopify part to later. */
export async function connectedAdmin(
  prisma: PrismaClient,
  shopId: string,
  options: { adminOrigin?: string; timeoutMs?: number } = {},
): Promise<{ shop: Shop; admin: AdminClient } | null> {
  try {
    return await adminForShop(prisma, shopId, options);
  } catch (error) {
    if (error instanceof ShopNotConnectedError) return null;
    throw error;
  }
}
