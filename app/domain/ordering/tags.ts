// How a draft order (and the order it becomes) is found again from a pledge: tags survive into the order and
// are searchable (`draftOrders(query: "tag:…")`), custom attributes travel into the order's note attributes.
// Shopify tags are at most 40 characters, so the pledge tag is a short fixed prefix and the id without dashes.

export const ORDER_TAG = "pledgebridge";
export const PLEDGE_ATTRIBUTE = "_pledgebridge_pledge";
export const CAMPAIGN_ATTRIBUTE = "_pledgebridge_campaign";
const MAX_TAG = 40;

export function pledgeTag(pledgeId: string): string {
  const tag = `pb-${pledgeId.replace(/-/g, "")}`;
  if (tag.length > MAX_TAG) throw new Error(`pledge id ${pledgeId} is too long for a Shopify tag`);
  return tag;
}

export function campaignTag(handle: string): string {
  return `campaign-${handle}`.slice(0, MAX_TAG);
}

/** The search that finds a pledge's draft order, whatever else its tags say. */
export function pledgeSearch(pledgeId: string): string {
  return `tag:${pledgeTag(pledgeId)}`;
}
