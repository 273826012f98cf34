// The kinds of exception and, for each, what resolves it. Pure: the inbox draws its buttons from this table and
// its action handler refuses anything the table does not offer for the exception's kind.
export const EXCEPTION_KINDS = [
  "pledge_dropped",
  "pledge_errored",
  "pledge_refunded",
  "pledge_cancelled",
  "unmapped_reward",
  "push_refused",
  "preorder_over_cap",
  "balance_failed",
  "inventory_drift",
  "address_incomplete",
  "phone_missing",
  "duplicate_backer",
  "invoice_unpaid",
  "data_request",
  "order_cancelled",
] as const;

export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** Done by the app when clicked: a job queued or a call to Shopify. */
export const SERVER_ACTIONS = ["resend_link", "retry_push", "release_stock", "reconcile_stock"] as const;
export type ServerAction = (typeof SERVER_ACTIONS)[number];

/** A page where the merchant fixes the cause. */
export type LinkAction = "open_backer" | "edit_address" | "download_data" | "map_reward" | "open_preorders";

export type ExceptionAction = ServerAction | LinkAction;

const ENDED: ExceptionAction[] = ["release_stock", "open_backer"];

export const ACTIONS_BY_KIND: Record<ExceptionKind, ExceptionAction[]> = {
  pledge_dropped: ENDED,
  pledge_errored: ENDED,
  pledge_refunded: ENDED,
  pledge_cancelled: ENDED,
  unmapped_reward: ["map_reward"],
  push_refused: ["retry_push", "edit_address"],
  preorder_over_cap: ["open_preorders"],
  balance_failed: ["open_preorders"],
  inventory_drift: ["reconcile_stock"],
  address_incomplete: ["edit_address", "resend_link"],
  phone_missing: ["edit_address", "resend_link"],
  duplicate_backer: ["open_backer"],
  invoice_unpaid: ["resend_link", "open_backer"],
  data_request: ["download_data"],
  order_cancelled: ["open_backer"],
};

export function isServerAction(action: string): action is ServerAction {
  return (SERVER_ACTIONS as readonly string[]).includes(action);
}

export function offers(kind: string, action: string): boolean {
  return (ACTIONS_BY_KIND as Record<string, readonly string[]>)[kind]?.includes(action) ?? false;
}
