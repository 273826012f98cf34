// When a pre-order's balance is charged, and how failures are retried. Pure: the job, the page and the tests
// read the same schedule. One idempotency key per attempt: a retried request of the same attempt (after a lost
// answer) sends the same key, so Shopify answers the first payment instead of charging again; a new attempt
// after a decline gets a new key.

/** Hours after a failed attempt before the next: a day, three days, a week; after the last, a person decides. */
export const RETRY_AFTER_HOURS = [24, 72, 168] as const;
export const MAX_ATTEMPTS = RETRY_AFTER_HOURS.length + 1;

export function chargeKey(preorderOrderId: string, attempt: number): string {
  return `pledgebridge-balance-${preorderOrderId}-${attempt}`;
}

/** Whether a balance is due now: its date has come, or it is due on fulfillment and the order has shipped. */
export function balanceIsDue(
  order: { dueAt: Date | null; dueOnFulfillment: boolean; fulfilledAt: Date | null; nextAttemptAt: Date | null },
  now: Date,
): boolean {
  if (order.nextAttemptAt && order.nextAttemptAt > now) return false;
  if (order.dueOnFulfillment) return order.fulfilledAt !== null;
  return order.dueAt !== null && order.dueAt <= now;
}

/** After a failed attempt (1-based): when to try again, or null when retries are over. */
export function nextAttemptAfter(failedAttempts: number, now: Date): Date | null {
  const hours = RETRY_AFTER_HOURS[failedAttempts - 1];
  return hours === undefined ? null : new Date(now.getTime() + hours * 3_600_000);
}
