// A shop's backers and pledges are reached through its campaigns: neither table has an index that starts with the
// shop, which every imported row would pay for (decision 0019). A query across the shop names the campaigns, so
// that the indexes starting with campaignId answer it instead of a read of every shop's rows.

/** `<alias>."campaignId" IN (the shop's campaigns)`; `shop` is the query's parameter holding the shop's id. */
export function inShopCampaigns(alias: string, shop = "$1"): string {
  return `${alias}."campaignId" IN (SELECT shop_campaign.id FROM "Campaign" shop_campaign WHERE shop_campaign."shopId" = ${shop})`;
}
