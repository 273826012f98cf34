// What the commands' --shop and --campaign name: a shop by domain (or the only one connected), a campaign by id,
// handle or exact name within that shop.
import type { Campaign, PrismaClient } from "@prisma/client";
import { CliError } from "./output";

/** The shop named, or the only one connected. */
export async function resolveShop(prisma: PrismaClient, domain: string | undefined): Promise<string> {
  if (domain) {
    const shop = await prisma.shop.findUnique({ where: { domain } });
    if (!shop)
      throw new CliError(`No shop ${domain} is connected: pledgebridge shop connect --shop ${domain} --token …`, 2);
    return shop.id;
  }
  const shops = await prisma.shop.findMany({ where: { uninstalledAt: null }, take: 2 });
  if (shops.length !== 1) {
    throw new CliError(
      shops.length
        ? "More than one shop is connected: say which with --shop <domain>"
        : "No shop is connected: pledgebridge shop connect first, or use --dry-run",
      2,
    );
  }
  return shops[0]!.id;
}

export async function resolveCampaign(prisma: PrismaClient, shopId: string, nameOrId: string): Promise<Campaign> {
  const campaigns = await prisma.campaign.findMany({
    where: { shopId, OR: [{ id: nameOrId }, { handle: nameOrId }, { name: nameOrId }] },
    take: 2,
  });
  if (campaigns.length === 1) return campaigns[0]!;
  throw new CliError(
    campaigns.length
      ? `More than one campaign is called "${nameOrId}": give its id or handle`
      : `No campaign "${nameOrId}" in this shop`,
    2,
  );
}
