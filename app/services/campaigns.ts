// Campaigns as the merchant sees them: each with its pledge counts by state.
import type { PrismaClient } from "@prisma/client";

export async function listCampaigns(prisma: PrismaClient, shopId: string) {
  const [campaigns, counts] = await Promise.all([
    prisma.campaign.findMany({ where: { shopId }, orderBy: { createdAt: "desc" } }),
    prisma.pledge.groupBy({ by: ["campaignId", "status"], where: { shopId }, _count: { _all: true } }),
  ]);
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
