import { Option, type Command } from "commander";
import {
  autoMapRewards,
  listRewards,
  mapReward,
  MappingError,
  parseVariantQuantity,
} from "../../services/ordering/rewards";
import { orderingCounts } from "../../services/ordering/summary";
import { adminForShop, ShopNotConnectedError } from "../../services/shop-admin";
import { pacerForShop } from "../../shopify/pacer";
import { withDatabase } from "../context";
import { CliError, output } from "../output";
import { resolveCampaign, resolveShop } from "../resolve";

interface Options {
  campaign: string;
  shop?: string;
  json?: boolean;
}

export function registerRewardsCommands(program: Command) {
  const rewards = program.command("rewards").description("a campaign's tiers and add-ons, and the variants they are");

  rewards
    .command("list")
    .description("list the campaign's rewards with their variants and how many pledges each holds")
    .requiredOption("--campaign <name-or-id>", "the campaign (id, handle or name)")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--json", "print the result as JSON")
    .action(async (options: Options) => {
      await withDatabase(async (db) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const campaign = await resolveCampaign(db.prisma, shopId, options.campaign);
        const rows = await listRewards(db, shopId, campaign.id);
        const { blocked } = await orderingCounts(db, shopId, campaign.id);
        output(Boolean(options.json)).result({ campaignId: campaign.id, blockedPledges: blocked, rewards: rows }, () =>
          [
            ...rows.map(
              (r) =>
                `${r.id}\t${r.kind}\t${r.pledges} pledges\t${r.title}\t` +
                (r.items.length ? r.items.map((i) => `${i.variantId}:${i.quantity}`).join(" ") : "UNMAPPED"),
            ),
            `${blocked} pledges are blocked by unmapped rewards or settings.`,
          ].join("\n"),
        );
      });
    });

  rewards
    .command("map")
    .description("map rewards to variants: --auto by SKU or exact title, or --reward <id> --variant <gid>[:qty] …")
    .requiredOption("--campaign <name-or-id>", "the campaign (id, handle or name)")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .addOption(new Option("--auto", "map every reward whose SKU or exact title names exactly one variant"))
    .option("--reward <id>", "the reward to map")
    .option("--variant <variants...>", "the variants the reward is, as gid://shopify/ProductVariant/<id>[:quantity]")
    .option("--json", "print the result as JSON")
    .action(async (options: Options & { auto?: boolean; reward?: string; variant?: string[] }) => {
      if (Boolean(options.auto) === Boolean(options.reward))
        throw new CliError("give either --auto, or --reward <id> with --variant <gid>[:qty] …", 2);
      if (options.reward && !options.variant?.length)
        throw new CliError("give the reward's variants with --variant <gid>[:qty] …", 2);
      await withDatabase(async (db, config) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const campaign = await resolveCampaign(db.prisma, shopId, options.campaign);
        const { shop, admin } = await adminForShop(db.prisma, shopId, {
          adminOrigin: config.SHOPIFY_ADMIN_ORIGIN,
        }).catch((error: unknown) => {
          throw error instanceof ShopNotConnectedError ? new CliError(error.message, 2) : error;
        });
        const out = output(Boolean(options.json));
        try {
          if (options.auto) {
            const result = await autoMapRewards(db, admin, pacerForShop(shop.domain), shopId, campaign.id);
            out.result(result, () =>
              [
                ...result.mapped.map((m) => `mapped\t${m.title}\t→ ${m.variantId} (by ${m.by})`),
                ...result.unmapped.map((u) => `unmapped\t${u.title}\t${u.candidates} candidates`),
                `${result.mapped.length} mapped, ${result.unmapped.length} still unmapped.`,
              ].join("\n"),
            );
            return;
          }
          const reward = await db.prisma.reward.findFirst({
            where: { id: options.reward, shopId, campaignId: campaign.id },
          });
          if (!reward) throw new CliError(`No reward ${options.reward} in campaign ${campaign.name}`, 2);
          const items = options.variant!.map(parseVariantQuantity);
          const row = await mapReward(db, shopId, reward.id, items, admin);
          out.result(
            row,
            () => `${row.title} is ${row.items.map((i) => `${i.quantity} × ${i.variantId}`).join(" + ")}`,
          );
        } catch (error) {
          if (error instanceof MappingError) throw new CliError(error.message, 2);
          throw error;
        }
      });
    });
}
