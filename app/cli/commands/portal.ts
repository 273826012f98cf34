import type { Command } from "commander";
import { portalLinker } from "../../services/portal/links";
import { portalSettings } from "../../services/portal/settings";
import { withDatabase } from "../context";
import { CliError, output } from "../output";
import { resolveCampaign, resolveShop } from "../resolve";
import { backerLabel } from "../../domain/backer-label";

export function registerPortalCommands(program: Command) {
  const portal = program.command("portal").description("the backer portal");

  portal
    .command("link")
    .description("print a backer's signed portal link (for support: the backer lost the email)")
    .requiredOption("--campaign <name-or-id>", "the campaign (id, handle or name)")
    .requiredOption("--backer <number-or-email>", "the backer number, the platform's backer id, or the email")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--days <n>", "how long the link works (default: the campaign's setting)")
    .option("--json", "print the result as JSON")
    .action(async (options: { campaign: string; backer: string; shop?: string; days?: string; json?: boolean }) => {
      await withDatabase(async (db, config) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const campaign = await resolveCampaign(db.prisma, shopId, options.campaign);
        const days = options.days === undefined ? portalSettings(campaign.settings).linkDays : Number(options.days);
        if (!Number.isInteger(days) || days < 1 || days > 365)
          throw new CliError("--days is a whole number from 1 to 365", 2);
        const wanted = options.backer.replace(/^#/, "").trim();
        const pledges = await db.prisma.pledge.findMany({
          where: {
            shopId,
            campaignId: campaign.id,
            OR: [
              { externalBackerId: wanted },
              ...(/^\d{1,9}$/.test(wanted) ? [{ backerNumber: Number(wanted) }] : []),
              { backer: { email: { equals: wanted, mode: "insensitive" } } },
            ],
          },
          select: { id: true, backerNumber: true, externalBackerId: true },
          take: 10,
        });
        if (!pledges.length) throw new CliError(`No backer "${options.backer}" in ${campaign.name}`);
        const linkFor = await portalLinker(db.prisma, shopId, { adminOrigin: config.SHOPIFY_ADMIN_ORIGIN, days });
        const links = pledges.map((pledge) => ({
          pledgeId: pledge.id,
          backer: backerLabel(pledge),
          link: linkFor(pledge.id),
        }));
        output(Boolean(options.json)).result(links.length === 1 ? links[0]! : links, () =>
          links.map((l) => `${l.backer}: ${l.link}`).join("\n"),
        );
      });
    });
}
