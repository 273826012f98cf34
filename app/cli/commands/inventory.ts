import type { Command } from "commander";
import { refreshLevels, trackedVariantIds } from "../../services/inventory/levels";
import { inventoryCsv, inventoryJson, inventoryView } from "../../services/inventory/view";
import { adminForShop, ShopNotConnectedError } from "../../services/shop-admin";
import { withDatabase } from "../context";
import { CliError, output } from "../output";
import { resolveCampaign, resolveShop } from "../resolve";

const GID = /^gid:\/\/shopify\/(Product|Location)\/\d+$/;

export function registerInventoryCommand(program: Command) {
  program
    .command("inventory")
    .description("stock against demand per variant: on hand, available, reserved, pledged, pre-ordered, to make")
    .option("--campaign <name-or-id>", "only the campaign's variants (id, handle or name)")
    .option("--shop <domain>", "the shop (needed when several are connected)")
    .option("--product <gid>", "only this product, e.g. gid://shopify/Product/1")
    .option("--location <gid>", "stock at this location only, e.g. gid://shopify/Location/1")
    .option("--no-refresh", "use the stock as last read instead of asking Shopify first")
    .option("--csv", "print CSV (for a spreadsheet) instead of a table")
    .option("--json", "print JSON")
    .action(
      async (options: {
        campaign?: string;
        shop?: string;
        product?: string;
        location?: string;
        refresh: boolean;
        csv?: boolean;
        json?: boolean;
      }) => {
        for (const [flag, value] of [
          ["--product", options.product],
          ["--location", options.location],
        ] as const) {
          if (value !== undefined && !GID.test(value))
            throw new CliError(
              `${flag} takes a Shopify id like gid://shopify/${flag === "--product" ? "Product" : "Location"}/1`,
              2,
            );
        }
        if (options.csv && options.json) throw new CliError("--csv and --json: choose one", 2);
        await withDatabase(async (db, config) => {
          const shopId = await resolveShop(db.prisma, options.shop);
          const campaign = options.campaign ? await resolveCampaign(db.prisma, shopId, options.campaign) : null;
          if (options.refresh) {
            try {
              const { admin } = await adminForShop(db.prisma, shopId, { adminOrigin: config.SHOPIFY_ADMIN_ORIGIN });
              await refreshLevels(db, { shopId, admin, variantIds: await trackedVariantIds(db, shopId, campaign?.id) });
            } catch (error) {
              if (!(error instanceof ShopNotConnectedError)) throw error;
              process.stderr.write(`${error.message}; showing the stock as last read\n`);
            }
          }
          const rows = await inventoryView(db, shopId, {
            campaignId: campaign?.id,
            productId: options.product,
            locationId: options.location,
          });
          if (options.csv) return void process.stdout.write(inventoryCsv(rows));
          output(Boolean(options.json)).result(inventoryJson(rows), () => table(rows));
        });
      },
    );
}

function table(rows: Awaited<ReturnType<typeof inventoryView>>): string {
  if (!rows.length) return "No variants: map rewards to products or start a pre-order offer first.";
  const head = ["SKU", "On hand", "Available", "Reserved", "Drafts", "Pledged", "Pre-ordered", "Free", "To make"];
  const body = rows.map((r) =>
    [
      r.sku ?? r.variantId,
      r.onHand,
      r.available,
      r.reserved,
      r.inDrafts,
      r.pledged,
      r.preordered,
      r.freeForRetail,
      r.toManufacture,
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [line(head), ...body.map(line)].join("\n");
}
