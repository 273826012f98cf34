// The setup most integration tests share: the stand-in with the demo shop, a fresh test database, the shop
// connected with its token, and the Admin client a job would use for it. `clock` moves the stand-in's time with
// the test's (an app clock and Shopify's must agree for dates such as invoiceSentAt and due dates).
import type { Database } from "../../app/db/open";
import { pushCampaign } from "../../app/services/ordering/push";
import { adminForShop } from "../../app/services/shop-admin";
import { connectShop } from "../../app/services/shops";
import type { AdminClient } from "../../app/shopify/admin-client";
import { createAdminClient } from "../../app/shopify/admin-client";
import { CostPacer } from "../../app/shopify/pacer";
import { DEMO_SHOP, startSim, type RunningSim } from "../../sim/server";
import type { ShopState } from "../../sim/state/shop-state";
import { openTestDatabase } from "./database";

export interface ConnectedShop {
  sim: RunningSim;
  db: Database & { drop(): Promise<void> };
  admin: AdminClient;
  shopId: string;
  /** The demo shop's state in the stand-in. */
  state(): ShopState;
  close(): Promise<void>;
}

export async function connectedShop(options: {
  seed: number;
  now?: () => Date;
  /** Shopify seconds per real second for the cost bucket: 100 unless a test needs Shopify's own pace. */
  timeScale?: number;
}): Promise<ConnectedShop> {
  const sim = await startSim({
    timeScale: options.timeScale ?? 100,
    seed: options.seed,
    shops: [{ ...DEMO_SHOP, accessToken: "sim-token" }],
  });
  const state = () => sim.store.shop(DEMO_SHOP.domain)!.state;
  if (options.now) Object.defineProperty(state(), "now", { value: options.now });
  const db = await openTestDatabase();
  await connectShop(
    db.prisma,
    createAdminClient({ shop: DEMO_SHOP.domain, accessToken: "sim-token", adminOrigin: sim.url, timeoutMs: 2000 }),
    "sim-token",
  );
  const shopId = (await db.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP.domain } })).id;
  const { admin } = await adminForShop(db.prisma, shopId, { adminOrigin: sim.url, timeoutMs: 2000 });
  return {
    sim,
    db,
    admin,
    shopId,
    state,
    async close() {
      await sim.close();
      await db.drop();
    },
  };
}

/** Pushes a campaign's pledges as the push job would, on the stand-in's fast clock. */
export function pushForTest(shop: Pick<ConnectedShop, "db" | "admin" | "shopId">, campaignId: string) {
  return pushCampaign(shop.db, {
    shopId: shop.shopId,
    campaignId,
    admin: shop.admin,
    pacer: new CostPacer({ timeScale: 100 }),
    cause: "test",
    lookupDelayMs: 0,
  });
}
