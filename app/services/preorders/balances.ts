// Collecting pre-order balances: orders that still owe, listed with their due dates; charged on the due date by
// the schedule, or now for one order or a segment when the merchant says so. Exactly once: each attempt is a
// BalanceCharge row with its own idempotency key, written before Shopify is asked. An attempt whose answer was
// lost is asked again with the same key (Shopify answers the first payment, never a second); a declined attempt
// is retried later with a new key, and after the last one the balance becomes an exception for the merchant.
import type { Database } from "../../db/open";
import { balanceIsDue, chargeKey, MAX_ATTEMPTS, nextAttemptAfter } from "../../domain/preorders/balance";
import { toDecimalString } from "../../domain/money";
import type { AdminClient } from "../../shopify/admin-client";
import { AdminApiError } from "../../shopify/errors";
import { CHARGE_BALANCE, PAYMENT_STATUS, PREORDER_ORDER } from "../../shopify/operations/preorders";
import { clearExceptions, raiseExceptions } from "../exceptions";
import { recordPreorderOrder } from "./orders";

export interface BalanceFilter {
  status?: "DUE" | "PAID" | "FAILED";
  offerId?: string;
  dueBefore?: Date;
}

export async function listBalances(db: Database, shopId: string, filter: BalanceFilter = {}, limit = 200) {
  return db.query<{
    id: string;
    orderId: string;
    orderName: string | null;
    outstandingMinor: number;
    currencyCode: string;
    dueAt: Date | null;
    dueOnFulfillment: boolean;
    balanceStatus: string;
    failedAttempts: number;
    nextAttemptAt: Date | null;
    lastError: string | null;
    offers: string;
  }>(
    `SELECT o.id, o."orderId", o."orderName", o."outstandingMinor", o."currencyCode", o."dueAt",
            o."dueOnFulfillment", o."balanceStatus"::text, o."failedAttempts", o."nextAttemptAt", o."lastError",
            string_agg(DISTINCT f.name, ', ') AS offers
       FROM "PreorderOrder" o
       JOIN "PreorderLine" l ON l."preorderOrderId" = o.id
       LEFT JOIN "PreorderOffer" f ON f.id = l."offerId"
      WHERE o."shopId" = $1 AND o."balanceStatus"::text = ANY($2::text[])
        AND ($3::text IS NULL OR l."offerId" = $3)
        AND ($4::timestamptz IS NULL OR o."dueAt" <= $4 OR o."dueOnFulfillment")
      GROUP BY o.id
      ORDER BY o."dueOnFulfillment", o."dueAt" NULLS LAST, o."createdAt"
      LIMIT $5`,
    [
      shopId,
      filter.status ? [filter.status] : ["DUE", "FAILED"],
      filter.offerId ?? null,
      filter.dueBefore ?? null,
      limit,
    ],
  );
}

export interface ChargeOptions {
  shopId: string;
  admin: AdminClient;
  cause: string;
  now?: Date;
  /** The merchant's choice: these orders now, whether due or not (a FAILED one gets one more attempt). */
  preorderOrderIds?: string[];
  signal?: AbortSignal;
}

export type ChargeOutcome = "paid" | "declined" | "failed" | "already_paid" | "skipped";

/** Charges every balance that is due (or the chosen ones); one order's failure does not stop the others. */
export async function collectBalances(db: Database, options: ChargeOptions) {
  const now = options.now ?? new Date();
  const chosen = options.preorderOrderIds;
  const orders = await db.prisma.preorderOrder.findMany({
    where: {
      shopId: options.shopId,
      ...(chosen ? { id: { in: chosen }, balanceStatus: { in: ["DUE", "FAILED"] } } : { balanceStatus: "DUE" }),
    },
    orderBy: { dueAt: "asc" },
  });
  const counts: Record<ChargeOutcome, number> = { paid: 0, declined: 0, failed: 0, already_paid: 0, skipped: 0 };
  for (const order of orders) {
    options.signal?.throwIfAborted();
    if (!chosen && !balanceIsDue(order, now)) continue;
    counts[await chargeOne(db, options, order.id, now)]++;
  }
  return counts;
}

