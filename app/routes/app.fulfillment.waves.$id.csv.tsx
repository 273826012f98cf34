// A wave as a CSV for a 3PL, streamed as its orders are read from Shopify.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireShop } from "../admin-shop.server";
import { readConfig } from "../config.server";
import { database } from "../db.server";
import { waveCsv } from "../services/fulfillment/export";
import { adminForShop } from "../services/shop-admin";
import { pacerForShop } from "../shopify/pacer";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const wave = await database.prisma.wave.findFirst({ where: { id: params.id, shopId: shop.id } });
  if (!wave) notFound();
  const { admin } = await adminForShop(database.prisma, shop.id, { adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN });
  const chunks = waveCsv(database, { shopId: shop.id, admin, pacer: pacerForShop(shop.domain) }, wave.id);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const name = `${wave.name.replace(/[^\w.-]+/g, "_")}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
};
