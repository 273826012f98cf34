import type { Command } from "commander";
import { connectShop, listShops } from "../../services/shops";
import { createAdminClient, isShopDomain } from "../../shopify/admin-client";
import { AdminApiError } from "../../shopify/errors";
import { withDatabase } from "../context";
import { CliError, output } from "../output";

export function registerShopCommands(program: Command) {
  const shop = program.command("shop").description("the shops this installation serves");

  shop
    .command("connect")
    .description(
      "store an offline session for a shop from an Admin API access token (a custom app's, or the local stand-in's)",
    )
    .requiredOption("--shop <domain>", "the shop, e.g. my-brand.myshopify.com")
    .option("--token <token>", "the Admin API access token (or set SHOPIFY_ADMIN_TOKEN)")
    .option("--json", "print the result as JSON")
    .action(async (options: { shop: string; token?: string; json?: boolean }) => {
      const domain = options.shop.trim().toLowerCase();
      if (!isShopDomain(domain))
        throw new CliError(`--shop must be a domain like my-brand.myshopify.com, not "${options.shop}"`, 2);
      const token = options.token ?? process.env.SHOPIFY_ADMIN_TOKEN;
      if (!token) throw new CliError("give the access token with --token or SHOPIFY_ADMIN_TOKEN", 2);

      await withDatabase(async (db, config) => {
        const admin = createAdminClient({ shop: domain, accessToken: token, adminOrigin: config.SHOPIFY_ADMIN_ORIGIN });
        try {
          const connected = await connectShop(db.prisma, admin, token);
          output(Boolean(options.json)).result(
            connected,
            () =>
              `Connected ${connected.domain} (${connected.name ?? "unnamed"}, ${connected.currencyCode ?? "no currency"}) ` +
              `with ${connected.scopes.length} scopes.`,
          );
        } catch (error) {
          if (error instanceof AdminApiError) {
            const hint = error.failure === "unauthorized" ? " Check the token." : "";
            throw new CliError(`Could not connect ${domain}: ${error.message}.${hint}`);
          }
          throw error;
        }
      });
    });

  shop
    .command("list")
    .description("list connected shops")
    .option("--json", "print the result as JSON")
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const shops = await listShops(db.prisma);
        output(Boolean(options.json)).result(shops, () =>
          shops.length
            ? shops
                .map(
                  (s) =>
                    `${s.domain}\t${s.installed ? "installed" : "uninstalled"}\t${s.currencyCode ?? "-"}\t${s.name ?? ""}`,
                )
                .join("\n")
            : "No shops yet. Install the app on a shop, or run: pledgebridge shop connect --shop <domain> --token <token>",
        );
      });
    });
}
