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
  "order_refunded",
] as const;

export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** Done by the app when clicked: a job queued or a call to Shopify. */
export const SERVER_ACTIONS = [
  "resend_link",
  "retry_push",
  "release_stock",
  "reconcile_stock",
  "merge_backers",
] as const;
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
  duplicate_backer: ["merge_backers", "open_backer"],
  invoice_unpaid: ["resend_link", "open_backer"],
  data_request: ["download_data"],
  order_cancelled: ["open_backer"],
  order_refunded: ["open_backer", "open_preorders"],
};

export function isServerAction(action: string): action is ServerAction {
  return (SERVER_ACTIONS as readonly string[]).includes(action);
}

/** What the inbox needs to know of one exception to choose its actions. */
export interface ExceptionForActions {
  kind: string;
  pledgeId: string | null;
  /** The backer it is about, where the caller knows (the inbox does). */
  backerId?: string | null;
  data: Record<string, unknown>;
}

/**
 * The actions of one exception: its kind's, less those that do not fit this one. Merging needs a second backer
 * (two records of one person; one backer with pledges from two sources has nothing to merge); a backer's page
 * needs a backer; the pre-orders page is for orders that are no pledge's.
 */
export function actionsFor(exception: ExceptionForActions): ExceptionAction[] {
  const actions = (ACTIONS_BY_KIND as Record<string, ExceptionAction[] | undefined>)[exception.kind] ?? [];
  return actions.filter((action) => {
    if (action === "merge_backers") return typeof exception.data.otherBackerId === "string";
    if (action === "open_preorders") return exception.pledgeId === null;
    if (action === "open_backer") return exception.backerId !== null;
    return true;
  });
}

export function offers(exception: ExceptionForActions, action: string): boolean {
  return (actionsFor(exception) as string[]).includes(action);
}