async function chargeOne(
  db: Database,
  options: ChargeOptions,
  preorderOrderId: string,
  now: Date,
): Promise<ChargeOutcome> {
  // Another worker may be charging this order: the one that claims the attempt (or finds it pending) goes on.
  const order = await db.prisma.preorderOrder.findUniqueOrThrow({ where: { id: preorderOrderId } });
  if (!order.mandateId)
    return fail(db, options, order.id, "The buyer's card is not on file (no payment mandate)", now, true);
  const pending = await db.prisma.balanceCharge.findFirst({ where: { preorderOrderId, status: "PENDING" } });
  const charge =
    pending ??
    (await db.prisma.balanceCharge
      .create({
        data: {
          shopId: options.shopId,
          preorderOrderId,
          attempt: order.failedAttempts + 1,
          idempotencyKey: chargeKey(preorderOrderId, order.failedAttempts + 1),
          amountMinor: order.outstandingMinor,
          cause: options.cause,
        },
      })
      .catch((error: { code?: string }) => {
        if (error.code === "P2002") return null; // another worker holds this attempt
        throw error;
      }));
  if (!charge) return "skipped";

  let answer;
  try {
    const { data } = await options.admin.request(CHARGE_BALANCE, {
      id: order.orderId,
      mandateId: order.mandateId,
      key: charge.idempotencyKey,
      amount: {
        amount: toDecimalString({ amountMinor: charge.amountMinor, currency: order.currencyCode }),
        currencyCode: order.currencyCode as never,
      },
    });
    answer = data.orderCreateMandatePayment!;
  } catch (error) {
    // No answer: the charge may have happened. The attempt stays PENDING and is asked again with its key.
    if (error instanceof AdminApiError && error.retryable) return "skipped";
    throw error;
  }
  if (answer.userErrors.length) {
    // Refused before any payment (nothing owed any more, a mandate that is gone): read the order to know which.
    const refreshed = await refreshOrder(db, options, order.orderId);
    if (refreshed && refreshed.outstandingMinor === 0) {
      await db.prisma.balanceCharge.update({
        where: { id: charge.id },
        data: { status: "FAILED", errorMessage: "nothing left to pay" },
      });
      return "already_paid";
    }
    await db.prisma.balanceCharge.update({
      where: { id: charge.id },
      data: { status: "FAILED", errorMessage: answer.userErrors.map((e) => e.message).join("; ") },
    });
    return fail(db, options, order.id, answer.userErrors[0]!.message, now, false);
  }
  let status =
    answer.jobResult?.status === "SUCCEEDED" ? "PAID" : answer.jobResult?.status === "FAILED" ? "ERROR" : null;
  let message: string | null = null;
  if (!status && answer.paymentReferenceId) {
    const { data } = await options.admin.request(PAYMENT_STATUS, {
      orderId: order.orderId,
      reference: answer.paymentReferenceId,
    });
    const result = data.orderPaymentStatus;
    status = ["PURCHASED", "CAPTURED", "AUTHORIZED", "SUCCESS"].includes(result?.status ?? "")
      ? "PAID"
      : ["ERROR", "VOIDED"].includes(result?.status ?? "")
        ? "ERROR"
        : null;
    message = result?.errorMessage ?? null;
  }
  if (!status) return "skipped"; // still processing: asked again next run, with the same key
  if (status === "ERROR" && !message && answer.paymentReferenceId) {
    const { data } = await options.admin.request(PAYMENT_STATUS, {
      orderId: order.orderId,
      reference: answer.paymentReferenceId,
    });
    message = data.orderPaymentStatus?.errorMessage ?? null;
  }
  await db.prisma.balanceCharge.update({
    where: { id: charge.id },
    data: {
      status: status === "PAID" ? "SUCCEEDED" : "FAILED",
      paymentReferenceId: answer.paymentReferenceId ?? null,
      errorMessage: message,
    },
  });
  if (status === "ERROR") {
    const outcome = await fail(db, options, order.id, message ?? "The payment was declined", now, false);
    return outcome === "failed" ? "failed" : "declined";
  }
  await db.prisma.preorderOrder.update({
    where: { id: order.id },
    data: { balanceStatus: "PAID", outstandingMinor: 0, nextAttemptAt: null, lastError: null },
  });
  await clearExceptions(db, options.shopId, ["balance_failed"], [order.orderId], options.cause);
  return "paid";
}

/** A failed attempt: retry on the schedule, or after the last one (or when retrying cannot help) an exception. */
async function fail(
  db: Database,
  options: ChargeOptions,
  preorderOrderId: string,
  message: string,
  now: Date,
  final: boolean,
): Promise<ChargeOutcome> {
  const order = await db.prisma.preorderOrder.update({
    where: { id: preorderOrderId },
    data: { failedAttempts: { increment: 1 }, lastError: message },
  });
  const next = final || order.failedAttempts >= MAX_ATTEMPTS ? null : nextAttemptAfter(order.failedAttempts, now);
  await db.prisma.preorderOrder.update({
    where: { id: order.id },
    data: { nextAttemptAt: next, balanceStatus: next ? "DUE" : "FAILED" },
  });
  if (next) return "declined";
  await raiseExceptions(db, options.shopId, [
    {
      campaignId: null,
      kind: "balance_failed",
      severity: "CRITICAL",
      subjectType: "Order",
      subjectId: order.orderId,
      data: {
        orderId: order.orderId,
        orderName: order.orderName,
        outstandingMinor: order.outstandingMinor,
        currencyCode: order.currencyCode,
        attempts: order.failedAttempts,
        lastError: message,
        actions: ["charge_again", "send_payment_link", "cancel_order"],
      },
    },
  ]);
  return "failed";
}

async function refreshOrder(db: Database, options: ChargeOptions, orderId: string) {
  const { data } = await options.admin.request(PREORDER_ORDER, { id: orderId });
  if (!data.order) return null;
  await recordPreorderOrder(db, options.shopId, data.order);
  return db.prisma.preorderOrder.findUnique({ where: { shopId_orderId: { shopId: options.shopId, orderId } } });
}
