// Campaigns as the merchant sees them: each with its pledge counts by state.
import type { Platform, PrismaClient } from "@prisma/client";

export async function listCampaigns(prisma: PrismaClient, shopId: string) {
  const campaigns = await prisma.campaign.findMany({ where: { shopId }, orderBy: { createdAt: "desc" } });
  // By the campaigns' ids: Pledge has no index that starts with the shop (shop-campaigns.ts).
  const counts = await prisma.pledge.groupBy({
    by: ["campaignId", "status"],
    where: { shopId, campaignId: { in: campaigns.map((campaign) => campaign.id) } },
    _count: { _all: true },
  });
  return campaigns.map((campaign) => {
    const mine = counts.filter((count) => count.campaignId === campaign.id);
    const pledges = mine.reduce((sum, count) => sum + count._count._all, 0);
    const collected = mine.find((count) => count.status === "COLLECTED")?._count._all ?? 0;
    return {
      id: campaign.id,
      handle: campaign.handle,
      name: campaign.name,
      platform: campaign.platform,
      status: campaign.status,
      currencyCode: campaign.currencyCode,
      pledges,
      collected,
      estimatedShipAt: campaign.estimatedShipAt?.toISOString() ?? null,
    };
  });
}

/** A campaign with a handle made from its name, unique in the shop. */
export async function createCampaign(
  prisma: PrismaClient,
  shopId: string,
  details: { name: string; platform: Platform; currencyCode: string },
) {
  const base =
    details.name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "campaign";
  let handle = base;
  for (let n = 2; await prisma.campaign.findUnique({ where: { shopId_handle: { shopId, handle } } }); n++)
    handle = `${base}-${n}`;
  return prisma.campaign.create({ data: { shopId, handle, ...details } });
}

/** One campaign of this shop with its headline counts, or null when the shop has no such campaign. */
export async function campaignSummary(prisma: PrismaClient, shopId: string, campaignId: string) {
  const campaign = await prisma.campaign.findFirst({ where: { id: campaignId, shopId } });
  if (!campaign) return null;
  const [byStatus, backers] = await Promise.all([
    prisma.pledge.groupBy({ by: ["status"], where: { shopId, campaignId }, _count: { _all: true } }),
    prisma.backer.count({ where: { shopId, campaignId, mergedIntoId: null } }),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    id: campaign.id,
    name: campaign.name,
    handle: campaign.handle,
    platform: campaign.platform,
    currencyCode: campaign.currencyCode,
    pledges: byStatus.reduce((sum, row) => sum + row._count._all, 0),
    backers,
    collected: count("COLLECTED"),
    dropped: count("DROPPED"),
  };
}
