import { createWriteStream, readFileSync, statSync } from "node:fs";
import type { Command } from "commander";
import type { Database } from "../../db/open";
import { parseCountries, WaveFilter } from "../../domain/fulfillment/wave-filter";
import { waveCsv } from "../../services/fulfillment/export";
import { importTracking, TrackingFileError } from "../../services/fulfillment/tracking-import";
import { createWave, lockWave, previewWave, releaseWave, waveProgress } from "../../services/fulfillment/waves";
import { adminForShop } from "../../services/shop-admin";
import { pacerForShop } from "../../shopify/pacer";
import { withDatabase } from "../context";
import { CliError, output } from "../output";
import { resolveCampaign, resolveShop } from "../resolve";

async function resolveWave(db: Database, shopId: string, id: string) {
  const wave = await db.prisma.wave.findFirst({ where: { id, shopId } });
  if (!wave) throw new CliError(`No wave ${id} in this shop: pledgebridge waves list --campaign <c>`, 2);
  return wave;
}

function date(value: string | undefined, flag: string) {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CliError(`${flag} is a date like 2026-03-01`, 2);
  return new Date(`${value}T00:00:00Z`).toISOString();
}

export function registerWaveCommands(program: Command) {
  const waves = program.command("waves").description("shipping waves: held orders released together");

  waves
    .command("create")
    .description("a wave of the campaign's paid pledge orders that match, with its pick list (locked with --lock)")
    .requiredOption("--campaign <name-or-id>", "the campaign (id, handle or name)")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--name <name>", "the wave's name")
    .option("--countries <codes>", "shipping countries, e.g. FR,DE,BE")
    .option("--rewards <ids>", "reward ids, comma-separated")
    .option("--offers <ids>", "only the pre-order orders of these offers (ids, comma-separated)")
    .option("--from <date>", "pledged on or after, e.g. 2026-01-01")
    .option("--to <date>", "pledged on or before")
    .option("--address-confirmed", "only backers who confirmed their address")
    .option("--no-preorders", "leave the campaign's pre-order orders out")
    .option("--lock", "lock it now: its orders are written down and it can be released")
    .option("--json", "print JSON")
    .action(
      async (options: {
        campaign: string;
        shop?: string;
        name?: string;
        countries?: string;
        rewards?: string;
        offers?: string;
        from?: string;
        to?: string;
        addressConfirmed?: boolean;
        preorders: boolean;
        lock?: boolean;
        json?: boolean;
      }) => {
        const filter = WaveFilter.safeParse({
          countries: parseCountries(options.countries),
          rewardIds: options.rewards
            ?.split(",")
            .map((r) => r.trim())
            .filter(Boolean),
          offerIds: options.offers
            ?.split(",")
            .map((o) => o.trim())
            .filter(Boolean),
          pledgedFrom: date(options.from, "--from"),
          pledgedTo: date(options.to, "--to"),
          addressConfirmed: options.addressConfirmed || undefined,
          preorders: options.preorders === false ? false : undefined,
        });
        if (!filter.success) throw new CliError(filter.error.issues.map((i) => i.message).join("; "), 2);
        await withDatabase(async (db) => {
          const shopId = await resolveShop(db.prisma, options.shop);
          const campaign = await resolveCampaign(db.prisma, shopId, options.campaign);
          const wave = await createWave(
            db,
            shopId,
            { campaignId: campaign.id, name: options.name ?? "", filter: filter.data },
            "cli",
          );
          const preview = await previewWave(db, shopId, campaign.id, filter.data);
          const locked = options.lock ? await lockWave(db, shopId, wave.id, "cli") : null;
          const result = {
            waveId: wave.id,
            name: wave.name,
            status: locked ? "LOCKED" : "DRAFT",
            orders: locked ? locked.orders : preview.orders,
            pickList: preview.pickList.map((p) => ({ sku: p.sku, variantId: p.variantId, units: p.units })),
          };
          output(Boolean(options.json)).result(result, () =>
            [
              `${result.name} (${result.waveId}): ${result.orders} orders, ${result.status.toLowerCase()}`,
              ...result.pickList.map((p) => `  ${(p.sku ?? p.variantId).padEnd(24)} ${p.units}`),
            ].join("\n"),
          );
        });
      },
    );

  waves
    .command("list")
    .description("the campaign's waves with their progress")
    .requiredOption("--campaign <name-or-id>", "the campaign (id, handle or name)")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--json", "print JSON")
    .action(async (options: { campaign: string; shop?: string; json?: boolean }) => {
      await withDatabase(async (db) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const campaign = await resolveCampaign(db.prisma, shopId, options.campaign);
        const rows = await db.prisma.wave.findMany({
          where: { shopId, campaignId: campaign.id },
          orderBy: { createdAt: "asc" },
        });
        const list: Array<{ waveId: string; name: string; status: string } & Awaited<ReturnType<typeof waveProgress>>> =
          [];
        for (const wave of rows)
          list.push({
            waveId: wave.id,
            name: wave.name,
            status: wave.status,
            ...(await waveProgress(db, shopId, wave.id)),
          });
        output(Boolean(options.json)).result(list, () =>
          list.length
            ? list
                .map(
                  (w) =>
                    `${w.waveId}  ${w.name}: ${w.status.toLowerCase()}, ${w.released}/${w.orders} released, ${w.shipped} shipped`,
                )
                .join("\n")
            : "No waves yet: pledgebridge waves create --campaign <c> --countries FR,DE",
        );
      });
    });

  waves
    .command("release <wave>")
    .description("lift the holds of the wave's orders (locks a draft wave first); resumes where it stopped")
    .option("--shop <domain>", "the shop the wave belongs to")
    .option("--limit <orders>", "release only this many orders now")
    .option("--json", "print JSON")
    .action(async (waveId: string, options: { shop?: string; limit?: string; json?: boolean }) => {
      const limit = options.limit === undefined ? undefined : Number(options.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
        throw new CliError("--limit is a whole number of orders", 2);
      await withDatabase(async (db, config) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const wave = await resolveWave(db, shopId, waveId);
        if (wave.status === "DRAFT") await lockWave(db, shopId, wave.id, "cli");
        const { shop, admin } = await adminForShop(db.prisma, shopId, { adminOrigin: config.SHOPIFY_ADMIN_ORIGIN });
        const result = await releaseWave(
          db,
          { shopId, admin, pacer: pacerForShop(shop.domain), cause: "cli" },
          wave.id,
          limit,
        );
        output(Boolean(options.json)).result(result, () => `released ${result.released} orders; ${result.left} left`);
      });
    });

  waves
    .command("export <wave>")
    .description("the wave as a CSV for a 3PL: a line per order line, with address, customs value and HS code")
    .requiredOption("--out <file>", "where to write the CSV")
    .option("--shop <domain>", "the shop the wave belongs to")
    .action(async (waveId: string, options: { out: string; shop?: string }) => {
      await withDatabase(async (db, config) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const wave = await resolveWave(db, shopId, waveId);
        if (wave.status === "DRAFT")
          throw new CliError("Lock the wave first (waves create --lock, or waves release)", 2);
        const { shop, admin } = await adminForShop(db.prisma, shopId, { adminOrigin: config.SHOPIFY_ADMIN_ORIGIN });
        const file = createWriteStream(options.out);
        for await (const chunk of waveCsv(db, { shopId, admin, pacer: pacerForShop(shop.domain) }, wave.id)) {
          if (!file.write(chunk)) await new Promise<void>((resolve) => file.once("drain", () => resolve()));
        }
        await new Promise<void>((resolve, reject) =>
          file.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        process.stderr.write(`wrote ${options.out}\n`);
      });
    });

  waves
    .command("tracking <file>")
    .description(
      "fulfil the campaign's released orders with a 3PL's tracking numbers (Order, Tracking number[, Carrier, URL])",
    )
    .requiredOption("--campaign <name-or-id>", "the campaign (id, handle or name)")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--json", "print JSON")
    .action(async (path: string, options: { campaign: string; shop?: string; json?: boolean }) => {
      let text: string;
      try {
        if (statSync(path).size > 20 * 1024 * 1024) throw new CliError(`${path} is larger than 20 MB`, 2);
        text = readFileSync(path, "utf8");
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(`Cannot read ${path}: ${(error as Error).message}`, 2);
      }
      await withDatabase(async (db, config) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const campaign = await resolveCampaign(db.prisma, shopId, options.campaign);
        const { shop, admin } = await adminForShop(db.prisma, shopId, { adminOrigin: config.SHOPIFY_ADMIN_ORIGIN });
        const outcomes = await importTracking(
          db,
          { shopId, admin, pacer: pacerForShop(shop.domain), campaignId: campaign.id, cause: "cli" },
          text,
        ).catch((error: unknown) => {
          throw error instanceof TrackingFileError ? new CliError(error.message, 2) : error;
        });
        const count = (kind: string) => outcomes.filter((o) => o.outcome === kind).length;
        const summary = {
          fulfilled: count("fulfilled"),
          alreadyShipped: count("already_shipped"),
          rejected: outcomes.filter((o) => o.outcome === "rejected"),
        };
        output(Boolean(options.json)).result(summary, () =>
          [
            `fulfilled ${summary.fulfilled}, already shipped ${summary.alreadyShipped}, rejected ${summary.rejected.length}`,
            ...summary.rejected.map((r) => `  row ${r.row} (${r.order}): ${"reason" in r ? r.reason : ""}`),
          ].join("\n"),
        );
        if (summary.rejected.length) process.exitCode = 1;
      });
    });
}
