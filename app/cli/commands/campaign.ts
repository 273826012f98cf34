import type { Command } from "commander";
import { describePushRun } from "../../services/ordering/push-jobs";
import { orderSettings, updateOrderSettings } from "../../services/ordering/settings";
import { orderingCounts } from "../../services/ordering/summary";
import { withDatabase } from "../context";
import { CliError, output } from "../output";
import { resolveCampaign, resolveShop } from "../resolve";

export function registerCampaignCommands(program: Command) {
  const campaign = program.command("campaign").description("one campaign: where it stands, and its settings");

  campaign
    .command("show")
    .description("print the campaign's pledges counted by ordering state, its settings and its last push")
    .argument("<campaign>", "the campaign (id, handle or name)")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--json", "print the result as JSON")
    .action(async (nameOrId: string, options: { shop?: string; json?: boolean }) => {
      await withDatabase(async (db) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const found = await resolveCampaign(db.prisma, shopId, nameOrId);
        const counts = await orderingCounts(db, shopId, found.id);
        const lastPush = await db.prisma.pushRun.findFirst({
          where: { shopId, campaignId: found.id },
          orderBy: { createdAt: "desc" },
        });
        const shown = {
          id: found.id,
          handle: found.handle,
          name: found.name,
          platform: found.platform,
          currencyCode: found.currencyCode,
          counts,
          ordering: orderSettings(found.settings),
          lastPush: lastPush ? describePushRun(lastPush) : null,
        };
        output(Boolean(options.json)).result(shown, () =>
          [
            `${found.name} (${found.handle}, ${found.platform}, ${found.currencyCode}): ${counts.pledges} pledges`,
            `  not orderable ${counts.notOrderable}, blocked ${counts.blocked}, ready ${counts.ready}`,
            `  creating ${counts.creating}, drafted ${counts.drafted}, invoiced ${counts.invoiced}, ` +
              `paid ${counts.paid}, cancelled ${counts.cancelled}, failed ${counts.failed}`,
            ...counts.unmappedRewards.map((r) => `  unmapped: ${r.title} (${r.pledges} pledges)`),
            ...(counts.currencyChoiceRequired
              ? ["  the store sells in another currency: choose with `campaign set --currency campaign|store`"]
              : []),
          ].join("\n"),
        );
      });
    });

  campaign
    .command("set")
    .description("change the campaign's ordering settings")
    .argument("<campaign>", "the campaign (id, handle or name)")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--currency <which>", "when the store's currency differs: present drafts in the 'campaign' or 'store' one")
    .option("--reserve-days <days>", "days a draft order holds its stock (1–365), or 'none'")
    .option("--bonus <what>", "bonus support: 'record' it on the order, or 'ignore' it")
    .option("--json", "print the result as JSON")
    .action(
      async (
        nameOrId: string,
        options: { shop?: string; currency?: string; reserveDays?: string; bonus?: string; json?: boolean },
      ) => {
        const patch: Parameters<typeof updateOrderSettings>[3] = {};
        if (options.currency !== undefined) {
          if (options.currency !== "campaign" && options.currency !== "store")
            throw new CliError(`--currency is 'campaign' or 'store', not "${options.currency}"`, 2);
          patch.currency = options.currency;
        }
        if (options.reserveDays !== undefined) {
          const days = options.reserveDays === "none" ? null : Number(options.reserveDays);
          if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 365))
            throw new CliError(`--reserve-days is a whole number from 1 to 365, or 'none'`, 2);
          patch.reserveInventoryDays = days;
        }
        if (options.bonus !== undefined) {
          if (options.bonus !== "record" && options.bonus !== "ignore")
            throw new CliError(`--bonus is 'record' or 'ignore', not "${options.bonus}"`, 2);
          patch.bonusSupport = options.bonus;
        }
        if (!Object.keys(patch).length)
          throw new CliError("nothing to change: give --currency, --reserve-days or --bonus", 2);
        await withDatabase(async (db) => {
          const shopId = await resolveShop(db.prisma, options.shop);
          const found = await resolveCampaign(db.prisma, shopId, nameOrId);
          const settings = await updateOrderSettings(db.prisma, shopId, found.id, patch);
          output(Boolean(options.json)).result(settings, () => JSON.stringify(settings));
        });
      },
    );
}
