import type { Command } from "commander";
import { PushInProgressError, runPushJob, startPushRun } from "../../services/ordering/push-jobs";
import type { PrismaClient } from "@prisma/client";
import { completePaidPledges } from "../../services/ordering/complete";
import { reconcileOrders } from "../../services/ordering/linking";
import { adminForShop, ShopNotConnectedError } from "../../services/shop-admin";
import { pacerForShop } from "../../shopify/pacer";
import { pushSettings } from "../../jobs/definitions";
import { TerminalJobError } from "../../jobs/queue";
import pino from "pino";
import { createLogger } from "../../logger.server";
import { withDatabase } from "../context";
import { CliError, output } from "../output";
import { resolveCampaign, resolveShop } from "../resolve";

export function registerOrdersCommands(program: Command) {
  const orders = program.command("orders").description("pledges as Shopify draft orders");

  orders
    .command("push")
    .description("create (or update) the campaign's draft orders in Shopify, here and now, and wait for the end")
    .requiredOption("--campaign <name-or-id>", "the campaign (id, handle or name)")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--retry-failed", "try again the pledges Shopify refused last time")
    .option(
      "--invoice",
      "then send Shopify's invoice email, with the campaign's subject and message, to each drafted pledge",
    )
    .option("--json", "print the result as JSON")
    .action(
      async (options: {
        campaign: string;
        shop?: string;
        retryFailed?: boolean;
        invoice?: boolean;
        json?: boolean;
      }) => {
        await withDatabase(async (db, config) => {
          const shopId = await resolveShop(db.prisma, options.shop);
          const campaign = await resolveCampaign(db.prisma, shopId, options.campaign);
          const run = await startPushRun(db, {
            shopId,
            campaignId: campaign.id,
            retryFailed: options.retryFailed,
            invoice: options.invoice,
          }).catch((error: unknown) => {
            throw error instanceof PushInProgressError ? new CliError(error.message, 1) : error;
          });
          // Ctrl-C stops between calls; whatever was in flight is looked up by the next push.
          const stop = new AbortController();
          process.once("SIGINT", () => stop.abort(new Error("interrupted")));
          try {
            await runPushJob(
              {
                db,
                adminOrigin: config.SHOPIFY_ADMIN_ORIGIN,
                ...pushSettings(config),
                sliceMs: Number.POSITIVE_INFINITY,
              },
              null,
              { shopId, runId: run.id },
              // Logs go to stderr, so that --json output stays one object on stdout.
              { logger: createLogger(process.env.LOG_LEVEL ?? "warn", pino.destination(2)), signal: stop.signal },
            );
          } catch (error) {
            if (error instanceof TerminalJobError || error instanceof ShopNotConnectedError)
              throw new CliError(error.message);
            throw error;
          }
          const done = await db.prisma.pushRun.findUniqueOrThrow({ where: { id: run.id } });
          const result = {
            planned: done.planned,
            created: done.created,
            updated: done.updated,
            skipped: done.skipped,
            blocked: done.blocked,
            failed: done.failed,
            ...(options.invoice ? { invoiced: done.sent } : {}),
            runId: done.id,
          };
          output(Boolean(options.json)).result(
            result,
            () =>
              `${result.planned} pledges planned: ${result.created} created, ${result.updated} updated, ` +
              `${result.skipped} skipped, ${result.blocked} blocked, ${result.failed} failed` +
              (options.invoice ? `; ${done.sent} invoices sent.` : "."),
          );
          if (result.failed) throw new CliError(`${result.failed} pledges failed: see \`campaign show\` and the admin`);
        });
      },
    );

  orders
    .command("reconcile")
    .description("link the orders whose webhook never came: every completed pledge draft is read from Shopify")
    .option("--shop <domain>", "the shop to check")
    .option("--json", "print the result as JSON")
    .action(async (options: { shop?: string; json?: boolean }) => {
      await withDatabase(async (db, config) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const { shop, admin } = await connected(db.prisma, shopId, config.SHOPIFY_ADMIN_ORIGIN);
        const result = await reconcileOrders(db, { shopId, admin, pacer: pacerForShop(shop.domain), cause: "cli" });
        output(Boolean(options.json)).result(
          result,
          () => `${result.checked} completed drafts checked, ${result.linked} orders linked to their pledges.`,
        );
      });
    });

  orders
    .command("complete")
    .description("complete the drafts with nothing left to pay whose backer confirmed the address (paid orders)")
    .requiredOption("--campaign <name-or-id>", "the campaign (id, handle or name)")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--json", "print the result as JSON")
    .action(async (options: { campaign: string; shop?: string; json?: boolean }) => {
      await withDatabase(async (db, config) => {
        const shopId = await resolveShop(db.prisma, options.shop);
        const campaign = await resolveCampaign(db.prisma, shopId, options.campaign);
        const { shop, admin } = await connected(db.prisma, shopId, config.SHOPIFY_ADMIN_ORIGIN);
        const { orders: _orders, ...result } = await completePaidPledges(db, {
          shopId,
          campaignId: campaign.id,
          admin,
          pacer: pacerForShop(shop.domain),
          cause: "cli",
        });
        output(Boolean(options.json)).result(
          result,
          () => `${result.completed} completed, ${result.owes} still owe something, ${result.refused} refused.`,
        );
        if (result.refused) throw new CliError(`${result.refused} completions were refused: see the admin`);
      });
    });
}

async function connected(prisma: PrismaClient, shopId: string, adminOrigin?: string) {
  try {
    return await adminForShop(prisma, shopId, { adminOrigin });
  } catch (error) {
    if (error instanceof ShopNotConnectedError) throw new CliError(error.message);
    throw error;
  }
}
