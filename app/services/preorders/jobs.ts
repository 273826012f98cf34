// The pre-order jobs, per shop: the reconciliation (every 15 minutes: offers left half-made or half-ended are
// finished, orders whose webhooks never came are recorded, caps enforced), balance collection (hourly, what is
// due), and the merchant's "charge now" for chosen orders.
import { z } from "zod";
import type { Database } from "../../db/open";
import type { JobContext } from "../../jobs/queue";
import { perShop } from "../shop-jobs";
import { collectBalances } from "./balances";
import { activateOffer, endOffer } from "./offers";
import { reconcilePreorders } from "./orders";

export const PREORDER_RECONCILE_QUEUE = "preorders-reconcile";
export const PREORDER_RECONCILE_CRON = "*/15 * * * *";
export const BALANCE_QUEUE = "preorders-balances";
export const BALANCE_CRON = "20 * * * *";
export const CHARGE_QUEUE = "preorders-charge";

export const PreorderShopJobData = z.object({ shopId: z.string().min(1).optional() });
export const ChargeJobData = z.object({
  shopId: z.string().min(1),
  preorderOrderIds: z.array(z.string().min(1)).min(1).max(1000),
  by: z.string().min(1),
});

type Context = Pick<JobContext, "jobId" | "signal" | "jobs">;
type Deps = { adminOrigin?: string };

export function runPreorderReconcileJob(
  db: Database,
  deps: Deps,
  data: z.infer<typeof PreorderShopJobData>,
  context: Context,
) {
  return perShop(db, deps, PREORDER_RECONCILE_QUEUE, 15, data, context, async ({ shopId, admin, pacer }) => {
    const cause = `job:${context.jobId}`;
    const unfinished = await db.prisma.preorderOffer.findMany({
      where: { shopId, status: { in: ["CREATING", "ENDING"] } },
      select: { id: true, status: true },
    });
    for (const offer of unfinished) {
      if (offer.status === "CREATING") await activateOffer(db, { shopId, admin, cause }, offer.id);
      else await endOffer(db, { shopId, admin, cause }, offer.id);
    }
    const orders = await reconcilePreorders(db, { shopId, admin, cause, pacer });
    return { offersFinished: unfinished.length, ...orders };
  });
}

export function runBalanceJob(db: Database, deps: Deps, data: z.infer<typeof PreorderShopJobData>, context: Context) {
  return perShop(db, deps, BALANCE_QUEUE, 60, data, context, ({ shopId, admin }) =>
    collectBalances(db, { shopId, admin, cause: `job:${context.jobId}`, signal: context.signal }),
  );
}

export function runChargeJob(db: Database, deps: Deps, data: z.infer<typeof ChargeJobData>, context: Context) {
  return perShop(db, deps, CHARGE_QUEUE, 0, data, context, ({ shopId, admin }) =>
    collectBalances(db, {
      shopId,
      admin,
      cause: data.by,
      preorderOrderIds: data.preorderOrderIds,
      signal: context.signal,
    }),
  );
}
